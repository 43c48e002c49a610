"""The time limit of a check: an endless loop in the learner's code is stopped and said so.

On the main thread of a platform with ``SIGALRM`` (Linux, macOS: where the kernel runs the
learner's code and the widget's messages), :func:`time_limited` arms ``setitimer`` and the
signal raises :class:`TimeLimit` inside whatever runs, Python loop or blocking call alike.

Elsewhere (Windows, or a check run from another thread) the work runs in a worker thread that is
watched: at the limit :class:`TimeLimit` is raised in that thread (``PyThreadState_SetAsyncExc``),
which stops Python code at its next instruction. Code blocked in C (a ``time.sleep``, a socket
read) only sees it when the call returns; the check then reports the limit all the same and the
code finishes in the background (a kernel restart stops it at once).
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["TimeLimit", "alarm_available", "time_limited"]

T = TypeVar("T")


class TimeLimit(BaseException):
    """The check ran past its time limit (a ``BaseException``, so ``except Exception`` in
    the learner's code does not swallow it). ``still_running``: the code could not be stopped
    (blocked outside Python in a worker thread) and finishes in the background."""

    def __init__(self, seconds: float = 0.0, still_running: bool = False) -> None:
        super().__init__(seconds)
        self.seconds = seconds
        self.still_running = still_running


def alarm_available() -> bool:
    """Whether this thread can use ``SIGALRM``: the main thread of a platform that has it."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def time_limited(work: Callable[[], T], seconds: float) -> T:
    """``work()``, stopped with :class:`TimeLimit` after ``seconds`` (see the module)."""
    if seconds <= 0:
        raise ValueError(f"the time limit must be more than 0 seconds, got {seconds!r}")
    if alarm_available():
        return _with_alarm(work, seconds)
    return _with_watched_thread(work, seconds)


def _with_alarm(work: Callable[[], T], seconds: float) -> T:
    def stop(_signum: int, _frame: object) -> None:
        raise TimeLimit(seconds)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _with_watched_thread(work: Callable[[], T], seconds: float) -> T:
    outcome: list[T] = []
    raised: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the caller's thread
            raised.append(error)

    worker = threading.Thread(target=run, name="recall-check", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive() and worker.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(worker.ident), ctypes.py_object(TimeLimit)
        )
        worker.join(1.0)
        if worker.is_alive():  # blocked in C: report the limit, let it finish in the background
            raise TimeLimit(seconds, still_running=True)
    if raised:
        if isinstance(raised[0], TimeLimit):
            raise TimeLimit(seconds) from None
        raise raised[0]
    return outcome[0]
