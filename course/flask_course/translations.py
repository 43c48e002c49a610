"""The course's own translations: the ``cookie_inspector`` domain in ``flask_course/locale/``.

The course ships its catalogs in its package (``locale/<lang>/cookie_inspector.json``, compiled
from ``locale/<lang>/LC_MESSAGES/cookie_inspector.po`` by the engine's ``make i18n``), and reads
them with the engine's run time (``recall_widgets.i18n.catalog``), so its widget speaks the
languages the course translated, chosen as the engine's widgets choose theirs.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from recall_widgets.i18n.catalog import catalogs_json

__all__ = ["DOMAIN", "LOCALE", "inspector_catalogs"]

DOMAIN = "cookie_inspector"
"""The course's domain: every text the CookieInspector shows."""
LOCALE = Path(__file__).resolve().parent / "locale"
"""The course's catalogs."""


@lru_cache(maxsize=8)
def inspector_catalogs(lang: str = "") -> str:
    """The widget's ``_i18n`` trait: the course's domain, and the engine's ``widgets`` domain
    the shared front end (``common.js``) speaks through; ``lang`` chosen already (the widget's
    ``lang``): that language's catalogs alone, as the engine's widgets send theirs; ``""``:
    every shipped language, for the browser to choose."""
    chosen = lang or None
    merged = {
        **json.loads(catalogs_json("widgets", lang=chosen)),
        **json.loads(catalogs_json(DOMAIN, LOCALE, lang=chosen)),
    }
    return json.dumps(merged, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
