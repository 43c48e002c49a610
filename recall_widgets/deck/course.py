"""A course declares itself in one small config: title, folders, start notebook, public address.

The config is either a ``course.toml`` file, whose keys are at its top level, or a
``[tool.recall-widgets]`` table in the course's ``pyproject.toml``::

    title = "Flask sessions"
    decks = "content"                 # the folder of YAML decks
    notebooks = "notebooks"           # the folder of lesson notebooks
    start = "00-start.ipynb"          # the first notebook, in the notebooks folder
    repository = "https://github.com/ORG/REPO"   # optional: the public address (Binder links)
    branch = "main"                   # optional

Paths are relative to the folder of the file that declares them. :func:`find_course` walks up
from a folder (the working directory by default: a kernel starts in ``notebooks/``, a command in
the course's root) to the first folder with a ``course.toml``, or a ``pyproject.toml`` holding
the table, and checks every key strictly: a wrong one is a :class:`CourseError` naming the file,
the key and what is allowed (an unknown key with the closest real one). When there is none,
:class:`CourseNotFound` says exactly what to add.

The config only says where things are; whether the folders exist is checked by what reads
them (:func:`course_decks`, :func:`course_notebooks`), so a course may be declared before its
first notebook is written.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "CONFIG_FILE",
    "KEYS",
    "PYPROJECT",
    "TABLE",
    "Course",
    "CourseError",
    "CourseNotFound",
    "check_repository",
    "course_decks",
    "course_notebooks",
    "find_course",
    "read_course",
    "snippet",
]

CONFIG_FILE = "course.toml"
PYPROJECT = "pyproject.toml"
TABLE = "tool.recall-widgets"
#: Every key of the config and what it holds (the messages list them).
KEYS = {
    "title": "the course's title (required)",
    "decks": "the folder of YAML decks (default: content)",
    "notebooks": "the folder of notebooks (default: notebooks)",
    "start": "the first notebook, a file name in the notebooks folder (default: 00-start.ipynb)",
    "repository": "the course's public https address, e.g. https://github.com/ORG/REPO "
    "(optional; Binder and JupyterHub links need it)",
    "branch": "the git branch the links open (default: main)",
    "lang": "the language the widgets speak, a BCP 47 tag such as 'de' or 'fr' (optional; "
    "else RECALL_LANG, else the browser's)",
}
_DEFAULTS = {
    "decks": "content",
    "notebooks": "notebooks",
    "start": "00-start.ipynb",
    "branch": "main",
}
_DECK_SUFFIXES = (".yaml", ".yml")
# Characters git refuses in a ref name (see `git check-ref-format`), plus ASCII controls.
_BAD_REF = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class CourseError(ValueError):
    """A course config that cannot be used: the message names the file, the key, what is
    allowed."""


class CourseNotFound(CourseError):
    """No course config in a folder or any folder above it; the message says how to add one."""


@dataclass(frozen=True)
class Course:
    """A course, as its config declares it; every path absolute.

    Attributes
    ----------
    title : str
        The course's title.
    root : Path
        The folder of the file that declares the course (its paths are relative to it).
    decks : Path
        The folder of its YAML decks.
    notebooks : Path
        The folder of its notebooks.
    start : Path
        The first notebook (in ``notebooks``).
    repository : str or None
        The public https address, without a trailing slash; ``None`` when not configured.
    branch : str
        The git branch links open.
    config : Path or None
        The file the course was read from (``course.toml`` or ``pyproject.toml``).
    lang : str or None
        The language the widgets speak (a BCP 47 tag); ``None``: not configured.

    Example
    -------
    >>> course = Course("T", Path("/c"), Path("/c/content"), Path("/c/nb"), Path("/c/nb/s.ipynb"),
    ...                 None)
    >>> course.relative(course.start)
    'nb/s.ipynb'
    """

    title: str
    root: Path
    decks: Path
    notebooks: Path
    start: Path
    repository: str | None
    branch: str = "main"
    config: Path | None = None
    lang: str | None = None

    @property
    def where(self) -> str:
        """Where the config is, for messages: ``course.toml`` or ``pyproject.toml's table``."""
        if self.config is None:
            return "the course config"
        if self.config.name == PYPROJECT:
            return f"{self.config} [{TABLE}]"
        return str(self.config)

    def relative(self, path: str | os.PathLike[str]) -> str:
        """``path`` relative to the course's root, with ``/`` (as in a repository URL).

        Raises :class:`CourseError` if ``path`` is outside the course.
        """
        full = Path(path) if Path(path).is_absolute() else self.root / path
        try:
            return full.relative_to(self.root).as_posix()
        except ValueError:
            raise CourseError(f"{full} is not inside the course folder {self.root}") from None

    def require_repository(self) -> str:
        """The repository address, or a :class:`CourseError` saying where to configure it."""
        if self.repository is None:
            raise CourseError(
                f"{self.where} has no repository: add a line such as\n"
                f'  repository = "https://github.com/ORG/REPO"\n'
                "(the course's public address; Binder and JupyterHub links are made from it)"
            )
        return self.repository

    def file_url(self, path: str | os.PathLike[str]) -> str:
        """Where a file of the course is served raw from its repository (GitHub, gitlab.com).

        The schema's ``$id`` is ``course.file_url(course.decks / "deck.schema.json")``. Raises
        :class:`CourseError` without a repository, or for a host with no known raw address.

        Example
        -------
        >>> Course("T", Path("/c"), Path("/c/content"), Path("/c/nb"), Path("/c/nb/s.ipynb"),
        ...        "https://github.com/org/repo").file_url("content/deck.schema.json")
        'https://raw.githubusercontent.com/org/repo/main/content/deck.schema.json'
        """
        repository = self.require_repository()
        relative = self.relative(path)
        parts = urlsplit(repository)
        host = (parts.hostname or "").lower()
        repo_path = parts.path.strip("/").removesuffix(".git")
        if host == "github.com":
            return f"https://raw.githubusercontent.com/{repo_path}/{self.branch}/{relative}"
        if host == "gitlab.com":
            return f"https://gitlab.com/{repo_path}/-/raw/{self.branch}/{relative}"
        raise CourseError(
            f"no raw file address is known for {host} (the repository in {self.where}); "
            "GitHub and gitlab.com are"
        )


