"""Benchmark: record one review durably; build the due queue for 10,000 items (not a test).

Run it with ``.venv/bin/python bench/bench_progress.py`` (``--runs N`` for more repeats). In a
temporary folder it fills a progress store with 10,000 reviewed items (one import, one
transaction), then prints the median of:

- ``record()``: one flashcard rating, stored and scheduled in its own transaction with
  ``synchronous=FULL`` (on disk when the call returns), on a store holding 10,000 items;
- ``due()``: the review queue when all 10,000 items are due (the worst case), decks interleaved;
- ``summary()`` of the 10,000 items (four decks), for the dashboard.

The same numbers with the rollback journal (``journal_mode=DELETE``, as on NFS) follow.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from recall_widgets.deck.model import Card, Deck
from recall_widgets.progress.store import ProgressStore
from recall_widgets.progress.transfer import FORMAT, VERSION

ITEMS = 10_000
DECKS = 4
START = dt.datetime(2025, 1, 1, 8, 0, tzinfo=dt.UTC)


def stamp(when: dt.datetime) -> str:
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def export_text(n_items: int) -> str:
    """An export of ``n_items`` items in DECKS decks, each rated once (good, hard or again)."""
    events: list[dict[str, Any]] = []
    for i in range(n_items):
        events.append(
            {
                "deck": f"deck{i % DECKS}",
                "item": f"item{i}",
                "kind": "rate",
                "value": ("good", "hard", "again")[i % 3],
                "seq": i + 1,
                "time": stamp(START + dt.timedelta(seconds=i)),
            }
        )
    return json.dumps({"format": FORMAT, "version": VERSION, "exported": "", "events": events})


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


class _NoWal(sqlite3.Connection):
    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if "journal_mode=WAL" in sql:
            return super().execute("PRAGMA journal_mode")
        return super().execute(sql, *args)


def bench(folder: Path, runs: int, wal: bool) -> None:
    store = ProgressStore(folder / f"progress-{'wal' if wal else 'delete'}.sqlite3")
    if not wal:
        store._connection_factory = _NoWal
    start = time.perf_counter()
    store.import_text(export_text(ITEMS), "bench")
    filled = time.perf_counter() - start
    print(
        f"journal_mode={store.journal_mode}: filled with {ITEMS:,} reviewed items in {filled:.2f} s"
    )

    seq = iter(range(1, 10**9))
    when = START + dt.timedelta(days=1)

    def record() -> None:
        n = next(seq)
        k = (n * 7919) % ITEMS  # an existing item, spread over the table
        event = {
            "deck": f"deck{k % DECKS}",
            "item": f"item{k}",
            "kind": "rate",
            "value": "good",
            "seq": ITEMS + n,
            "time": stamp(when + dt.timedelta(seconds=n)),
        }
        if not store.record(event):
            raise SystemExit(f"not saved: {store.error}")

    print(f"  record() one review, durable:        {median_ms(record, runs * 10):8.2f} ms (median)")
    later = START + dt.timedelta(days=3650)
    if len(store.due(later)) != ITEMS:
        raise SystemExit(f"expected {ITEMS} due items, got {len(store.due(later))}")
    due_ms = median_ms(lambda: store.due(later), runs)
    print(f"  due() queue of {ITEMS:,} due items:     {due_ms:8.2f} ms")
    decks = [
        Deck.model_validate(  # the deck's id (`Deck.id`) is written `deck:`, as in YAML
            {
                "deck": f"deck{d}",
                "title": "Bench",
                "cards": tuple(
                    Card(id=f"item{i}", front="f", back="b") for i in range(d, ITEMS, DECKS)
                ),
            }
        )
        for d in range(DECKS)
    ]
    total = sum(r.total for r in store.summary(decks))
    summary_ms = median_ms(lambda: store.summary(decks), runs)
    print(f"  summary() of {DECKS} decks, {total:,} items:   {summary_ms:8.2f} ms")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="repeats per measure (default: 20)")
    args = parser.parse_args()
    os.environ.pop("RECALL_NOW", None)
    with tempfile.TemporaryDirectory(prefix="bench-progress-") as folder:
        for wal in (True, False):
            bench(Path(folder), args.runs, wal)


if __name__ == "__main__":
    main()
