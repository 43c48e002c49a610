"""Benchmark: the class pulse with 30 learners sending an event a second for a minute (not a test).

Run it with ``.venv/bin/python bench/bench_pulse.py`` (``--learners N``, ``--seconds S``). It
starts the real ``recall-widgets pulse`` on 127.0.0.1 over the course's decks (a temporary
room), joins the learners with the room code, and opens the instructor's live stream
(``/api/stream``, what the page listens to). Each learner (a thread) posts one answer a
second, at a random offset; then it prints:

- ingest: the time from sending an event to its acknowledgement (stored, ``synchronous=FULL``),
  p50 and p99;
- page update: the time from sending an event to the first summary pushed to the instructor's
  page that counts it, p50 and p95 (goal: 2 s or less), beside the 5.5 s median of the shell
  loop exporting every learner's store every 5 s (the only way before the pulse);
- the pulse's CPU (share of one core over the run) and its largest resident memory.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "pulse"))
from pulse_process import PulseProcess, request

from recall_widgets import load_deck
from recall_widgets.progress.sender import event_id

BASELINE_S = 5.5
GOAL_S = 2.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def stream(pulse: PulseProcess, updates: list[tuple[float, int]], stop: threading.Event) -> None:
    """Read the instructor's stream: (arrival time, events counted) of each summary."""
    req = urllib.request.Request(
        f"{pulse.url}/api/stream", headers={"Authorization": f"Bearer {pulse.instructor_token}"}
    )
    with urllib.request.urlopen(req, timeout=30) as response:
        for raw in response:
            line = raw.decode()
            if line.startswith("data: "):
                updates.append((time.monotonic(), json.loads(line[6:])["total_events"]))
            if stop.is_set():
                return


def learner(
    pulse: PulseProcess, number: int, questions: list, seconds: float, sent: list, start: float
) -> None:
    name = f"learner-{number:02d}"
    body = json.dumps({"room": pulse.room_code, "learner": name, "name": name}).encode()
    status, answer, _ = request(f"{pulse.url}/api/join", body=body)
    assert status == 200, answer
    token = json.loads(answer)["token"]
    rng = random.Random(number)
    time.sleep(rng.random())
    seq = 0
    while time.monotonic() - start < seconds:
        seq += 1
        question = rng.choice(questions)
        event = {
            "deck": "flask-sessions",
            "item": question.id,
            "kind": "answer",
            "value": {"choices": [rng.randrange(len(question.choices))]},
            "seq": seq,
            "time": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
        }
        payload = json.dumps({"events": [{"id": event_id(event), "event": event}]}).encode()
        began = time.monotonic()
        status, answer, _ = request(f"{pulse.url}/api/events", body=payload, token=token)
        acked = time.monotonic()
        if status == 200:
            sent.append((began, acked, json.loads(answer)["total"]))
        time.sleep(max(0.0, 1.0 - (acked - began)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    deck = load_deck(Path(__file__).resolve().parent.parent / "content" / "flask-sessions.yaml")
    questions = [q for q in deck.questions if not q.multiple]
    with tempfile.TemporaryDirectory() as folder:
        pulse = PulseProcess(Path(folder) / "pulse.sqlite3", Path(folder) / "pulse.log").start()
        try:
            proc = psutil.Process(pulse.proc.pid if pulse.proc else 0)
            updates: list[tuple[float, int]] = []
            sent: list[tuple[float, float, int]] = []
            stop = threading.Event()
            watcher = threading.Thread(target=stream, args=(pulse, updates, stop), daemon=True)
            watcher.start()
            cpu_before, rss = proc.cpu_times(), [proc.memory_info().rss]
            start = time.monotonic()
            threads = [
                threading.Thread(
                    target=learner, args=(pulse, n, questions, args.seconds, sent, start)
                )
                for n in range(args.learners)
            ]
            for thread in threads:
                thread.start()
            while any(t.is_alive() for t in threads):
                rss.append(proc.memory_info().rss)
                time.sleep(1.0)
            time.sleep(1.0)  # the last updates
            elapsed = time.monotonic() - start
            cpu_after = proc.cpu_times()
            stop.set()
        finally:
            pulse.stop()
    ingest = [acked - began for began, acked, _total in sent]
    page = []
    for began, _acked, total in sent:
        arrival = next((t for t, counted in updates if counted >= total and t >= began), None)
        if arrival is not None:
            page.append(arrival - began)
    cpu = (cpu_after.user + cpu_after.system - cpu_before.user - cpu_before.system) / elapsed
    print(f"Class pulse: {args.learners} learners, an event a second each, {args.seconds:.0f} s")
    print(f"  events acknowledged: {len(sent)}; summaries pushed to the page: {len(updates)}")
    print(
        f"  ingest (send → stored, acknowledged): p50 {statistics.median(ingest) * 1000:.1f} ms,"
        f" p99 {percentile(ingest, 0.99) * 1000:.1f} ms"
    )
    print(
        f"  page update (send → on the page's stream): p50 {statistics.median(page):.2f} s,"
        f" p95 {percentile(page, 0.95):.2f} s (goal ≤ {GOAL_S:.0f} s;"
        f" {len(sent) - len(page)} never seen)"
    )
    print(
        f"  before the pulse, the shell loop exporting every store every 5 s: "
        f"{BASELINE_S} s median ({BASELINE_S / statistics.median(page):.0f}x later)"
    )
    print(
        f"  the pulse's CPU: {cpu * 100:.0f}% of one core; largest memory: "
        f"{max(rss) / 2**20:.0f} MiB resident"
    )


if __name__ == "__main__":
    main()
