"""Links that open the course: Binder, its Markdown badge, and JupyterHub nbgitpuller links.

The course's public address lives in one setting, ``[project.urls] Repository`` in
``pyproject.toml``. :func:`repository_url` reads it (from the source checkout when the package
runs from one, else from the installed distribution's metadata); every link is derived from it,
so changing that one line changes every link ``recall-widgets links`` prints.

Binder URL forms follow BinderHub's repository providers: ``v2/gh/ORG/REPO/REF`` for GitHub,
``v2/gl/<url-escaped namespace>/REF`` for gitlab.com (nested groups allowed), and
``v2/git/<url-escaped clone URL>/REF`` for any other git host (including self-hosted GitLab).
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

__all__ = [
    "BINDER",
    "BINDER_BADGE",
    "DISTRIBUTION",
    "HUB_PLACEHOLDER",
    "RepoAddress",
    "badge_markdown",
    "binder_url",
    "checkout_root",
    "course_notebooks",
    "nbgitpuller_url",
    "parse_repository",
    "repository_url",
]

DISTRIBUTION = "recall-widgets"
BINDER = "https://mybinder.org"
BINDER_BADGE = f"{BINDER}/badge_logo.svg"
HUB_PLACEHOLDER = "https://YOUR-JUPYTERHUB"
_URL_KEY = "Repository"
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


def checkout_root() -> Path | None:
    """The source checkout this package runs from, if any.

    Returns
    -------
    Path or None
        The package's parent folder when it holds this project's ``pyproject.toml``; ``None``
        when the package is installed from a wheel.

    Example
    -------
    >>> root = checkout_root()
    >>> root is None or (root / "pyproject.toml").is_file()
    True
    """
    root = Path(__file__).resolve().parents[2]
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return None
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    project = data.get("project", {})
    return root if isinstance(project, dict) and project.get("name") == DISTRIBUTION else None


def _from_pyproject(pyproject: Path) -> str:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    urls = data.get("project", {}).get("urls", {})
    url = urls.get(_URL_KEY) if isinstance(urls, dict) else None
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"{pyproject} has no [project.urls] {_URL_KEY} = '...' setting")
    return url.strip()


def _from_metadata() -> str:
    try:
        meta = importlib.metadata.metadata(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise ValueError(
            f"cannot find the repository address: no source checkout and {DISTRIBUTION} "
            "is not installed (pass the address explicitly)"
        ) from None
    entries: list[str] = [str(e) for e in meta.get_all("Project-URL") or []]
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip() == _URL_KEY and url.strip():
            return url.strip()
    raise ValueError(f"the installed {DISTRIBUTION} metadata has no Project-URL {_URL_KEY!r}")


def repository_url() -> str:
    """The course's configured public address: ``[project.urls] Repository`` in pyproject.toml.

    Read from the source checkout's ``pyproject.toml`` when the package runs from one, else
    from the installed distribution's metadata (``Project-URL: Repository, ...``).

    Returns
    -------
    str
        The address exactly as configured (check it with :func:`parse_repository`).

    Raises
    ------
    ValueError
        If the setting is missing.

    Example
    -------
    >>> repository_url().startswith("https://")
    True
    """
    root = checkout_root()
    if root is not None:
        return _from_pyproject(root / "pyproject.toml")
    return _from_metadata()


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


def _check_notebook(notebook: str) -> str:
    if (
        not notebook.endswith(".ipynb")
        or notebook.startswith("/")
        or any(p in {"", ".", ".."} for p in notebook.split("/"))
    ):
        raise ValueError(
            f"not a notebook under notebooks/: {notebook!r} (give a name like 00-start.ipynb)"
        )
    return notebook


def binder_url(repo: str, branch: str = "main", notebook: str = "00-start.ipynb") -> str:
    """The mybinder.org link that builds ``repo`` at ``branch`` and opens a course notebook.

    Parameters
    ----------
    repo : str
        The repository's https address (see :func:`parse_repository`).
    branch : str, default "main"
        Branch, tag or commit; characters that are not safe in a URL path are %-encoded
        (``/`` is kept: BinderHub reads everything after the repository as the ref).
    notebook : str, default "00-start.ipynb"
        A notebook in the repository's ``notebooks/`` folder, opened in JupyterLab.

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
    urlpath = quote(f"lab/tree/notebooks/{_check_notebook(notebook)}", safe="/")
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
    hub: str, repo: str, branch: str = "main", notebook: str = "00-start.ipynb"
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
        A notebook in the repository's ``notebooks/`` folder.

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
    urlpath = quote(f"lab/tree/{address.name}/notebooks/{_check_notebook(notebook)}", safe="/")
    return (
        f"{base}/hub/user-redirect/git-pull?repo={quote(address.url, safe='')}"
        f"&branch={ref}&urlpath={urlpath}"
    )


def course_notebooks(root: str | Path) -> list[str]:
    """The course notebooks in ``root/notebooks/``, start notebook first, then by name.

    Parameters
    ----------
    root : str or Path
        The repository (course) folder that holds ``notebooks/``.

    Returns
    -------
    list of str
        File names such as ``["00-start.ipynb", "01-what-is-a-session.ipynb", ...]``; hidden
        files and sub-folders (checkpoints, instructor notes) are left out. The start notebook
        is the one whose name (without a ``NN-`` number) is ``start``.

    Raises
    ------
    ValueError
        If ``root/notebooks/`` does not exist or holds no notebook.

    Example
    -------
    >>> root = checkout_root()
    >>> root is None or course_notebooks(root)[0].endswith("start.ipynb")
    True
    """
    folder = Path(root) / "notebooks"
    if not folder.is_dir():
        raise ValueError(f"no notebooks/ folder in {root} (run this from the course repository)")
    names = sorted(
        p.name for p in folder.glob("*.ipynb") if p.is_file() and not p.name.startswith(".")
    )
    if not names:
        raise ValueError(f"no notebooks in {folder}")

    def is_start(name: str) -> bool:
        return re.sub(r"^\d+[-_ ]*", "", name.removesuffix(".ipynb")).lower() == "start"

    return sorted(names, key=lambda name: (not is_start(name), name))
