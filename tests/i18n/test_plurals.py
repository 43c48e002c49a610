"""Python picks the plural form the browser picks: ``plural_category`` on the catalogs' CLDR
rules against node's ``Intl.PluralRules`` (the same ICU data as Chromium), n = 0..200."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from recall_widgets.i18n.catalog import ENGLISH_RULES, load_catalogs, translator
from recall_widgets.i18n.plurals import plural_category

COUNTS = range(201)


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail(
            "node is not installed: the plural rules cannot be compared (.ci/run installs it)"
        )
    return found


def intl_categories(lang: str) -> list[str]:
    script = (
        f"const r = new Intl.PluralRules({json.dumps(lang)});"
        f"console.log(JSON.stringify({list(COUNTS)}.map((n) => r.select(n))));"
    )
    result = subprocess.run([node(), "-e", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


LANGUAGES = {
    "en": ENGLISH_RULES,
    **{lang: c["plural"] for lang, c in load_catalogs("widgets").items()},
}


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_python_and_the_browser_pick_the_same_form(lang: str) -> None:
    python = [plural_category(LANGUAGES[lang], n) for n in COUNTS]
    assert python == intl_categories(lang)


def test_french_counts_zero_and_one_as_one_german_only_one() -> None:
    assert [plural_category(LANGUAGES["fr"], n) for n in (0, 1, 2)] == ["one", "one", "other"]
    assert [plural_category(LANGUAGES["de"], n) for n in (0, 1, 2)] == ["other", "one", "other"]
    assert plural_category(LANGUAGES["fr"], 1_000_000) == "many"  # "1 000 000 de cartes"


def test_a_counted_message_in_each_language() -> None:
    due = ("Next review: now ({n} item due).", "Next review: now ({n} items due).")
    assert translator("de").nt(*due, 1) == "Nächste Wiederholung: jetzt (1 Eintrag fällig)."
    assert translator("de").nt(*due, 2) == "Nächste Wiederholung: jetzt (2 Einträge fällig)."
    assert (
        translator("fr").nt(*due, 0) == "Prochaine révision\u202f: maintenant (0 élément à revoir)."
    )
    assert (
        translator("fr").nt(*due, 2)
        == "Prochaine révision\u202f: maintenant (2 éléments à revoir)."
    )
    assert translator("en").nt(*due, 1) == "Next review: now (1 item due)."
    assert translator("").nt(*due, 3) == "Next review: now (3 items due)."


def test_a_bad_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="not a CLDR plural relation"):
        plural_category({"one": "n is one"}, 1)
