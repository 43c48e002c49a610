"""`recall-widgets predict`: run each predict question's code and record what it really prints.

A predict question's expected output is never typed by its author: this runs each snippet in a
fresh Python process (the interpreter running this, in the deck's folder, ``PYTHONHASHSEED=0``
so sets and dicts print the same every run) and writes what it printed to the generated file
beside the deck (:mod:`recall_widgets.deck.outputs`), with the hash of the code. The loader
only reads that file; ``--check`` (and the course's test) fails when it is stale.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..deck.loader import load_deck
from ..deck.outputs import (
    RecordedOutput,
    code_hash,
    outputs_document,
    outputs_path,
)

__all__ = ["PredictError", "PredictResult", "generate_outputs", "run_snippet"]


class PredictError(Exception):
    """A snippet failed (raised, timed out, printed nothing): nothing is written."""


@dataclass(frozen=True)
class PredictResult:
    """What :func:`generate_outputs` did for one deck: its file, whether it changed, the text."""

    path: Path
    changed: bool
    count: int
    text: str


def run_snippet(code: str, folder: Path, *, timeout: float = 60) -> str:
    """What ``code`` prints to standard output, run by this Python in ``folder``.

    Raises :class:`PredictError` when it raises (with its last line of error output), runs
    longer than ``timeout`` seconds or prints nothing (a predict question needs output).
    """
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PredictError(f"the code ran longer than {timeout:g} seconds") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no error output)"])[-1]
        raise PredictError(f"the code failed (exit {done.returncode}): {last}")
    if not done.stdout.strip():
        raise PredictError("the code prints nothing; a predict question asks what it prints")
    return done.stdout


def generate_outputs(
    deck_file: str | os.PathLike[str], *, write: bool = True, timeout: float = 60
) -> PredictResult:
    """Run the deck's predict snippets and (with ``write``) write ``DECK.outputs.json``.

    Raises :class:`PredictError` naming the question whose code failed (nothing written) and
    :class:`~recall_widgets.deck.problems.ContentError` for a deck with other problems.
    """
    path = Path(deck_file)
    deck = load_deck(path, check_outputs=False)
    outputs: dict[str, RecordedOutput] = {}
    for question in deck.questions:
        if question.kind != "predict" or question.code is None:
            continue
        try:
            printed = run_snippet(question.code, path.resolve().parent, timeout=timeout)
        except PredictError as error:
            raise PredictError(f"{path}: question {question.id!r}: {error}") from None
        outputs[question.id] = RecordedOutput(code_hash(question.code), printed)
    target = outputs_path(path)
    text = outputs_document(deck.id, outputs)
    before = target.read_text(encoding="utf-8") if target.exists() else None
    changed = before != text and (before is not None or bool(outputs))  # no file for none
    if write and changed:
        target.write_text(text, encoding="utf-8")
    return PredictResult(target, changed, len(outputs), text)
