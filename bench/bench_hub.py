"""Benchmark: a room of learners on a real local JupyterHub (not a test).

From the repository root, after ``make setup`` and ``npm ci``::

    .venv/bin/python bench/bench_hub.py              # 20 learners
    .venv/bin/python bench/bench_hub.py --learners 10

It starts the hub the hub tests use (``tests/hub/hubs.py``: the deployment guide's fragment as
written, DummyAuthenticator, SimpleLocalProcessSpawner, configurable-http-proxy, all on
127.0.0.1, the fragment's pulse service run by the stand-in ``tests/hub/whoami_service.py``),
then, as a room arriving at once:

1. spawns every learner's server at the same moment and times each to ready (median, max,
   failures);
2. measures each learner's single-user server (psutil: RSS, and PSS, which shares the pages
   the servers have in common fairly among them);
3. opens a kernel for each learner (a few at a time) that imports the course engine, loads the
   course deck and answers a question through ``Quiz`` — what a lesson's first cell does — and
   measures the kernel too, and how long the learner waited for that first answer;
4. prints the figures per learner and for the room, with what they mean for sizing (the
   guide's table in docs/jupyterhub.md comes from a run of this script), beside the figures
   the issue measured by hand (145 MiB per server + ~75 MiB per kernel).

Everything started is stopped by pid at the end. Timing depends on the machine's load: the
figures are for the room on this machine, not a goal.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "hub"))

from hubs import PULSE, Hub, ServerError, local_hub, service_override  # noqa: E402
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
    run = hub.run_code(name, FIRST_ANSWER, timeout=300)
    waited = time.monotonic() - start
    if run.error or run.stdout.strip() != "True":
        raise ServerError(f"{name}'s first answer: {run.error or run.stdout!r}")
    (kernel,) = kernels_of(hub.server_pid(name))
    rss, pss = memory(kernel.pid)
    return {"first_answer": waited, "kernel_rss": rss, "kernel_pss": pss}


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):6.1f}  max {max(values):6.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20, help="learners in the room")
    parser.add_argument(
        "--kernels-at-once", type=int, default=4, help="kernels opened at the same time"
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
    stand_in = service_override(
        PULSE, command=[sys.executable, str(REPO / "tests" / "hub" / "whoami_service.py")]
    )
    print(f"{args.learners} learners on a local JupyterHub, {os.cpu_count()} cores")
    try:
        return room(base, names, args.kernels_at_once, stand_in, env)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def room(
    base: Path, names: list[str], kernels_at_once: int, stand_in: str, env: dict[str, str]
) -> int:
    """Run the room (see the module's docstring) and print its figures; 1 if any failed."""
    with local_hub(base, extra_config=stand_in, env=env) as hub:
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
    print("\nsizing (RSS, one open notebook per learner, +25% headroom):")
    for room in (20, 50, 100):
        need = room * per_learner * 1.25 / 1024 + 0.5
        print(f"  {room:3d} learners at once: {need:5.1f} GiB")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
