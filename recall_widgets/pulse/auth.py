"""Who may do what at the pulse: the room code, learner tokens, the instructor's token.

- The **instructor's token** opens the live page, the summaries, the CSV and the delete form
  (once given, as ``/?token=…``, a signed cookie keeps the instructor in).
- A **learner token** ``<learner id, base64url>.<signature>`` lets one learner send their own
  events, nothing else: it is signed with the room's secret (HMAC-SHA256), so a learner cannot
  make one for someone else, and it is never accepted for the page.
- The **room code** (``ABCD-EFGH``) lets a learner join: given a learner id not yet taken, the
  pulse answers a learner token for it. An id already taken needs its token.

The secret, the code and the instructor's token are kept in the room's storage, so a
restarted pulse lets the same people in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets

from .storage import PulseStorage

__all__ = ["LEARNER_ID", "RoomKeys", "make_room_code"]

LEARNER_ID = re.compile(r"^[\w.@+-]{1,64}$")
"""A learner id: 1 to 64 letters, digits, ``_ . @ + -`` (a JupyterHub user name fits)."""
_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def make_room_code() -> str:
    """A new room code: two groups of four letters or digits that are hard to misread."""
    letters = "".join(secrets.choice(_CODE_LETTERS) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _unb64(text: str) -> str | None:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


class RoomKeys:
    """The room's secret, code and instructor token, read from (or first written to) storage.

    Parameters
    ----------
    storage:
        The room's storage; missing keys are made once and kept there.

    Example
    -------
    >>> import tempfile, pathlib
    >>> from recall_widgets.pulse.sqlite import SQLiteStorage
    >>> keys = RoomKeys(SQLiteStorage(pathlib.Path(tempfile.mkdtemp()) / "p.sqlite3"))
    >>> keys.learner_of(keys.learner_token("ana"))
    'ana'
    >>> keys.learner_of("ana.forged") is None
    True
    """

    def __init__(self, storage: PulseStorage) -> None:
        self._secret = bytes.fromhex(self._kept(storage, "secret", secrets.token_hex(32)))
        self.room_code = self._kept(storage, "room_code", make_room_code())
        self.instructor_token = self._kept(storage, "instructor_token", secrets.token_urlsafe(24))

    @staticmethod
    def _kept(storage: PulseStorage, key: str, new: str) -> str:
        value = storage.setting(key)
        if value is None:
            storage.set_setting(key, new)
            value = new
        return value

    @property
    def cookie_secret(self) -> str:
        """The secret the instructor's signed cookie and the CSRF tokens are made with."""
        return hmac.new(self._secret, b"cookie", hashlib.sha256).hexdigest()

    def _signature(self, learner: str) -> str:
        digest = hmac.new(self._secret, f"learner:{learner}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:24]).decode()

    def learner_token(self, learner: str) -> str:
        """The learner token of ``learner`` (always the same for a room)."""
        if not LEARNER_ID.match(learner):
            raise ValueError(f"learner id {learner!r} must be 1 to 64 letters, digits or _ . @ + -")
        return f"{_b64(learner)}.{self._signature(learner)}"

    def learner_of(self, token: str) -> str | None:
        """The learner a learner token is for, or None if it is not one of this room's."""
        encoded, _, signature = token.rpartition(".")
        learner = _unb64(encoded) if encoded else None
        if learner is None or not LEARNER_ID.match(learner):
            return None
        if not hmac.compare_digest(signature.encode(), self._signature(learner).encode()):
            return None
        return learner

    def is_instructor(self, token: str | None) -> bool:
        """Whether ``token`` is the instructor's."""
        return token is not None and hmac.compare_digest(
            token.encode(), self.instructor_token.encode()
        )

    def is_room_code(self, code: object) -> bool:
        """Whether ``code`` is the room code (letter case and spaces do not matter)."""
        if not isinstance(code, str):
            return False
        given = code.strip().upper().replace(" ", "")
        return hmac.compare_digest(given.encode(), self.room_code.encode())
