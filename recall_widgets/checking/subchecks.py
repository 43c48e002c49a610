"""What a course writes an exercise's check with: named sub-checks that pass or fail plainly.

A check is a :class:`Checks`, a list of sub-checks in order, each a function given a
:class:`Learner` (the names the learner's cells defined). A sub-check passes when it returns and
fails when it calls :func:`fail` (or :func:`expect` with a false condition) with a message the
learner can act on. Every sub-check always runs, so the learner sees all of them, and they are
exactly what decides the outcome: the check passes when none failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar, overload

from .learner_code import describe_error

__all__ = ["Checks", "Failed", "Learner", "Missing", "SubCheck", "expect", "fail"]

T = TypeVar("T")


class Failed(Exception):
    """A sub-check failed; ``message`` says what was found and what was expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Missing(Failed):
    """The learner's cells do not define a name the sub-check needs (yet)."""


def fail(message: str) -> NoReturn:
    """Fail the running sub-check with ``message`` (plain text the learner can act on)."""
    raise Failed(message)


def expect(condition: object, message: str) -> None:
    """Fail the running sub-check with ``message`` unless ``condition`` is true."""
    if not condition:
        raise Failed(message)


class Learner:
    """The names the learner's cells defined (the kernel's ``user_ns``), for the sub-checks.

    Parameters
    ----------
    namespace:
        The learner's names: in a notebook ``get_ipython().user_ns``.

    Example
    -------
    >>> learner = Learner({"answer": 42})
    >>> learner.get("answer", int)
    42
    """

    def __init__(self, namespace: Mapping[str, Any], library: Sequence[str] = ()) -> None:
        self.namespace = namespace
        #: Folders whose code is not the learner's (the check's package), for error messages.
        self.library = tuple(library)

    @contextmanager
    def running(self, what: str, why: str = "") -> Iterator[None]:
        """Fail the sub-check when the learner's code raises inside the block: ``what`` it was
        doing, the exception at the learner's line, and ``why`` (how to fix it) if given."""
        try:
            yield
        except Failed:
            raise
        except Exception as error:
            said = f"{what}: {describe_error(error, self.library)}"
            raise Failed(said + (f"; {why}" if why else "")) from None

    def call(self, name: str, *args: Any, why: str = "", **kwargs: Any) -> Any:
        """Call the learner's function ``name``; an exception in it fails the sub-check saying
        the call, the learner's line, and ``why`` (see :meth:`running`)."""
        function = self.function(name)
        shown = ", ".join([*map(_short, args), *(f"{k}={_short(v)}" for k, v in kwargs.items())])
        with self.running(f"{name}({shown})", why):
            return function(*args, **kwargs)

    @overload
    def get(self, name: str) -> Any: ...
    @overload
    def get(self, name: str, kind: type[T], what: str = "") -> T: ...

    def get(self, name: str, kind: type[Any] | None = None, what: str = "") -> Any:
        """The learner's ``name``; fails the sub-check when it is missing or not a ``kind``.

        ``what`` says what it should be, for the message (default: the type's name).
        """
        if name not in self.namespace:
            raise Missing(
                f"your cells do not define {name} yet: write it in the exercise's cell and "
                "run that cell (Shift+Enter) before you check"
            )
        value = self.namespace[name]
        if kind is not None and not isinstance(value, kind):
            wanted = what or f"a {kind.__name__}"
            raise Failed(f"{name} is {type(value).__name__} {value!r:.60}; expected {wanted}")
        return value

    def function(self, name: str) -> Callable[..., Any]:
        """The learner's function ``name``; fails the sub-check when it is missing or not one."""
        value: Any = self.get(name)
        if not callable(value):
            fail(
                f"{name} is {type(value).__name__}, not a function: define it with def {name}(...)"
            )
        return value  # type: ignore[no-any-return]


def _short(value: object, limit: int = 40) -> str:
    """A value's repr, cut to ``limit`` characters (a cookie is long)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class SubCheck:
    """One named sub-check: ``name`` is what the learner reads; ``run(learner)`` checks it."""

    name: str
    run: Callable[[Learner], None]


class Checks:
    """An exercise's check: its sub-checks, in the order they run and are shown.

    The deck names it as ``module:attribute`` (``check:`` of an exercise); register each
    sub-check with the :meth:`sub` decorator.

    Example
    -------
    >>> checks = Checks()
    >>> @checks.sub("`double(2)` is 4")
    ... def _double(learner: Learner) -> None:
    ...     got = learner.function("double")(2)
    ...     expect(got == 4, f"double(2) returned {got!r}, expected 4")
    >>> checks.names
    ('`double(2)` is 4',)
    """

    def __init__(self) -> None:
        self._subchecks: list[SubCheck] = []

    def sub(self, name: str) -> Callable[[Callable[[Learner], None]], Callable[[Learner], None]]:
        """Register the decorated function as the next sub-check, called ``name``."""
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"a sub-check needs a name the learner can read, got {name!r}")
        if name in self.names:
            raise ValueError(f"a sub-check is already called {name!r}; names must be distinct")

        def register(function: Callable[[Learner], None]) -> Callable[[Learner], None]:
            self._subchecks.append(SubCheck(name, function))
            return function

        return register

    @property
    def names(self) -> tuple[str, ...]:
        """The sub-checks' names, in order."""
        return tuple(s.name for s in self._subchecks)

    def __iter__(self) -> Iterator[SubCheck]:
        return iter(self._subchecks)

    def __len__(self) -> int:
        return len(self._subchecks)

    def __repr__(self) -> str:
        return f"<Checks: {len(self)} sub-checks>"
