"""Run an exercise's check against the learner's names: every sub-check, in order, in time.

:func:`resolve_check` imports the check a deck names (``module:attribute``, a
:class:`~.subchecks.Checks`); :func:`run_check` runs each of its sub-checks within the time
limit (:mod:`.limit`) and returns a :class:`CheckResult`: for each sub-check passed, or failed
with its message. A sub-check's own exceptions never reach the learner as a traceback: an
exception from the learner's code is told by the learner's line (:mod:`.learner_code`), and
one from elsewhere by its type and message. What is shown is exactly what decides: the check
passes when no sub-check failed.
"""

from __future__ import annotations

import importlib
import io
import os
from collections.abc import Mapping
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n.catalog import Translator, translator
from .learner_code import describe_error
from .limit import TimeLimit, time_limited
from .subchecks import Checks, Failed, Learner

__all__ = ["DEFAULT_TIME_LIMIT", "CheckError", "CheckResult", "SubCheckResult", "run_check"]

DEFAULT_TIME_LIMIT = 3.0
"""Seconds a check may run (all its sub-checks together) before it is stopped."""
OUTPUT_LIMIT = 2000
"""Characters of what the learner's code printed that a result keeps."""


class CheckError(ValueError):
    """The check a deck names cannot be used: its module or attribute is missing, or it is not
    a :class:`~.subchecks.Checks` (a problem of the course, not of the learner's code)."""


@dataclass(frozen=True)
class SubCheckResult:
    """One sub-check's outcome: its ``name``, whether it ``passed``, and the ``message``
    saying what was found when it failed ('' when it passed)."""

    name: str
    passed: bool
    message: str = ""

    @property
    def line(self) -> str:
        """The line shown to the learner: ``✓ name`` or ``✗ name: message``."""
        return f"✓ {self.name}" if self.passed else f"✗ {self.name}: {self.message}"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check: every sub-check, in order, and what the learner's code printed.

    ``passed`` is true exactly when no sub-check failed; ``messages`` are the lines the
    learner sees, one per sub-check.
    """

    subchecks: tuple[SubCheckResult, ...]
    output: str = ""
    stopped: bool = False
    """True when the check ran past its time limit and was stopped."""

    @property
    def passed(self) -> bool:
        """True exactly when every sub-check passed."""
        return all(s.passed for s in self.subchecks)

    @property
    def failed(self) -> list[str]:
        """The names of the failed sub-checks, in check order."""
        return [s.name for s in self.subchecks if not s.passed]

    @property
    def messages(self) -> list[str]:
        """One line per sub-check, as shown: ``✓ name`` or ``✗ name: message``."""
        return [s.line for s in self.subchecks]

    @property
    def value(self) -> dict[str, Any]:
        """The ``check`` event's value: ``{"passed", "failed", "total"}``."""
        return {"passed": self.passed, "failed": self.failed, "total": len(self.subchecks)}

    def __repr__(self) -> str:
        verdict = "passed" if self.passed else f"failed {len(self.failed)}/{len(self.subchecks)}"
        return f"<CheckResult {verdict}: " + "; ".join(self.messages) + ">"


def resolve_check(reference: str) -> Checks:
    """The :class:`~.subchecks.Checks` a deck names as ``module:attribute``, imported.

    Raises :class:`CheckError` saying what is wrong with the reference.
    """
    module_name, colon, attribute = reference.partition(":")
    if not colon or not module_name or not attribute:
        raise CheckError(f"check {reference!r} is not module:attribute")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise CheckError(f"check {reference!r}: cannot import {module_name!r} ({error})") from None
    checks = getattr(module, attribute, None)
    if not isinstance(checks, Checks):
        found = "nothing" if checks is None else type(checks).__name__
        raise CheckError(
            f"check {reference!r}: {module_name}.{attribute} is {found}, not a "
            "recall_widgets.checking.Checks"
        )
    return checks


def _package_dir(checks: Checks) -> tuple[str, ...]:
    """The folder of the package the check's sub-checks come from (not the learner's code)."""
    for subcheck in checks:
        module = importlib.import_module(subcheck.run.__module__)
        top = importlib.import_module(module.__name__.partition(".")[0])
        location = getattr(top, "__file__", None)
        if location:
            return (os.path.normcase(os.path.realpath(Path(location).parent)) + os.sep,)
    return ()


def _run_one(run: Any, learner: Learner, also: tuple[str, ...], tr: Translator) -> str | None:
    """Run one sub-check: None when it passed, else the message saying why not."""
    try:
        run(learner)
    except Failed as failure:
        return failure.message
    except Exception as error:  # the learner sees a line, never a traceback
        return describe_error(error, also, tr)
    return None


def run_check(
    checks: Checks,
    namespace: Mapping[str, Any],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    tr: Translator | None = None,
) -> CheckResult:
    """Run every sub-check of ``checks`` against the learner's ``namespace``, within
    ``time_limit`` seconds in all. The engine's own messages (stopped, not run, an exception
    in the learner's code) are in ``tr``'s language (English when None); the sub-checks' own
    messages are the course's.

    A sub-check running at the limit fails saying it was stopped (an endless loop?), and those
    after it fail as not run. See :mod:`.limit` for how the limit stops code.

    Example
    -------
    >>> from recall_widgets.checking import Checks, expect
    >>> checks = Checks()
    >>> @checks.sub("x is 1")
    ... def _x(learner):
    ...     expect(learner.get("x") == 1, f"x is {learner.get('x')!r}, expected 1")
    >>> run_check(checks, {"x": 2}).messages
    ['✗ x is 1: x is 2, expected 1']
    """
    tr = tr or translator("")
    also = _package_dir(checks)
    learner = Learner(namespace, also)
    outcomes: list[SubCheckResult] = []
    subchecks = list(checks)

    def run_all() -> None:
        for subcheck in subchecks:
            message = _run_one(subcheck.run, learner, also, tr)
            outcomes.append(SubCheckResult(subcheck.name, message is None, message or ""))

    printed = io.StringIO()
    stopped = False
    try:
        with redirect_stdout(printed):
            time_limited(run_all, time_limit)
    except TimeLimit as limit:
        stopped = True
        if limit.still_running:
            said = tr.t(
                "stopped after {seconds} s, the time limit: is there an endless loop? (it is "
                "blocked outside Python and still runs in the background: restart the kernel "
                "to stop it)",
                seconds=format(time_limit, "g"),
            )
        else:
            said = tr.t(
                "stopped after {seconds} s, the time limit: is there an endless loop?",
                seconds=format(time_limit, "g"),
            )
        done = len(outcomes)
        outcomes.append(SubCheckResult(subchecks[done].name, False, said))
        not_run = tr.t("not run: the check was stopped at the time limit")
        outcomes.extend(SubCheckResult(s.name, False, not_run) for s in subchecks[done + 1 :])
    text = printed.getvalue()
    if len(text) > OUTPUT_LIMIT:
        more = len(text) - OUTPUT_LIMIT
        text = (
            text[:OUTPUT_LIMIT]
            + "\n… "
            + tr.nt("({n} more character)", "({n} more characters)", more)
        )
    return CheckResult(tuple(outcomes), text, stopped)
