"""Who the learner is: an id and a display name, for their exports and the class pulse.

Looked up in this order: ``RECALL_LEARNER`` / ``RECALL_LEARNER_NAME``; what
:func:`set_learner` saved once in ``learner.json`` beside the learner's store; else the
JupyterHub user (``JUPYTERHUB_USER``) or the login name, named by that id. An export carries
both (``"learner": {"id", "name"}``) and is named after the learner
(:func:`export_filename`), so twenty exports of a room do not clash and the same learner's
files count once.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ENV_LEARNER",
    "ENV_NAME",
    "LearnerIdentity",
    "export_filename",
    "identity_file",
    "learner_identity",
    "set_learner",
]

ENV_LEARNER = "RECALL_LEARNER"
ENV_NAME = "RECALL_LEARNER_NAME"
LEARNER_ID = re.compile(r"^[\w.@+-]{1,64}$")


@dataclass(frozen=True)
class LearnerIdentity:
    """A learner's id (letters, digits, ``_ . @ + -``) and display name."""

    id: str
    name: str


def identity_file() -> Path:
    """``learner.json`` beside the learner's store."""
    from .database import default_path

    return default_path().parent / "learner.json"


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w.@+-]+", "-", text.strip()).strip("-")[:64]
    return slug or "learner"


def _login() -> str:
    hub = os.environ.get("JUPYTERHUB_USER", "").strip()
    if hub:
        return hub
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "learner"


def learner_identity() -> LearnerIdentity:
    """The learner's id and name (see the module docstring for where they come from)."""
    saved: dict[str, object] = {}
    try:
        loaded = json.loads(identity_file().read_text(encoding="utf-8"))
        saved = loaded if isinstance(loaded, dict) else {}
    except (OSError, ValueError):
        pass
    learner = os.environ.get(ENV_LEARNER, "").strip() or str(saved.get("id") or "") or _login()
    learner = learner if LEARNER_ID.match(learner) else _slug(learner)
    name = os.environ.get(ENV_NAME, "").strip() or str(saved.get("name") or "") or learner
    return LearnerIdentity(learner, name.strip()[:80])


def set_learner(name: str, learner: str | None = None) -> LearnerIdentity:
    """Save the learner's display name (and id: default, made from the login or the name)
    beside their store, once; later exports and the pulse use it.

    Example
    -------
    >>> set_learner("Ana Lima")  # doctest: +SKIP
    LearnerIdentity(id='ana', name='Ana Lima')
    """
    shown = name.strip()
    if not 0 < len(shown) <= 80:
        raise ValueError(f"a learner's name must be 1 to 80 characters, got {name!r}")
    chosen = (learner or _login()).strip()
    if not LEARNER_ID.match(chosen):
        raise ValueError(f"learner id {chosen!r} must be 1 to 64 letters, digits or _ . @ + -")
    path = identity_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"id": chosen, "name": shown}), encoding="utf-8")
    return LearnerIdentity(chosen, shown)


def export_filename(identity: LearnerIdentity, day: str) -> str:
    """The export's file name: ``recall-progress-<learner>-<YYYYMMDD>.json``."""
    return f"recall-progress-{_slug(identity.id)}-{day}.json"
