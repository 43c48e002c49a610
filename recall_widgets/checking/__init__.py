"""Checking: a course's checks of a learner's code, made of named sub-checks, run with a limit.

The room's modules: :mod:`.subchecks` (what a course's check is written with: :class:`Checks`,
:class:`Learner`, :func:`fail`, :func:`expect`), :mod:`.learner_code` (an exception cut to the
learner's own lines, named as IPython shows them), :mod:`.limit` (the time limit: SIGALRM on
the main thread, a watched worker thread elsewhere) and :mod:`.runner` (resolving
``module:function`` and running every sub-check into a :class:`CheckResult`).

A course imports what it writes its checks with from here, ``from recall_widgets.checking
import Checks, Learner, expect, fail``; each module is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .runner import CheckResult, SubCheckResult, resolve_check, run_check
    from .subchecks import Checks, Failed, Learner, expect, fail

_LAZY = {
    "CheckResult": "runner",
    "SubCheckResult": "runner",
    "resolve_check": "runner",
    "run_check": "runner",
    "Checks": "subchecks",
    "Failed": "subchecks",
    "Learner": "subchecks",
    "expect": "subchecks",
    "fail": "subchecks",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CheckResult",
    "Checks",
    "Failed",
    "Learner",
    "SubCheckResult",
    "expect",
    "fail",
    "resolve_check",
    "run_check",
]