def snippet(title: str = "My course") -> str:
    """A ready-to-paste ``course.toml`` (the same lines go under ``[tool.recall-widgets]``)."""
    title_toml = _toml_string(title)
    return (
        f"title = {title_toml}\n"
        'decks = "content"            # the folder of YAML decks\n'
        'notebooks = "notebooks"      # the folder of notebooks\n'
        'start = "00-start.ipynb"     # the first notebook, in the notebooks folder\n'
        '# repository = "https://github.com/ORG/REPO"   # its public address, for Binder links\n'
    )


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _not_found(start: Path, pyprojects: list[Path]) -> CourseNotFound:
    indented = "".join(f"    {line}\n" for line in snippet().splitlines())
    lines = [
        f"no course config in {start} or any folder above it.",
        f"Declare the course in a {CONFIG_FILE} in its root folder (next to content/ and "
        "notebooks/); paths are relative to that file:",
        "",
        indented.rstrip("\n"),
        "",
    ]
    if pyprojects:
        lines.append(f"or add the same lines under a [{TABLE}] table in {pyprojects[0]}:")
    else:
        lines.append(f"or put the same lines under a [{TABLE}] table in the course's {PYPROJECT}.")
    if pyprojects:
        lines += ["", f"    [{TABLE}]", indented.rstrip("\n")]
    lines += ["", "recall-widgets new PATH --title '...' scaffolds a whole course with one."]
    return CourseNotFound("\n".join(lines))


def find_course(start: str | os.PathLike[str] | None = None) -> Course:
    """The course that ``start`` (default: the working directory) is in.

    Walks up from ``start`` to the first folder with a ``course.toml``, or a ``pyproject.toml``
    with a ``[tool.recall-widgets]`` table (a ``pyproject.toml`` without one is passed by), and
    reads it with :func:`read_course`.

    Raises
    ------
    CourseNotFound
        No folder up to the file system's root declares a course; the message holds a
        ready-to-paste config.
    CourseError
        The config is invalid, or one folder declares the course twice (``course.toml`` and
        the table).

    Example
    -------
    >>> find_course().title  # doctest: +SKIP
    'Flask sessions'
    """
    here = Path.cwd() if start is None else Path(start)
    here = here.absolute()
    if here.is_file():
        here = here.parent
    pyprojects: list[Path] = []
    for folder in (here, *here.parents):
        config = folder / CONFIG_FILE
        pyproject = folder / PYPROJECT
        table = _table_in(pyproject) if pyproject.is_file() else None
        if pyproject.is_file() and table is None:
            pyprojects.append(pyproject)
        if config.is_file():
            if table is not None:
                raise CourseError(
                    f"{folder} declares the course twice, in {CONFIG_FILE} and in {PYPROJECT}'s "
                    f"[{TABLE}] table; keep one of them"
                )
            return read_course(config)
        if table is not None:
            return read_course(pyproject)
    raise _not_found(here, pyprojects)


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CourseError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CourseError(f"{path}: not valid TOML: {error}") from None


