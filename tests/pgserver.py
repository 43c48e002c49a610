"""A real PostgreSQL server for the tests: a temporary cluster on a free 127.0.0.1 port.

``initdb`` and ``postgres`` refuse to run as root, and the tests run as root on CI: when this
process is root, the cluster is made and run as the ``postgres`` system user (``runuser``),
in a temporary folder of its own under the system's temporary folder (pytest's own folders are
private to root). The server listens on 127.0.0.1 only, with its Unix socket in the cluster's
folder; ``trust`` authentication for the ``postgres`` superuser, and a database ``recall``.
:func:`postgresql` yields a :class:`Postgres` with the DSN (``postgresql://...``) and stops the
server (``pg_ctl stop -m fast``) and removes the folder at the end, whatever happened.

The binaries are found in ``RECALL_PG_BIN``, else Debian's ``/usr/lib/postgresql/N/bin`` (the
newest N), else on ``PATH``. The module needs no pytest.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

_BROWSER_TESTS = str(Path(__file__).resolve().parent / "browser")
if _BROWSER_TESTS not in sys.path:
    sys.path.insert(0, _BROWSER_TESTS)

from servers import ServerError, free_port  # noqa: E402  (tests/browser's helpers)

DATABASE = "recall"
SYSTEM_USER = "postgres"


def _raise(message: str) -> NoReturn:
    raise ServerError(message)


def pg_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    if os.environ.get("RECALL_PG_BIN"):
        return Path(os.environ["RECALL_PG_BIN"])
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if debian:
        return debian[-1].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def missing_tools() -> list[str]:
    """What a test PostgreSQL needs and this machine lacks (empty when it can run)."""
    missing = []
    folder = pg_bin()
    if folder is None or not (folder / "pg_ctl").is_file():
        missing.append("PostgreSQL's server binaries (apt-get install postgresql)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            missing.append(f"the {SYSTEM_USER!r} system user (apt-get install postgresql)")
        if shutil.which("runuser") is None:
            missing.append("runuser (util-linux)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing.append("psycopg (pip install -e '.[test]')")
    return missing


@dataclass(frozen=True)
class Postgres:
    """A running test PostgreSQL: where it listens and its DSN."""

    host: str
    port: int
    user: str
    database: str
    folder: Path

    @property
    def dsn(self) -> str:
        """``postgresql://postgres@127.0.0.1:PORT/recall``."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}"


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", SYSTEM_USER, "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], what: str, fail: Callable[[str], NoReturn], log: Path) -> None:
    done = subprocess.run(
        _as_owner(command), capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    if done.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:] if log.is_file() else ""
        fail(f"{what} failed ({done.returncode}): {done.stdout}{done.stderr}\n{tail}")


@contextlib.contextmanager
def postgresql(*, fail: Callable[[str], NoReturn] = _raise) -> Iterator[Postgres]:
    """Start a fresh PostgreSQL cluster (see the module's docstring); stop it at the end."""
    missing = missing_tools()
    if missing:
        fail("a test PostgreSQL needs: " + "; ".join(missing))
    folder = pg_bin()
    assert folder is not None  # missing_tools() said so
    top = Path(tempfile.mkdtemp(prefix="recall-pg-"))
    data, log = top / "data", top / "postgres.log"
    if os.geteuid() == 0:
        owner = pwd.getpwnam(SYSTEM_USER)
        os.chown(top, owner.pw_uid, owner.pw_gid)
    port = free_port()
    started = False
    try:
        _run(
            [
                str(folder / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
            ],
            "initdb",
            fail,
            log,
        )
        options = f"-h 127.0.0.1 -p {port} -k {top} -c fsync=off -c full_page_writes=off"
        _run(
            [str(folder / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"],
            "pg_ctl start",
            fail,
            log,
        )
        started = True
        server = Postgres(
            host="127.0.0.1", port=port, user="postgres", database=DATABASE, folder=top
        )
        import psycopg

        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        yield server
    finally:
        if started:
            subprocess.run(
                _as_owner([str(folder / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                capture_output=True,
                stdin=subprocess.DEVNULL,
            )
        shutil.rmtree(top, ignore_errors=True)
