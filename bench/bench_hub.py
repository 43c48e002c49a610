"""Benchmark: a room of learners on a real local JupyterHub (not a test).

From the repository root, after ``make setup`` and ``npm ci``::

    .venv/bin/python bench/bench_hub.py              # 20 learners
    .venv/bin/python bench/bench_hub.py --learners 10

It starts the hub the hub tests use (``tests/hub/hubs.py``: the deployment guide's fragment as
written, DummyAuthenticator, SimpleLocalProcessSpawner, configurable-http-proxy, all on
127.0.0.1, the fragment's pulse service: the real pulse, ``python -m recall_widgets pulse``, run
by the hub), then, as a room arriving at once:

1. spawns every learner's server at the same moment and times each to ready (median, max,
   failures);
2. measures each learner's single-user server (psutil: RSS, and PSS, which shares the pages
   the servers have in common fairly among them);
3. opens a kernel for each learner (a few at a time) that imports the course engine, loads the
   course deck and answers a question through ``Quiz`` — what a lesson's first cell does — and
   measures the kernel too, and how long the learner waited for that first answer;
4. has every learner answer ``--answers`` more questions in that kernel, one every second or two,
   all at once, while the instructor's live stream is read through the hub's proxy (an admin's
   token), and times each answer from the widget's call to the page update that counts it
   (p50, p95; the answers are matched to updates by rank, as they were counted);
5. prints the figures per learner and for the room, with what they mean for sizing (the
   guide's table in docs/jupyterhub.md comes from a run of this script), beside the figures
   the issue measured by hand (145 MiB per server + ~75 MiB per kernel).

Everything started is stopped by pid at the end. Timing depends on the machine's load: the
figures are for the room on this machine, not a goal.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "hub"))

from hubs import INSTRUCTOR, PULSE, Hub, ServerError, local_hub, service_override  # noqa: E402
from servers import free_port  # noqa: E402

DECK = REPO / "content" / "flask-sessions.yaml"
MIB = 1024 * 1024
#: The issue's figures, measured by hand on a hub like this one (per learner).
BASELINE = {"server": 145.0, "kernel": 75.0}
FIRST_ANSWER = f"""
from recall_widgets import Quiz, load_deck
deck = load_deck({str(DECK)!r})
question = deck.questions[0]
quiz = Quiz(deck, shuffle_choices=False)
print(quiz.answer(question.id, [i for i, c in enumerate(question.choices) if c.correct]))
"""


#: Run in a learner's kernel: answer questions through ``Quiz`` (the widgets' sender posts each
#: to the pulse with the kernel's hub token); print the wall-clock time of each answer.
ANSWERS = """
import json, random, time
from recall_widgets import Quiz, load_deck
from recall_widgets.progress.sender import active_sender
deck = load_deck(DECK)
questions = [q for q in deck.questions if not q.multiple]
rng = random.Random(SEED)
quiz = Quiz(deck, ids=[q.id for q in questions], shuffle_choices=False)
times = []
for n in range(COUNT):
    time.sleep(1 + rng.random())
    question = rng.choice(questions)
    times.append(time.time())
    quiz.answer(question.id, [rng.randrange(len(question.choices))])
