"""``recall-widgets new PATH --title "…"``: a new course that runs, and passes its tests, at once.

:func:`scaffold` writes the files of ``scaffold_template/`` into a new (or empty) folder: the
course's ``pyproject.toml`` (its config in ``[tool.recall-widgets]``, its dependency on
recall-widgets, pytest's settings with nbval over ``notebooks/``), a sample deck in
``content/``, a start notebook and one lesson, ``tests/test_course.py``, ``environment.yml``
and ``postBuild`` for Binder, a ``Makefile`` (``make lab``, ``make test``), a README, a CI
workflow and a ``.gitignore``. Then it runs both notebooks with :func:`.execute.store_outputs`,
so they hold the outputs nbval compares.

Everything is written into a hidden folder next to ``PATH`` and moved into place only when the
notebooks ran: a refused title, a folder that is not empty or a notebook that fails leaves
nothing behind.

Templates: every file under ``scaffold_template/`` is written with its ``.tmpl`` suffix
removed, a leading ``dot-`` becoming ``.`` (``dot-gitignore.tmpl`` → ``.gitignore``) and
``DECK`` in a name becoming the deck's id. In their text, ``__TITLE__``, ``__SLUG__``,
``__ENGINE__`` and ``__REPOSITORY_LINE__`` are replaced; in TOML, YAML and notebook (JSON)
files the title is escaped as a double-quoted string's content, so any one-line title is safe.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import secrets
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

__all__ = [
    "MAX_TITLE",
    "TEMPLATE",
    "ScaffoldError",
    "ScaffoldRunError",
    "check_title",
    "course_id",
    "render_template",
    "scaffold",
]

TEMPLATE = Path(__file__).resolve().parent / "scaffold_template"
MAX_TITLE = 80
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,58}[a-z0-9])?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_TOKEN = re.compile(r"__[A-Z_]+__")
_QUOTED = (".toml", ".yaml", ".yml", ".ipynb")  # the title goes inside "…" there
_REPOSITORY_HINT = (
    '# repository = "https://github.com/ORG/REPO"   # its public address, for Binder links'
)


class ScaffoldError(ValueError):
    """The course cannot be made as asked (a bad title or id, a folder that is not empty)."""


class ScaffoldRunError(RuntimeError):
    """The new course's notebooks could not be run; nothing was written."""


def check_title(title: object) -> str:
    """The course's title, stripped; :class:`ScaffoldError` saying what is allowed otherwise.

    Example
    -------
    >>> check_title("  Python generators ")
    'Python generators'
    """
    if not isinstance(title, str):
        raise ScaffoldError(f"the title must be text, got {type(title).__name__}")
    text = title.strip()
    allowed = f"one line of at most {MAX_TITLE} characters, e.g. --title 'Python generators'"
    if not text:
        raise ScaffoldError(f"the title is empty; give {allowed}")
    if _CONTROL.search(text):
        raise ScaffoldError(
            f"the title {title!r} has a line break or control character; give {allowed}"
        )
    if len(text) > MAX_TITLE:
        raise ScaffoldError(f"the title is {len(text)} characters long; give {allowed}")
    return text


def course_id(title: str) -> str:
    """The deck id and project name made from a title: ASCII letters and digits joined by ``-``.

    Raises :class:`ScaffoldError` when the title has no letter or digit to make it from.

    Example
    -------
    >>> course_id("Régression linéaire: 1st steps!")
    'regression-lineaire-1st-steps'
    """
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    if not slug:
        raise ScaffoldError(
            f"cannot make a course id from the title {title!r} (it needs a letter A-Z or a "
            "digit); give one with --id, e.g. --id my-course"
        )
    return slug


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ScaffoldError(
            f"the id {value!r} is not allowed; give lowercase letters, digits, '-' and '_', "
            "starting and ending with a letter or digit (at most 60), e.g. --id my-course"
        )
    return value


def _engine_requirement() -> str:
    try:
        version = importlib.metadata.version("recall-widgets")
    except importlib.metadata.PackageNotFoundError:
        return "recall-widgets"
    release = re.match(r"^\d+(\.\d+)*", version)
    if release is None or version.startswith("0+"):  # a source tree that was never installed
        return "recall-widgets"
    return f"recall-widgets>={release.group(0)}"


def render_template(text: str, suffix: str, values: dict[str, str]) -> str:
    """One template's text with its tokens replaced (the title escaped where it is quoted)."""
    title = values["__TITLE__"]
    if suffix in _QUOTED:
        title = json.dumps(title, ensure_ascii=False)[1:-1]
    replaced = {**values, "__TITLE__": title}
    return _TOKEN.sub(lambda m: replaced.get(m.group(0), m.group(0)), text)


