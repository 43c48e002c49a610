"""Predict questions' outputs: the generated file beside a deck that says what each code prints.

A ``predict`` question shows code and asks what it prints. What it prints is never written by
hand: ``recall-widgets predict DECK`` runs each snippet (:mod:`recall_widgets.publishing.predict`)
and writes ``DECK.outputs.json`` beside the deck (``flask-sessions.yaml`` →
``flask-sessions.outputs.json``), keyed by question id, each output with the SHA-256 of the
code it came from. The loader reads that file and never runs code: a question whose code has
no output there, or whose code changed since, is a problem that says to run the command.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "OUTPUTS_SUFFIX",
    "RecordedOutput",
    "code_hash",
    "outputs_document",
    "outputs_path",
    "read_outputs",
]

OUTPUTS_SUFFIX = ".outputs.json"
FORMAT = "recall-widgets predict outputs"
VERSION = 1


@dataclass(frozen=True)
class RecordedOutput:
    """What one predict question's code printed, and the hash of that code."""

    code_sha256: str
    output: str

    def matches(self, code: str) -> bool:
        """Whether this output was generated from ``code`` (as written now)."""
        return self.code_sha256 == code_hash(code)


def code_hash(code: str) -> str:
    """The SHA-256 of ``code`` (UTF-8), as hex: what ties an output to the code it came from."""
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def outputs_path(deck_file: str | os.PathLike[str]) -> Path:
    """The generated file beside ``deck_file``: ``x.yaml`` → ``x.outputs.json``."""
    path = Path(deck_file)
    return path.with_name(path.stem + OUTPUTS_SUFFIX)


def outputs_document(deck_id: str, outputs: Mapping[str, RecordedOutput]) -> str:
    """The file's text for these outputs: stable JSON (sorted ids), ending with a line break."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "generated_by": "recall-widgets predict",
        "deck": deck_id,
        "outputs": {
            item: {"code_sha256": out.code_sha256, "output": out.output}
            for item, out in sorted(outputs.items())
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_outputs(path: str | os.PathLike[str]) -> dict[str, RecordedOutput]:
    """The outputs in the file ``path`` (``{}`` when there is no file).

    Raises ``ValueError`` saying what is wrong with a file that is not one this module wrote.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"not a file of {FORMAT} (its 'format' is not {FORMAT!r})")
    if document.get("version") != VERSION:
        raise ValueError(
            f"version {document.get('version')!r}; this recall-widgets reads {VERSION}"
        )
    entries = document.get("outputs")
    if not isinstance(entries, dict):
        raise ValueError("'outputs' must be a mapping of question ids")
    outputs: dict[str, RecordedOutput] = {}
    for item, entry in entries.items():
        sha = entry.get("code_sha256") if isinstance(entry, dict) else None
        output = entry.get("output") if isinstance(entry, dict) else None
        if not isinstance(sha, str) or not isinstance(output, str):
            raise ValueError(f"the entry of {item!r} must have 'code_sha256' and 'output' (text)")
        outputs[item] = RecordedOutput(sha, output)
    return outputs
