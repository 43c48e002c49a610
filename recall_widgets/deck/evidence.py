"""Evidence: which tests prove what a deck says, and whether those tests exist.

Every card, question and prompt may list under ``evidence:`` the names of the pytest tests
that prove what it says, and each concept of a prompt may carry its own (written as a mapping
``{text: ..., evidence: [...]}``). A name is a test function's name, ``test_clear_expires``,
or one parametrized case of it, ``test_clear_expires[chrome]``; names, not file paths, so
tests can move between files. The loader checks that names are well formed and listed once;
this module checks them against the test suite:

- :func:`collected_test_names` asks pytest which tests a folder holds (once per process);
- :func:`evidence_problems` lists, for a deck, each item or concept with no evidence and each
  name that names no collected test, as lines a test can print.

A course checks its deck with one test (``tests/course/test_flask_evidence.py`` does this for
the Flask deck)::

    def test_every_claim_names_the_tests_that_prove_it():
        deck = load_deck("content/my-course.yaml")
        problems = evidence_problems(deck, collected_test_names("tests"))
        assert not problems, "\\n".join(problems)
"""

from __future__ import annotations

import difflib
import functools
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from .model import Deck, Prompt

__all__ = [
    "CollectionError",
    "collected_test_names",
    "evidence_problems",
    "names_from_collect_output",
]

COLLECT_TIMEOUT = 600
"""Seconds :func:`collected_test_names` waits for pytest to collect."""


class CollectionError(RuntimeError):
    """pytest could not collect the tests (an import error, a bad path): the names it would
    report are incomplete, so no evidence can be checked against them."""


def names_from_collect_output(output: str) -> frozenset[str]:
    """The test names in the output of ``pytest --collect-only -q``.

    Each line ``tests/test_x.py::TestClass::test_y[case]`` gives its full name
    ``test_y[case]`` and its base name ``test_y``, so evidence may name one case or the test
    with all its cases. Other lines (the summary, warnings) are skipped.

    Example
    -------
    >>> sorted(names_from_collect_output("tests/a.py::test_x[one::two]\\n1 test collected"))
    ['test_x', 'test_x[one::two]']
    """
    names: set[str] = set()
    for line in output.splitlines():
        head, bracket, case = line.strip().partition("[")
        if "::" not in head:
            continue
        base = head.rsplit("::", 1)[1]
        names.add(base)
        if bracket:
            names.add(f"{base}[{case}")
    return frozenset(names)


def collected_test_names(
    *paths: str | os.PathLike[str], rootdir: str | os.PathLike[str] | None = None
) -> frozenset[str]:
    """The names of every test pytest collects under ``paths`` (by default ``tests``).

    Runs ``pytest --collect-only -q`` in a subprocess with this interpreter, in ``rootdir``
    (by default the current folder; relative paths are relative to it), with the project's
    ``addopts`` and ``PYTEST_ADDOPTS`` ignored and the nbval plugin blocked, so notebooks are
    not collected and no kernel or browser starts. The names are those of
    :func:`names_from_collect_output`. The result is cached for the process: a test session
    collects once, however many tests ask.

    Raises
    ------
    CollectionError
        When pytest reports errors while collecting (its output is in the message).
    """
    root = Path(rootdir if rootdir is not None else Path.cwd()).resolve()
    resolved = tuple(str((root / p).resolve()) for p in (paths or ("tests",)))
    return _collect(resolved, str(root))


@functools.cache
def _collect(paths: tuple[str, ...], root: str) -> frozenset[str]:
    command = [
        sys.executable, "-m", "pytest", "--collect-only", "-q",
        "-p", "no:nbval", "-p", "no:cacheprovider", "-o", "addopts=", *paths,
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    result = subprocess.run(
        command,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=COLLECT_TIMEOUT,
        check=False,
    )
    # 0: collected; 5: no tests there (every evidence name is then missing, which says so).
    if result.returncode not in (0, 5):
        output = (result.stdout + result.stderr).strip().splitlines()
        raise CollectionError(
            f"pytest could not collect the tests in {', '.join(paths)} (exit status "
            f"{result.returncode}):\n" + "\n".join(output[-40:])
        )
    return names_from_collect_output(result.stdout)


def evidence_problems(
    deck: Deck, collected_names: Iterable[str], *, require: bool = True
) -> list[str]:
    """What is wrong with the evidence of a deck's items, one line per problem.

    Parameters
    ----------
    deck : Deck
        The deck to check.
    collected_names : iterable of str
        The test names there are, e.g. :func:`collected_test_names` of the test folder. A
        name in ``evidence`` counts when it is one of them: ``test_x`` when any test or case
        of ``test_x`` was collected, ``test_x[case]`` only when that case was.
    require : bool
        Also report what has no evidence: a card or a question with an empty ``evidence``,
        and a prompt's concept with none of its own (a prompt's claims are its concepts, so
        the prompt's own ``evidence`` is optional; its names are checked when given). With
        ``False`` only names that name no test are reported, for a deck being filled in.

    Returns
    -------
    list of str
        Lines such as ``flask-sessions: card 'cookie-format': no evidence; ...``, in deck
        order; empty when all is well.
    """
    names = frozenset(collected_names)
    problems: list[str] = []

    def check(where: str, evidence: tuple[str, ...], needed: bool, how: str) -> None:
        if needed and require and not evidence:
            problems.append(f"{where}: no evidence; {how}")
        problems.extend(
            f"{where}: evidence '{name}' names no collected test{_hint(name, names)}"
            for name in evidence
            if name not in names
        )

    for item in deck.items:
        kind = type(item).__name__.lower()
        where = f"{deck.id}: {kind} '{item.id}'"
        is_prompt = isinstance(item, Prompt)
        check(where, item.evidence, not is_prompt, "list the tests that prove it under evidence:")
        if isinstance(item, Prompt):
            for number, concept in enumerate(item.concepts, 1):
                check(
                    f"{where}, concept #{number} {_short(concept.text)}",
                    concept.evidence,
                    True,
                    "write the concept as {text: ..., evidence: [test_...]}",
                )
    return problems


def _hint(name: str, names: frozenset[str]) -> str:
    """For a name that is not there: the cases its test does have, or a close name."""
    base = name.partition("[")[0]
    if base != name and base in names:
        cases = sorted(n for n in names if n.startswith(base + "["))
        shown = ", ".join(cases[:5]) + (" …" if len(cases) > 5 else "")
        return f" ({base} has no such case; it has {shown or 'no cases, so name it alone'})"
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _short(text: str, limit: int = 40) -> str:
    one_line = " ".join(text.split())
    return repr(one_line if len(one_line) <= limit else one_line[: limit - 1] + "…")