def _target_name(relative: Path, slug: str) -> Path:
    parts = []
    for part in relative.parts:
        part = part.removesuffix(".tmpl")
        if part.startswith("dot-"):
            part = "." + part.removeprefix("dot-")
        parts.append(part.replace("DECK", slug))
    return Path(*parts)


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} exists and is not a folder; give a new folder")
    if target.is_dir():
        entries = sorted(p.name for p in target.iterdir())
        if entries:
            shown = ", ".join(entries[:5]) + (", …" if len(entries) > 5 else "")
            raise ScaffoldError(
                f"{target} exists and is not empty (it holds {shown}); give a new folder or an "
                "empty one, so that nothing of yours is overwritten"
            )


def _write(folder: Path, values: dict[str, str], slug: str, schema: str | None) -> list[Path]:
    written = []
    for source in sorted(TEMPLATE.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        relative = _target_name(source.relative_to(TEMPLATE), slug)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = render_template(source.read_text(encoding="utf-8"), relative.suffix, values)
        target.write_text(text, encoding="utf-8", newline="\n")
        if relative.name == "postBuild":
            target.chmod(0o755)
        written.append(relative)
    if schema is not None:
        (folder / "content" / "deck.schema.json").write_text(schema, encoding="utf-8")
        written.append(Path("content/deck.schema.json"))
    return written


def scaffold(
    path: str | os.PathLike[str],
    title: str,
    *,
    repository: str | None = None,
    slug: str | None = None,
    schema: str | None = None,
    execute: bool = True,
    timeout: int = 120,
    log: Callable[[str], object] = print,
) -> list[Path]:
    """Write a new course into ``path`` (a new or empty folder); return the files written.

    Parameters
    ----------
    path
        The course's folder; its parents are created. It must not exist, or be empty.
    title
        The course's title: one line, at most :data:`MAX_TITLE` characters.
    repository
        The course's public https address, written to ``[tool.recall-widgets]`` (else a
        commented line says where it goes). Checked by the caller (``recall-widgets new``
        uses :func:`recall_widgets.deck.course.check_repository`).
    slug
        The deck's id and the project's name (default: :func:`course_id` of the title).
    schema
        The deck format's JSON Schema, written as ``content/deck.schema.json`` (the deck's
        first line points the YAML language server at it); ``recall-widgets new`` passes it.
    execute
        Run the notebooks and store their outputs (nbval compares them). Without it the
        notebooks have none, and nbval fails until ``make outputs`` stores them.
    timeout
        Seconds each notebook cell may run.
    log
        Called with one line per notebook run.

    Raises
    ------
    ScaffoldError
        A bad title or id, or ``path`` exists and is not an empty folder; nothing is written.
    ScaffoldRunError
        A notebook could not be run (no Jupyter kernel, a failing cell); nothing is written.

    Example
    -------
    >>> scaffold("generators", "Python generators")  # doctest: +SKIP
    [PosixPath('.github/workflows/test.yml'), ...]
    """
    clean_title = check_title(title)
    deck_id = _check_id(slug) if slug is not None else course_id(clean_title)
    target = Path(path).absolute()
    _check_target(target)
    repository_line = _REPOSITORY_HINT
    if repository is not None:
        repository_line = f"repository = {json.dumps(repository)}"
    values = {
        "__TITLE__": clean_title,
        "__SLUG__": deck_id,
        "__ENGINE__": _engine_requirement(),
        "__REPOSITORY_LINE__": repository_line,
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.recall-new-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        written = _write(staging, values, deck_id, schema)
        if execute:
            _run_notebooks(staging, timeout, log)
        _check_target(target)  # again: something may have appeared there meanwhile
        if target.is_dir():
            target.rmdir()
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(written)


def _run_notebooks(folder: Path, timeout: int, log: Callable[[str], object]) -> None:
    try:
        from .execute import store_outputs
    except ImportError as error:  # pragma: no cover - nbformat and nbclient come with Jupyter
        raise ScaffoldRunError(_no_jupyter(error)) from None
    for notebook in sorted((folder / "notebooks").glob("*.ipynb")):
        try:
            cells = store_outputs(notebook, timeout=timeout)
        except ImportError as error:
            raise ScaffoldRunError(_no_jupyter(error)) from None
        except Exception as error:  # a kernel that is missing or dies, a failing cell
            name = getattr(error, "ename", None) or type(error).__name__
            reason = getattr(error, "evalue", None) or next(iter(str(error).splitlines()), "")
            raise ScaffoldRunError(
                f"running notebooks/{notebook.name} failed ({name}: {reason}); nothing was "
                "written. Is a Python kernel installed (pip install jupyterlab)?"
            ) from None
        log(f"notebooks/{notebook.name}: ran {cells} code cells, outputs stored")


def _no_jupyter(error: ImportError) -> str:
    return (
        f"cannot run the new course's notebooks: {error}; install Jupyter into this environment "
        "(pip install jupyterlab) and try again. Nothing was written."
    )