active_sender().flush(60)
print(json.dumps(times))
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def watch(hub: Hub, updates: list[tuple[float, int]], stop: threading.Event) -> None:
    """Read the instructor's live stream through the hub: (arrival, events counted) each."""
    request = urllib.request.Request(
        f"{hub.url}/services/{PULSE}/api/stream",
        headers={"Authorization": f"token {hub.user_token(INSTRUCTOR)}"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        for raw in response:
            line = raw.decode()
            if line.startswith("data: "):
                updates.append((time.time(), json.loads(line[6:])["total_events"]))
            if stop.is_set():
                return


def page_latency(hub: Hub, names: list[str], kernels: dict[str, str], count: int) -> list[float]:
    """Every learner answers ``count`` questions at once; each answer's seconds to the page."""
    updates: list[tuple[float, int]] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(hub, updates, stop), daemon=True)
    watcher.start()
    while not updates:
        time.sleep(0.1)
    base = updates[-1][1]
    code = ANSWERS.replace("DECK", repr(str(DECK))).replace("COUNT", str(count))

    def answer(name: str) -> list[float]:
        seed = str(random.Random(name).randrange(10**6))
        run = hub.run_code(name, code.replace("SEED", seed), kernel=kernels[name], timeout=300)
        if run.error:
            raise ServerError(f"{name}'s answers: {run.error}")
        times: list[float] = json.loads(run.stdout.strip().splitlines()[-1])
        return times

    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        sent = sorted(t for times in pool.map(answer, names) for t in times)
    deadline = time.monotonic() + 30
    while updates[-1][1] < base + len(sent) and time.monotonic() < deadline:
        time.sleep(0.2)
    stop.set()
    latencies = []
    for rank, began in enumerate(sent, 1):
        shown = next((t for t, counted in updates if counted >= base + rank), None)
        if shown is not None:
            latencies.append(max(0.0, shown - began))
    return latencies


def memory(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of one process, in MiB."""
    info = psutil.Process(pid).memory_full_info()
    return info.rss / MIB, getattr(info, "pss", info.rss) / MIB


def kernels_of(server_pid: int) -> list[psutil.Process]:
    """The kernels a single-user server started (its ipykernel children)."""
    return [
        child
        for child in psutil.Process(server_pid).children(recursive=True)
        if "ipykernel_launcher" in " ".join(child.cmdline())
    ]


def first_answer(hub: Hub, name: str) -> dict[str, Any]:
    """One learner's first lesson cell in a new kernel: the wait and the kernel's memory."""
    start = time.monotonic()
    kernel_id = hub.start_kernel(name)
    try:
        run = hub.run_code(name, FIRST_ANSWER, kernel=kernel_id, timeout=300)
    except Exception as error:  # the websocket or the kernel went away: a failure of the room
        raise ServerError(f"{name}'s kernel: {type(error).__name__}: {error}") from None
    waited = time.monotonic() - start
    if run.error or run.stdout.strip() != "True":
        raise ServerError(f"{name}'s first answer: {run.error or run.stdout!r}")
    (kernel,) = kernels_of(hub.server_pid(name))
    rss, pss = memory(kernel.pid)
    return {"first_answer": waited, "kernel_rss": rss, "kernel_pss": pss, "id": kernel_id}


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):6.1f}  max {max(values):6.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20, help="learners in the room")
    parser.add_argument(
        "--kernels-at-once", type=int, default=4, help="kernels opened at the same time"
    )
    parser.add_argument(
        "--answers", type=int, default=10, help="answers per learner for the page latency"
    )
    args = parser.parse_args()
    names = [f"learner-{i:02d}" for i in range(1, args.learners + 1)]
    base = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    token_file = base / "pulse_api_token"
    token_file.write_text(secrets.token_hex(32), encoding="utf-8")
    env = {
        "RECALL_PULSE_TOKEN_FILE": str(token_file),
        "RECALL_PULSE_URL": f"http://127.0.0.1:{free_port()}",
    }
    command = [sys.executable, "-m", "recall_widgets", "pulse", "--decks", str(REPO / "content")]
    pulse = service_override(
        PULSE,
        command=[*command, "--db", str(base / "pulse.sqlite3")],
        environment={"RECALL_PROGRESS": str(base / "pulse-service-progress.sqlite3")},
    )
    print(f"{args.learners} learners on a local JupyterHub, {os.cpu_count()} cores")
    try:
        return room(base, names, args.kernels_at_once, pulse, env, args.answers)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def room(
    base: Path,
    names: list[str],
    kernels_at_once: int,
    pulse: str,
    env: dict[str, str],
    answers: int,
) -> int:
    """Run the room (see the module's docstring) and print its figures; 1 if any failed."""
    with local_hub(base, extra_config=pulse, env=env) as hub:
        hub_rss = memory(int((hub.state / "jupyterhub.pid").read_text()))[0]
        hub.add_users(names)
        started = time.monotonic()
        spawn_times: dict[str, float] = {}
        failures: dict[str, str] = {}
        with ThreadPoolExecutor(max_workers=len(names)) as pool:
            futures = {name: pool.submit(hub.spawn_one, name) for name in names}
            for name, future in futures.items():
                try:
                    spawn_times[name] = future.result()
                except ServerError as error:
                    failures[name] = str(error)
        room_ready = time.monotonic() - started
        servers = {name: memory(hub.server_pid(name)) for name in spawn_times}
        with ThreadPoolExecutor(max_workers=kernels_at_once) as pool:
            futures = {name: pool.submit(first_answer, hub, name) for name in spawn_times}
            kernels: dict[str, dict[str, Any]] = {}
            for name, future in futures.items():
                try:
                    kernels[name] = future.result()
                except ServerError as error:
                    failures[name] = str(error)
        hub.add_users([INSTRUCTOR])
        ready = list(kernels)
        latencies = page_latency(hub, ready, {n: kernels[n]["id"] for n in ready}, answers)
        load = os.getloadavg()[0]

    print(f"\nspawn (s), all {len(names)} asked at once:  {summary(list(spawn_times.values()))}")
    print(f"  the whole room ready after {room_ready:.1f} s; failures: {len(failures)}")
    for name, why in failures.items():
        print(f"  FAILED {name}: {why[:200]}")
    waits = [k["first_answer"] for k in kernels.values()]
    print(f"first answer in a new kernel (s), {kernels_at_once} at once:  {summary(waits)}")
    server_rss = [rss for rss, _ in servers.values()]
    server_pss = [pss for _, pss in servers.values()]
    kernel_rss = [k["kernel_rss"] for k in kernels.values()]
    kernel_pss = [k["kernel_pss"] for k in kernels.values()]
    print("\nmemory per learner (MiB)               RSS                      PSS")
    print(f"  single-user server   {summary(server_rss)}   {summary(server_pss)}")
    print(f"  one notebook kernel  {summary(kernel_rss)}   {summary(kernel_pss)}")
    per_learner = statistics.median(server_rss) + statistics.median(kernel_rss)
    per_learner_pss = statistics.median(server_pss) + statistics.median(kernel_pss)
    print(f"  server + one kernel  median {per_learner:6.1f}         median {per_learner_pss:6.1f}")
    print(
        f"  baseline (by hand)   server {BASELINE['server']:.0f} + kernel {BASELINE['kernel']:.0f}"
        f" = {BASELINE['server'] + BASELINE['kernel']:.0f}"
    )
    print(f"  the hub itself: {hub_rss:.0f} MiB RSS; load average at the end: {load:.1f}")
    expected = len(kernels) * answers
    print(
        f"\npage update through the hub, {len(kernels)} learners answering at once "
        f"({answers} each, one every 1-2 s): {len(latencies)} of {expected} answers shown"
    )
    if latencies:
        print(
            f"  answer -> live page: p50 {statistics.median(latencies):.2f} s,"
            f" p95 {percentile(latencies, 0.95):.2f} s, max {max(latencies):.2f} s"
        )
    print("\nsizing (RSS, one open notebook per learner, +25% headroom):")
    for room in (20, 50, 100):
        need = room * per_learner * 1.25 / 1024 + 0.5
        print(f"  {room:3d} learners at once: {need:5.1f} GiB")
    return 1 if failures or len(latencies) < expected else 0


if __name__ == "__main__":
    raise SystemExit(main())
