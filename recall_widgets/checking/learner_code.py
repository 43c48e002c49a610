"""An exception in the learner's code, told by the learner's own lines, never a check's traceback.

A frame is the learner's when its file is none of: the engine, the check's package, the standard
library, installed packages, or Python's frozen modules. In a notebook the learner's cells are
named as IPython names them in its own tracebacks (``Cell In[3], line 5``), elsewhere by file.
"""

from __future__ import annotations

import linecache
import os
import sys
import sysconfig
import traceback
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..i18n.catalog import Translator, translator

__all__ = ["describe_error", "learner_frames", "where"]


@cache
def _library_dirs() -> tuple[str, ...]:
    """Folders of code that is not the learner's: the engine, the standard library, packages."""
    paths = sysconfig.get_paths()
    dirs = {paths[k] for k in ("stdlib", "platstdlib", "purelib", "platlib") if k in paths}
    dirs.add(str(Path(__file__).resolve().parent.parent))  # recall_widgets itself
    return tuple(os.path.normcase(os.path.realpath(d)) + os.sep for d in dirs)


def _is_library(filename: str, also: Iterable[str]) -> bool:
    if filename.startswith("<frozen ") or filename in ("<string>", "<attrs generated init>"):
        return filename.startswith("<frozen ")
    real = os.path.normcase(os.path.realpath(filename)) if os.path.isabs(filename) else filename
    return any(real.startswith(d) for d in (*_library_dirs(), *also))


def learner_frames(error: BaseException, also: Iterable[str] = ()) -> list[traceback.FrameSummary]:
    """The frames of ``error``'s traceback in the learner's code, outermost first.

    ``also``: more folders that are not the learner's (the check's package), each ending in
    the path separator.
    """
    folders = tuple(also)
    return [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not _is_library(frame.filename, folders)
    ]


def where(frame: traceback.FrameSummary) -> str:
    """A frame's place as IPython shows it: ``Cell In[3], line 5`` for a notebook cell, else
    ``file.py, line 5``."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    named = None
    if shell is not None and hasattr(shell.compile, "format_code_name"):
        named = shell.compile.format_code_name(frame.filename)
    if named is not None:
        label, name = named
        return f"{label} {name}, line {frame.lineno}"
    return f"{Path(frame.filename).name}, line {frame.lineno}"


def describe_error(
    error: BaseException, also: Iterable[str] = (), tr: Translator | None = None
) -> str:
    """One line about an exception raised while checking: what it was, and the learner's line
    it came from (the innermost one) with its code, when it came from the learner's code; in
    ``tr``'s language (English when None)."""
    tr = tr or translator("")
    said = str(error).strip().splitlines()
    what = type(error).__name__ + (f": {said[0]}" if said else "")
    frames = learner_frames(error, also)
    if not frames:
        return tr.t("raised {error}", error=what)
    frame = frames[-1]
    code = (frame.line or linecache.getline(frame.filename, frame.lineno or 0)).strip()
    if code:
        return tr.t(
            "your code raised {error} at {place}: {code}", error=what, place=where(frame), code=code
        )
    return tr.t("your code raised {error} at {place}", error=what, place=where(frame))
