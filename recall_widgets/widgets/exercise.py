"""Exercise: the task and its hints, a Check button that runs the course's check in the kernel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import traitlets

from ..checking.runner import DEFAULT_TIME_LIMIT, CheckResult, resolve_check, run_check
from ..deck.model import Exercise as ExerciseItem
from ..deck.model import Item
from ..render import render_inline, render_markdown
from .assets import widget_css, widget_esm
from .base import DeckWidget
from .recording import ProgressOption
from .selection import DeckOrPath

__all__ = ["Exercise", "learner_namespace"]


def learner_namespace() -> Mapping[str, Any]:
    """The names the learner's cells defined: the IPython kernel's ``user_ns``.

    Raises ``RuntimeError`` outside IPython, saying to pass the names instead.
    """
    import sys

    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        raise RuntimeError(
            "not running in IPython: pass the learner's names, check(namespace={'app': app})"
        )
    namespace: Mapping[str, Any] = shell.user_ns
    return namespace


def _code(text: str, base: str | None) -> str:
    """Python code as highlighted, sanitized HTML (a fenced block through render.py)."""
    fence = "````" if "```" in text else "```"
    return render_markdown(f"{fence}python\n{text.rstrip()}\n{fence}", base)


class Exercise(DeckWidget):
    """A coding exercise from a deck: the task, hints one at a time, Check, and the solution.

    The learner writes code in ordinary notebook cells. **Check** runs the exercise's check
    (the deck's ``check:``, a :class:`recall_widgets.checking.Checks`) in the kernel against
    what those cells defined, the same :meth:`check` Python calls, and shows each sub-check
    passed or failed with its message; that list is exactly what decides the outcome. Each
    check, hint revealed and solution shown is recorded (``check``, ``hint``, ``solution``
    events) and a check that starts an attempt schedules the exercise with FSRS. The solution is
    offered after a failed check, or on request. With no kernel (a static page) the task, hints
    and solution show and the widget says that checking needs a kernel.

    Parameters
    ----------
    deck_or_path:
        A :class:`~recall_widgets.Deck` or the path of a YAML deck.
    exercise_id:
        The exercise's id in the deck's ``exercises``.
    time_limit:
        Seconds the check may run before it is stopped (an endless loop in the learner's code).
    progress:
        Where the learner's actions are recorded (see :class:`~recall_widgets.Quiz`).

    Example
    -------
    >>> exercise = Exercise("content/flask-sessions.yaml", "cart-that-forgets")  # doctest: +SKIP
    >>> result = exercise.check({"app": app})  # doctest: +SKIP
    >>> result.passed, result.messages  # doctest: +SKIP
    (False, ['✓ `app` is a Flask app', "✗ items persist: /cart returned ['apple'], ..."])
    """

    _esm = widget_esm("exercise.js")
    _css = widget_css("exercise.css")
    _noun = "exercises"
    _remember_kinds = ("check", "hint", "solution")

    result = traitlets.Dict(
        help="The latest check's outcome, as Python decided it: {passed, stopped, subchecks: "
        "[{name, passed, message}], output, seq} (seq: the check event's); {} before any check."
    ).tag(sync=True)
    checking = traitlets.Bool(
        False, help="True while a check requested by the browser runs in the kernel."
    ).tag(sync=True)

    def __init__(
        self,
        deck_or_path: DeckOrPath,
        exercise_id: str,
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        progress: ProgressOption = None,
    ) -> None:
        if not isinstance(exercise_id, str):
            raise TypeError(f"exercise_id must be an exercise's id (str), got {exercise_id!r}")
        if isinstance(time_limit, bool) or not isinstance(time_limit, int | float):
            raise TypeError(f"time_limit must be a number of seconds, got {time_limit!r}")
        if not 0 < time_limit <= 600:
            raise ValueError(f"time_limit must be more than 0 and at most 600 s, got {time_limit}")
        deck, items = self._select(deck_or_path, ids=exercise_id, exclude_tags=())
        self.time_limit = float(time_limit)
        super().__init__(
            deck,
            items,
            {"exercise": exercise_id},
            progress=progress,
            base=self._base_of(deck_or_path),
        )
        self.on_msg(self._on_message)

    @property
    def exercise(self) -> ExerciseItem:
        """The exercise shown (from the deck)."""
        return cast(ExerciseItem, self._items[0])

    def _render_item(self, item: Item) -> dict[str, Any]:
        exercise = cast(ExerciseItem, item)
        return {
            "title": render_inline(exercise.title, self._base),
            "task": render_markdown(exercise.task, self._base),
            "hints": [render_markdown(hint, self._base) for hint in exercise.hints],
            "solution": _code(exercise.solution, self._base),
            "level": exercise.level or "",
        }

    # -- what the learner does -----------------------------------------------------------

    def check(self, namespace: Mapping[str, Any] | None = None) -> CheckResult:
        """Run the exercise's check against ``namespace`` (default: the kernel's names, what
        the learner's cells defined), record it as a ``check`` event and show it.

        Returns the :class:`~recall_widgets.checking.CheckResult`: ``passed``, ``messages``
        (one line per sub-check) and ``subchecks``.
        """
        checks = resolve_check(self.exercise.check)
        names = learner_namespace() if namespace is None else namespace
        result = run_check(checks, names, time_limit=self.time_limit, tr=self._tr)
        event = self._record("check", self.exercise.id, result.value)
        self.result = {
            "passed": result.passed,
            "stopped": result.stopped,
            "subchecks": [
                {"name": s.name, "passed": s.passed, "message": s.message} for s in result.subchecks
            ],
            "output": result.output,
            "seq": event["seq"],
        }
        return result

    def show_hint(self) -> int:
        """Reveal the next hint; return how many are shown. ``ValueError`` when none is left."""
        shown = self.hints_shown
        if shown >= len(self.exercise.hints):
            raise ValueError(
                f"exercise {self.exercise.id!r} has {len(self.exercise.hints)} hints, all shown"
            )
        self._record("hint", self.exercise.id, True)
        return shown + 1

    def show_solution(self) -> str:
        """Show the solution (recorded as a ``solution`` event); return its code."""
        self._record("solution", self.exercise.id, True)
        return self.exercise.solution

    @property
    def hints_shown(self) -> int:
        """How many hints the learner revealed (one ``hint`` event each)."""
        return min(len(self._events_of("hint")), len(self.exercise.hints))

    @property
    def attempts(self) -> int:
        """How many times the learner checked."""
        return len(self._events_of("check"))

    def start_over(self) -> int:
        """Forget this exercise's checks, hints and solution shown (in the store too) and the
        result on screen; return how many stored events were deleted."""
        deleted = super().start_over()
        self.result = {}
        return deleted

    def _on_message(self, _widget: object, content: Any, _buffers: object) -> None:
        if not (isinstance(content, dict) and content.get("kind") == "check"):
            return
        self.checking = True
        try:
            self.check()
        except Exception as error:  # the course's check itself is unusable: say so, no traceback
            self.notice = self._tr.t("The check could not run: {error}", error=error)
        finally:
            self.checking = False

    def _repr_extra(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"Exercise(deck={self.deck.id!r}, exercise={self.exercise.id!r})"
