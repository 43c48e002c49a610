"""Links that open the course: Binder, its Markdown badge, and JupyterHub nbgitpuller links.

A course's public address, branch, notebooks folder and start notebook come from its course
config (``course.toml``, or ``[tool.recall-widgets]`` in its ``pyproject.toml``; see
:mod:`recall_widgets.deck.course`), never from the engine's own files: changing the config's
``repository`` line changes every link ``recall-widgets links`` prints for that course.

A repository's address may be any that ``git clone`` takes, hence nbgitpuller
(:data:`ADDRESS_FORMS`): https, http (a server on the hub's machine), ssh, ``USER@HOST:PATH``,
git or ``file://``; Binder links only for a public https address, which mybinder.org can reach.
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
    "ADDRESS_FORMS",
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
#: The forms of a git address this module reads (what ``git clone``, hence nbgitpuller, pulls).
ADDRESS_FORMS = (
    "https://HOST/ORG/REPO, http://localhost:PORT/REPO.git, ssh://[USER@]HOST[:PORT]/PATH, "
    "USER@HOST:PATH (e.g. git@github.com:ORG/REPO.git), git://HOST/PATH "
    "or file:///ABSOLUTE/PATH"
)
_EXAMPLE = f"give the address of a git repository: {ADDRESS_FORMS}"
# Characters git refuses in a ref name (see `git check-ref-format`), plus ASCII controls.
_BAD_REF = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//")
_BAD_SEGMENT = re.compile(r"[\x00-\x20\x7f%]")
_SCHEMES = {"http", "https", "ssh", "git", "file"}
# git's "scp-like" address: [user@]host:path, with no "/" before the ":" (git clone's rule).
_SCP = re.compile(r"(?:(?P<user>[^@/:\s]+)@)?(?P<host>[A-Za-z0-9](?:[A-Za-z0-9.-]*)):(?P<path>.+)")
_HOSTS = {"github.com": "github", "www.github.com": "github"}
_HOSTS |= {"gitlab.com": "gitlab", "www.gitlab.com": "gitlab"}


@dataclass(frozen=True)
class RepoAddress:
    """A git repository's address, checked and normalised.

    Attributes
    ----------
    url : str
        The address to clone, without a trailing slash (and without ``.git`` for an https
        address on GitHub and gitlab.com).
    host : str
        ``"github"``, ``"gitlab"`` (gitlab.com, over https) or ``"git"`` (anything else).
    path : str
        The repository's path on its host, e.g. ``"ORG/REPO"`` or ``"group/sub/project"``
        (for ``file://``, the folder's absolute path without its leading ``/``).
    name : str
        The folder nbgitpuller clones into: the last segment of the path.
    binder : bool
        Whether mybinder.org can build it: a public https address (not a local, loopback,
        ``ssh`` or ``file`` one).

    Example
    -------
    >>> parse_repository("https://gitlab.com/group/sub/project").path
    'group/sub/project'
    >>> parse_repository("git@github.com:org/repo.git").binder
    False
    """

    url: str
    host: str
    path: str
    name: str
    binder: bool = True


def _refuse(url: str, why: str | None = None) -> ValueError:
    return ValueError(f"not a repository address: {url!r} ({why or _EXAMPLE})")


def _segments(url: str, path: str) -> list[str]:
    segments = [s for s in path.split("/") if s]
    if not segments or any(s in {".", ".."} or _BAD_SEGMENT.search(s) for s in segments):
        raise _refuse(url)
    return segments


def _public(hostname: str) -> bool:
    """Whether mybinder.org could reach ``hostname``: a dotted name, not a loopback or
    private address, nor a bare IP."""
    if "." not in hostname or hostname.endswith((".local", ".localhost", ".internal")):
        return False
    return not re.fullmatch(r"[0-9.]+|\[[0-9a-f:.]+\]", hostname)


def parse_repository(url: str) -> RepoAddress:
    """Check that ``url`` is the address of a git repository nbgitpuller can pull; normalise it.

    Parameters
    ----------
    url : str
        Any address ``git clone`` takes (see :data:`ADDRESS_FORMS`): ``https://github.com/ORG/REPO``
        (a trailing ``/`` or ``.git`` is fine), ``https://gitlab.com/GROUP/SUBGROUP/PROJECT``,
        ``https://git.example.org/x/y.git``, ``http://localhost:8080/course.git``,
        ``ssh://git@host:2222/srv/course.git``, ``git@github.com:ORG/REPO.git``,
        ``git://host/course.git`` or ``file:///srv/git/course.git``.

    Returns
    -------
    RepoAddress
        The normalised address.

    Raises
    ------
    ValueError
        If ``url`` is none of those forms: another scheme, no host (or, for ``file://``, a
        host other than ``localhost``), a password (or any credentials in an http(s) address),
        a query or fragment, no path, a relative local path, or a page inside a GitHub or
        gitlab.com repository such as ``.../tree/main``. The message lists the forms allowed.

    Example
    -------
    >>> parse_repository("https://github.com/org/repo.git/").url
    'https://github.com/org/repo'
    >>> parse_repository("file:///srv/git/course.git").name
    'course.git'
    """
    text = url.strip()
    if not text or any(c.isspace() for c in text):
        raise _refuse(url)
    if "://" not in text:
        scp = _SCP.fullmatch(text)
        if scp is None or "/" in text.split(":", 1)[0]:
            if text.startswith(("/", "./", "../", "~")):
                raise _refuse(url, "a local repository is given as file:///ABSOLUTE/PATH")
            raise _refuse(url)
        path = scp["path"].rstrip("/")
        segments = _segments(url, path)
        return RepoAddress(
            url=text.rstrip("/"),
            host="git",
            path="/".join(segments),
            name=segments[-1],
            binder=False,
        )
    try:
        parts = urlsplit(text)
        hostname = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        raise _refuse(url) from None
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise _refuse(url)
    if parts.query or parts.fragment:
        raise _refuse(url, "it has a ? query or # fragment")
    if parts.password is not None or (parts.username is not None and scheme != "ssh"):
        raise _refuse(url, "leave credentials out of it")
    if scheme == "file":
        if hostname not in {"", "localhost"} or parts.username is not None:
            raise _refuse(url, "a local repository is file:///ABSOLUTE/PATH, with no host")
        segments = _segments(url, parts.path)
        path = "/".join(segments)
        return RepoAddress(
            url=f"file:///{path}", host="git", path=path, name=segments[-1], binder=False
        )
    if not hostname:
        raise _refuse(url)
    segments = _segments(url, parts.path)
    host = _HOSTS.get(hostname) if scheme == "https" else None
    if host is not None:
        return _hosted(url, host, hostname, segments)
    user = f"{parts.username}@" if parts.username is not None else ""
    netloc = hostname if port is None else f"{hostname}:{port}"
    if ":" in hostname:  # an IPv6 literal keeps its brackets
        netloc = f"[{hostname}]" if port is None else f"[{hostname}]:{port}"
    path = "/".join(segments)
    return RepoAddress(
        url=f"{scheme}://{user}{netloc}/{path}",
        host="git",
        path=path,
        name=segments[-1],
        binder=scheme == "https" and _public(hostname),
    )


def _hosted(url: str, host: str, hostname: str, segments: list[str]) -> RepoAddress:
    """An https address on GitHub or gitlab.com: ``.git`` dropped, pages inside refused."""
    if segments[-1].endswith(".git"):
        segments[-1] = segments[-1][: -len(".git")]
    if host == "github" and len(segments) != 2:
        raise _refuse(
            url, "a GitHub repository is https://github.com/ORG/REPO, not a page inside it"
        )
    if host == "gitlab" and ("-" in segments or len(segments) < 2):
        raise _refuse(
            url, "a gitlab.com repository is https://gitlab.com/GROUP/PROJECT, not a page inside it"
        )
    if not all(segments):
        raise _refuse(url)
    path = "/".join(segments)
    return RepoAddress(
        url=f"https://{hostname.removeprefix('www.')}/{path}",
        host=host,
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
        The repository's public https address (see :func:`parse_repository`).
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
        If ``repo`` is not a repository address or not one mybinder.org can reach (a local,
        ``ssh``, ``file://`` or loopback address), ``branch`` not a git ref name, or
        ``notebook`` not a notebook path.

    Example
    -------
    >>> binder_url("https://github.com/org/repo", "main", "00-start.ipynb")
    'https://mybinder.org/v2/gh/org/repo/main?urlpath=lab/tree/notebooks/00-start.ipynb'
    >>> binder_url("https://gitlab.com/group/sub/project", "dev", "01-a.ipynb")
    'https://mybinder.org/v2/gl/group%2Fsub%2Fproject/dev?urlpath=lab/tree/notebooks/01-a.ipynb'
    """
    address = parse_repository(repo)
    if not address.binder:
        raise ValueError(
            f"no Binder link for {address.url!r}: mybinder.org builds only repositories at a "
            "public https address (give one with --repo, e.g. https://github.com/ORG/REPO)"
        )
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
        Any git address nbgitpuller can pull (see :func:`parse_repository`): https, http (a
        local server), ssh, ``USER@HOST:PATH``, git or ``file://`` (a repository on the hub's
        machine; the learners' servers must be able to read it).
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
        folder nbgitpuller clones into, the repository URL's last segment (``&targetpath=NAME``
        is added when nbgitpuller would not find it there, as for ``git@host:course.git``).

    Raises
    ------
    ValueError
        If ``hub`` is not an http(s) URL, or ``repo``/``branch``/``notebook`` are invalid.

    Example
    -------
    >>> nbgitpuller_url("https://hub.example.org/", "https://github.com/org/repo", "main",
    ...                 "00-start.ipynb")
    'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Frepo&branch=main&urlpath=lab/tree/repo/notebooks/00-start.ipynb'
    >>> nbgitpuller_url("http://127.0.0.1:8000", "file:///srv/git/course.git")
    'http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=file%3A%2F%2F%2Fsrv%2Fgit%2Fcourse.git&branch=main&urlpath=lab/tree/course.git/notebooks/00-start.ipynb'
    """
    base = _check_hub(hub)
    address = parse_repository(repo)
    ref = quote(_check_branch(branch), safe="")
    where = _check_folder(folder)
    urlpath = quote(f"lab/tree/{address.name}/{where}/{_check_notebook(notebook, where)}", safe="/")
    # nbgitpuller clones into the address's last "/" segment unless told where: say it when
    # that is not the repository's name (an scp-like address with no "/", as host:repo.git).
    target = "" if address.url.split("/")[-1] == address.name else f"&targetpath={address.name}"
    return (
        f"{base}/hub/user-redirect/git-pull?repo={quote(address.url, safe='')}"
        f"&branch={ref}{target}&urlpath={urlpath}"
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
