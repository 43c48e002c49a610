"""``recall-widgets pulse``: start the class pulse, or print learner tokens."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from ..deck.model import Deck
from .hub import HubSettings

__all__ = ["DEFAULT_PORT", "default_database", "print_tokens", "run_pulse"]

DEFAULT_PORT = 8765


def default_database() -> Path:
    """Where the pulse keeps the room by default: ``pulse.sqlite3`` beside the learner store's
    per-user folder (``~/.local/share/recall-widgets/`` on Linux)."""
    from ..progress.database import default_path

    saved = os.environ.pop("RECALL_PROGRESS", None)  # the per-user folder, not a test's file
    try:
        return default_path().parent / "pulse.sqlite3"
    finally:
        if saved is not None:
            os.environ["RECALL_PROGRESS"] = saved


def print_tokens(database: str | Path, learners: Sequence[str]) -> None:
    """Print a learner token for each learner id (for handing out before the workshop)."""
    from .auth import RoomKeys
    from .storage import open_storage

    storage = open_storage(database)
    try:
        keys = RoomKeys(storage)
        for learner in learners:
            print(f"{learner}\t{keys.learner_token(learner)}")
    finally:
        storage.close()


def run_pulse(
    decks: Sequence[Deck],
    database: str | Path,
    host: str,
    port: int,
    hub: HubSettings | None = None,
    lang: str = "",
) -> None:
    """Serve the pulse until Ctrl+C or SIGTERM; print where learners and the instructor go.

    With ``hub``, as that JupyterHub's service (:mod:`.hub`): hub users, no pulse tokens. The
    instructor's page speaks ``lang`` (a BCP 47 tag; ``""``: each browser's language).
    """
    from .postgres import redact
    from .server import open_room, serve

    room, keys = open_room(database, decks)
    address = f"http://{host}:{port}"
    gate = None
    if hub is not None:
        from .hub import HubGate

        gate = HubGate(hub)

    async def main() -> None:
        server = serve(room, keys, host=host, port=port, hub=gate, lang=lang)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        ids = ", ".join(d.id for d in decks)
        print(f"Class pulse for {len(decks)} deck{'s' if len(decks) != 1 else ''} ({ids})")
        if hub is None:
            print(f"  instructor's page: {address}/?token={keys.instructor_token}")
            print(f"  learners: RECALL_PULSE={address} RECALL_PULSE_TOKEN={keys.room_code}")
        else:
            print(
                f"  on the hub as the service {hub.service!r}: the instructor's page is the "
                f"hub's {hub.prefix} (hub admins, the group {hub.instructors_group!r}, the "
                f"scope {hub.instruct_scope!r})"
            )
            print(
                f"  learners: RECALL_PULSE={address} RECALL_PULSE_SERVICE={hub.service} "
                "(their hub token is their pass)"
            )
        if lang:
            print(f"  the page speaks {lang} (--lang, the course's lang or RECALL_LANG)")
        else:
            print("  the page speaks each browser's language (its Accept-Language)")
        kept = redact(str(database))
        print(f"  room kept in {kept} ({len(room.rows)} events, {len(room.learners)} learners)")
        if host not in ("127.0.0.1", "localhost", "::1"):
            print("  plain HTTP: use it on the room's own network only", file=sys.stderr)
        print("Stop with Ctrl+C.", flush=True)
        await stop.wait()
        server.stop()

    try:
        asyncio.run(main())
    finally:
        room.storage.close()