def _table_in(pyproject: Path) -> dict[str, Any] | None:
    """The ``[tool.recall-widgets]`` table of a ``pyproject.toml``, or None if it has none.

    A misspelt table name (``[tool.recall_widgets]``) is a :class:`CourseError`, not silence.
    """
    tool = _load_toml(pyproject).get("tool", {})
    if not isinstance(tool, dict):
        return None
    table = tool.get("recall-widgets")
    if table is None:
        near = [name for name in tool if _simplified(name) == "recallwidgets"]
        near += difflib.get_close_matches("recall-widgets", [n for n in tool if n not in near])
        if near:
            raise CourseError(
                f"{pyproject}: unknown table [tool.{near[0]}]; did you mean [{TABLE}]?"
            )
        return None
    if not isinstance(table, dict):
        raise CourseError(f"{pyproject}: [{TABLE}] must be a table of keys ({_key_list()})")
    return table


def _simplified(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _key_list() -> str:
    return ", ".join(KEYS)


def read_course(path: str | os.PathLike[str]) -> Course:
    """Read and check the course declared in ``path`` (a ``course.toml`` or ``pyproject.toml``).

    Raises
    ------
    CourseError
        A message naming the file, the key and what is allowed, for: TOML that does not parse,
        an unknown key (with the closest real one), a missing or empty title, a value of the
        wrong type, a folder that is absolute or outside the course, a start notebook that is
        not an ``.ipynb`` file name, a repository that is not an https address, a bad branch.
    """
    file = Path(path).absolute()
    if file.name == PYPROJECT:
        table = _table_in(file)
        if table is None:
            raise CourseError(f"{file} has no [{TABLE}] table; add one:\n\n[{TABLE}]\n{snippet()}")
        where = f"{file} [{TABLE}]"
    else:
        table = _load_toml(file)
        where = str(file)
    unknown = [key for key in table if key not in KEYS]
    if unknown:
        key = unknown[0]
        close = difflib.get_close_matches(key, list(KEYS), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise CourseError(f"{where}: unknown key {key!r}; {hint}Allowed keys: {_key_list()}")
    root = file.parent
    title = _title(table, where)
    decks = _folder(table, "decks", root, where)
    notebooks = _folder(table, "notebooks", root, where)
    start = notebooks / _start(table, where, notebooks, root)
    repository = table.get("repository")
    if repository is not None:
        repository = _check(where, "repository", repository, check_repository)
    branch = _check(where, "branch", table.get("branch", _DEFAULTS["branch"]), _check_branch)
    lang = table.get("lang")
    if lang is not None:
        lang = _check(where, "lang", lang, _check_lang)
    return Course(title, root, decks, notebooks, start, repository, branch, file, lang)


def _string(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key, _DEFAULTS.get(key))
    if not isinstance(value, str):
        found = type(value).__name__ if value is not None else "nothing"
        raise CourseError(
            f"{where}: {key} must be text in quotes ({KEYS[key]}), found {found}: {value!r}"
        )
    return value


def _title(table: dict[str, Any], where: str) -> str:
    if "title" not in table:
        raise CourseError(
            f"{where}: the required key 'title' is missing; add e.g. title = \"My course\""
        )
    title = _string(table, "title", where).strip()
    if not title:
        raise CourseError(f"{where}: title is empty; give the course's title")
    if _CONTROL.search(title):
        raise CourseError(f"{where}: title must be one line of text, with no control characters")
    return title


def _folder(table: dict[str, Any], key: str, root: Path, where: str) -> Path:
    value = _string(table, key, where).strip()
    if not value:
        raise CourseError(f"{where}: {key} is empty; give {KEYS[key]}")
    if Path(value).is_absolute() or PurePosixPath(value).is_absolute() or re.match(r"^\w:", value):
        raise CourseError(
            f"{where}: {key} = {value!r} is an absolute path; give a folder relative to "
            f"{root}, e.g. {key} = {_DEFAULTS[key]!r}"
        )
    folder = (root / value).resolve()
    if not folder.is_relative_to(root.resolve()):
        raise CourseError(
            f"{where}: {key} = {value!r} is outside the course folder {root}; give a folder "
            f"inside it, e.g. {key} = {_DEFAULTS[key]!r}"
        )
    return root / value


def _start(table: dict[str, Any], where: str, notebooks: Path, root: Path) -> str:
    value = _string(table, "start", where).strip()
    name = PurePosixPath(value.replace("\\", "/")).name
    if "/" in value or "\\" in value:
        folder = notebooks.relative_to(root).as_posix() if notebooks.is_relative_to(root) else ""
        raise CourseError(
            f"{where}: start = {value!r} is a path; start names a notebook in the notebooks "
            f"folder ({folder!r}): write start = {name!r}"
        )
    if not value.endswith(".ipynb") or value in (".ipynb", "") or value.startswith("."):
        raise CourseError(
            f"{where}: start = {value!r} is not a notebook file name; give the first "
            "notebook's file name, e.g. start = '00-start.ipynb'"
        )
    return value


def _check(where: str, key: str, value: object, check: Any) -> str:
    try:
        result: str = check(value)
    except ValueError as error:
        raise CourseError(f"{where}: {key}: {error}") from None
    return result


def check_repository(url: object) -> str:
    """A repository address, checked: ``https://HOST/PATH``, no query, no credentials.

    Returns it without a trailing slash. Raises ``ValueError`` saying what is allowed.

    Example
    -------
    >>> check_repository("https://github.com/org/repo/")
    'https://github.com/org/repo'
    """
    example = "give its https address, e.g. https://github.com/ORG/REPO"
    if not isinstance(url, str):
        raise ValueError(f"expected text in quotes, found {url!r}; {example}")
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        raise ValueError(f"not a repository address: {url!r}; {example}") from None
    if (
        parts.scheme.lower() != "https"
        or not host
        or not parts.path.strip("/")
        or parts.query
        or parts.fragment
        or parts.username is not None
        or any(c.isspace() for c in text)
    ):
        raise ValueError(f"not a repository address: {url!r}; {example}")
    return text.rstrip("/")


def _check_branch(branch: object) -> str:
    if not isinstance(branch, str) or not branch.strip():
        raise ValueError(f"expected a git branch name in quotes, e.g. 'main', found {branch!r}")
    name = branch.strip()
    if _BAD_REF.search(name) or name.startswith(("-", "/", ".")) or name.endswith((".lock", "/")):
        raise ValueError(f"not a git branch name: {branch!r}; e.g. 'main'")
    return name


def _check_lang(lang: object) -> str:
    from ..i18n.languages import is_language_tag, suggest_tag

    if not isinstance(lang, str) or not is_language_tag(lang.strip()):
        meant = suggest_tag(lang) if isinstance(lang, str) else None
        hint = f"did you mean {meant!r}? " if meant else ""
        raise ValueError(
            f"expected a BCP 47 language tag in quotes such as 'de', 'fr' or 'en-GB', "
            f"found {lang!r}; {hint}".rstrip("; ")
        )
    return lang.strip()


def course_decks(course: Course) -> list[Path]:
    """The deck files of a course: ``*.yaml`` and ``*.yml`` in its decks folder (and below).

    Sorted; hidden files and folders (``.ipynb_checkpoints``) are skipped. Raises
    :class:`CourseError` when the folder does not exist or holds no deck.
    """
    folder = course.decks
    if not folder.is_dir():
        raise CourseError(
            f"the decks folder {folder} does not exist (decks = in {course.where}); create it "
            "or point decks at the folder of YAML decks"
        )
    found = sorted(
        file
        for file in folder.rglob("*")
        if file.suffix in _DECK_SUFFIXES
        and file.is_file()
        and not any(part.startswith(".") for part in file.relative_to(folder).parts)
    )
    if not found:
        raise CourseError(f"no decks (*.yaml, *.yml) in {folder} (decks = in {course.where})")
    return found


def course_notebooks(course: Course) -> list[Path]:
    """The notebooks of a course, the start notebook first, then by name.

    Hidden files and sub-folders (checkpoints, instructor notes) are left out. Raises
    :class:`CourseError` when the notebooks folder or the start notebook does not exist.
    """
    folder = course.notebooks
    if not folder.is_dir():
        raise CourseError(
            f"the notebooks folder {folder} does not exist (notebooks = in {course.where})"
        )
    names = sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.name.startswith("."))
    if course.start not in names:
        listing = ", ".join(p.name for p in names) or "none"
        close = difflib.get_close_matches(course.start.name, [p.name for p in names], n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise CourseError(
            f"the start notebook {course.start} does not exist (start = in {course.where}); "
            f"{hint}Notebooks there: {listing}"
        )
    return [course.start, *(p for p in names if p != course.start)]
