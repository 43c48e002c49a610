"""Links that open the course: Binder, its Markdown badge, and JupyterHub nbgitpuller links.

A course's public address, branch, notebooks folder and start notebook come from its course
config (``course.toml``, or ``[tool.recall-widgets]`` in its ``pyproject.toml``; see
:mod:`recall_widgets.deck.course`), never from the engine's own files: changing the config's
``repository`` line changes every link ``recall-widgets links`` prints for that course.

Binder URL forms follow BinderHub's repository providers: ``v2/gh/ORG/REPO/REF`` for GitHub,
``v2/gl/<url-escaped namespace>/REF`` for gitlab.com (nested groups allowed), and
``v2/git/<url-escaped clone URL>/REF`` for any other git host (including self-hosted GitLab).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from recall_widgets.deck.course import Course

__all__ = [
    "BINDER",
    "BINDER_BADGE",
    "HUB_PLACEHOLDER",
    "RepoAddress",
    "badge_markdown",
    "binder_url",
    "course_notebooks",
    "nbgitpuller_url",
    "parse_repository",
]

BINDER = "https://mybinder.org"
BINDER_BADGE = f"{BINDER}/badge_logo.svg"
HUB_PLACEHOLDER = "https://YOUR-JUPYTERHUB"
_EXAMPLE = "give the https address of a git repository, e.g. https://github.com/ORG/REPO"
# Characters git refuses in a ref name (see `git check-ref-format`), plus ASCII controls.
_BAD_REF = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//")
_BAD_SEGMENT = re.compile(r"[\x00-\x20\x7f%]")


@dataclass(frozen=True)
class RepoAddress:
    """A repository address, checked and normalised.

    Attributes
    ----------
    url : str
        The clone URL, without a trailing slash (and without ``.git`` on GitHub and gitlab.com).
    host : str
        ``"github"``, ``"gitlab"`` (gitlab.com) or ``"git"`` (any other git host).
    path : str
        The repository's path on its host, e.g. ``"ORG/REPO"`` or ``"group/sub/project"``.
    name : str
        The folder a clone goes into: the URL's last path segment (what nbgitpuller uses).

    Example
    -------
    >>> parse_repository("https://gitlab.com/group/sub/project").path
    'group/sub/project'
    """

    url: str
    host: str
    path: str
    name: str


def parse_repository(url: str) -> RepoAddress:
    """Check that ``url`` is the https address of a git repository, and normalise it.

    Parameters
    ----------
    url : str
        For example ``https://github.com/ORG/REPO`` (a trailing ``/`` or ``.git`` is fine),
        ``https://gitlab.com/GROUP/SUBGROUP/PROJECT`` or ``https://git.example.org/x/y.git``.

    Returns
    -------
    RepoAddress
        The normalised address.

    Raises
    ------
    ValueError
        If ``url`` is not an http(s) URL of a repository (no scheme or host, credentials,
        a query or fragment, fewer than two path segments, or a page inside a repository
        such as ``.../tree/main``).

    Example
    -------
    >>> parse_repository("https://github.com/org/repo.git/")
    RepoAddress(url='https://github.com/org/repo', host='github', path='org/repo', name='repo')
    """
    text = url.strip()
    bad = f"not a repository address: {url!r} ({_EXAMPLE})"
    try:
        parts = urlsplit(text)
        hostname = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        raise ValueError(bad) from None
    if parts.scheme.lower() not in {"http", "https"} or not hostname or "." not in hostname:
        raise ValueError(bad)
    if parts.username is not None or parts.password is not None:
        raise ValueError(f"not a repository address: {url!r} (leave credentials out of it)")
    if parts.query or parts.fragment:
        raise ValueError(f"not a repository address: {url!r} (it has a ? query or # fragment)")
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2 or any(s in {".", ".."} or _BAD_SEGMENT.search(s) for s in segments):
        raise ValueError(bad)
    netloc = hostname if port is None else f"{hostname}:{port}"
    if hostname in {"github.com", "www.github.com", "gitlab.com", "www.gitlab.com"}:
        host = "github" if "github" in hostname else "gitlab"
        if segments[-1].endswith(".git"):
            segments[-1] = segments[-1][: -len(".git")]
        if host == "github" and len(segments) != 2:
            raise ValueError(
                f"not a repository address: {url!r} (a GitHub repository is "
                "https://github.com/ORG/REPO, not a page inside it)"
            )
        if host == "gitlab" and "-" in segments:
            raise ValueError(
                f"not a repository address: {url!r} (a gitlab.com repository is "
                "https://gitlab.com/GROUP/PROJECT, not a page inside it)"
            )
        if not all(segments):
            raise ValueError(bad)
        path = "/".join(segments)
        return RepoAddress(
            url=f"https://{hostname.removeprefix('www.')}/{path}",
            host=host,
            path=path,
            name=segments[-1],
        )
    path = "/".join(segments)
    return RepoAddress(
        url=f"{parts.scheme.lower()}://{netloc}/{path}",
        host="git",
        path=path,
        name=segments[-1],
    )


def _check_branch(branch: str) -> str:
    if (
        not branch
        or _BAD_REF.search(branch)
        or branch.startswith(("/", "-", "."))
        or branch.endswith(("/", ".", ".lock"))
        or "/." in branch
        or branch == "@"
    ):
        raise ValueError(f"not a git branch name: {branch!r}")
    return branch


def _check_notebook(notebook: str, folder: str = "notebooks") -> str:
    if (
        not notebook.endswith(".ipynb")
        or notebook.startswith("/")
        or any(p in {"", ".", ".."} for p in notebook.split("/"))
    ):
        raise ValueError(
            f"not a notebook under {folder}/: {notebook!r} (give a name like 00-start.ipynb)"
        )
    return notebook


def _check_folder(folder: str) -> str:
    parts = folder.strip("/").split("/")
    if folder.startswith("/") or any(p in {"", ".", ".."} for p in parts):
        raise ValueError(f"not a folder inside the repository: {folder!r} (e.g. notebooks)")
    return "/".join(parts)


def binder_url(
    repo: str, branch: str = "main", notebook: str = "00-start.ipynb", folder: str = "notebooks"
) -> str:
    """The mybinder.org link that builds ``repo`` at ``branch`` and opens a course notebook.

    Parameters
    ----------
    repo : str
        The repository's https address (see :func:`parse_repository`).
    branch : str, default "main"
        Branch, tag or commit; characters that are not safe in a URL path are %-encoded
        (``/`` is kept: BinderHub reads everything after the repository as the ref).
    notebook : str, default "00-start.ipynb"
        A notebook in the repository's ``folder``, opened in JupyterLab.
    folder : str, default "notebooks"
        The course's notebooks folder, relative to the repository's root (its config's
        ``notebooks``).

    Returns
    -------
    str
        ``https://mybinder.org/v2/gh/ORG/REPO/BRANCH?urlpath=lab/tree/notebooks/NB.ipynb``
        (``v2/gl/...`` for gitlab.com, ``v2/git/<url-escaped URL>/...`` for other hosts).

    Raises
    ------
    ValueError
        If ``repo`` is not a repository address, ``branch`` not a git ref name, or
        ``notebook`` not a notebook path.

    Example
    -------
    >>> binder_url("https://github.com/org/repo", "main", "00-start.ipynb")
    'https://mybinder.org/v2/gh/org/repo/main?urlpath=lab/tree/notebooks/00-start.ipynb'
    >>> binder_url("https://gitlab.com/group/sub/project", "dev", "01-a.ipynb")
    'https://mybinder.org/v2/gl/group%2Fsub%2Fproject/dev?urlpath=lab/tree/notebooks/01-a.ipynb'
    """
    address = parse_repository(repo)
    ref = quote(_check_branch(branch), safe="/")
    where = _check_folder(folder)
    urlpath = quote(f"lab/tree/{where}/{_check_notebook(notebook, where)}", safe="/")
    if address.host == "github":
        spec = f"gh/{address.path}"
    elif address.host == "gitlab":
        spec = f"gl/{quote(address.path, safe='')}"
    else:
        spec = f"git/{quote(address.url, safe='')}"
    return f"{BINDER}/v2/{spec}/{ref}?urlpath={urlpath}"


def badge_markdown(link: str) -> str:
    """The Markdown "launch binder" badge that opens ``link``.

    Parameters
    ----------
    link : str
        A Binder link, usually from :func:`binder_url`.

    Returns
    -------
    str
        ``[![Binder](https://mybinder.org/badge_logo.svg)](LINK)``.

    Example
    -------
    >>> badge_markdown("https://mybinder.org/v2/gh/org/repo/main")
    '[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/org/repo/main)'
    """
    return f"[![Binder]({BINDER_BADGE})]({link})"


def _check_hub(hub: str) -> str:
    text = hub.strip()
    bad = f"not a JupyterHub address: {hub!r} (give its https URL, e.g. https://hub.example.org)"
    try:
        parts = urlsplit(text)
        hostname = parts.hostname
        _ = parts.port
    except ValueError:
        raise ValueError(bad) from None
    if (
        parts.scheme.lower() not in {"http", "https"}
        or not hostname
        or parts.query
        or parts.fragment
        or parts.username is not None
        or any(c.isspace() for c in text)
    ):
        raise ValueError(bad)
    return text.rstrip("/")


def nbgitpuller_url(
    hub: str,
    repo: str,
    branch: str = "main",
    notebook: str = "00-start.ipynb",
    folder: str = "notebooks",
) -> str:
    """A JupyterHub link that clones (or updates) ``repo`` with nbgitpuller and opens a notebook.

    Parameters
    ----------
    hub : str
        The JupyterHub's address, e.g. ``https://hub.example.org`` (a base path is kept).
    repo : str
        The repository's https address (see :func:`parse_repository`).
    branch : str, default "main"
        The branch to pull.
    notebook : str, default "00-start.ipynb"
        A notebook in the repository's ``folder``.
    folder : str, default "notebooks"
        The course's notebooks folder, relative to the repository's root.

    Returns
    -------
    str
        ``HUB/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=lab/tree/NAME/notebooks/NB``
        with every query value %-encoded (``/`` is kept in ``urlpath``); ``NAME`` is the
        folder nbgitpuller clones into, the repository URL's last segment.

    Raises
    ------
    ValueError
        If ``hub`` is not an http(s) URL, or ``repo``/``branch``/``notebook`` are invalid.

    Example
    -------
    >>> nbgitpuller_url("https://hub.example.org/", "https://github.com/org/repo", "main",
    ...                 "00-start.ipynb")
    'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Frepo&branch=main&urlpath=lab/tree/repo/notebooks/00-start.ipynb'
    """
    base = _check_hub(hub)
    address = parse_repository(repo)
    ref = quote(_check_branch(branch), safe="")
    where = _check_folder(folder)
    urlpath = quote(f"lab/tree/{address.name}/{where}/{_check_notebook(notebook, where)}", safe="/")
    return (
        f"{base}/hub/user-redirect/git-pull?repo={quote(address.url, safe='')}"
        f"&branch={ref}&urlpath={urlpath}"
    )


def course_notebooks(course: Course) -> list[str]:
    """The course's notebooks (its config's notebooks folder), start notebook first, then by name.

    Parameters
    ----------
    course : Course
        The course, from :func:`recall_widgets.deck.course.find_course`.

    Returns
    -------
    list of str
        File names such as ``["00-start.ipynb", "01-what-is-a-session.ipynb", ...]``; hidden
        files and sub-folders (checkpoints, instructor notes) are left out. The first is the
        config's ``start`` notebook.

    Raises
    ------
    ValueError
        If the notebooks folder does not exist, holds no notebook, or lacks the start notebook
        (a :class:`~recall_widgets.deck.course.CourseError` naming the config).
    """
    from recall_widgets.deck.course import course_notebooks as notebooks_of

    return [path.name for path in notebooks_of(course)]
