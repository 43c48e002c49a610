"""Fixtures of the hub tests: ONE real local JupyterHub and ONE real PostgreSQL per test run.

How to run (from the repository root)::

    make hub                                   # or:
    .venv/bin/pytest -o addopts="-ra --strict-markers" -m hub tests/hub

- ``hub`` (session): a JupyterHub on 127.0.0.1 (see ``hubs.py``) with the deployment guide's
  fragment (``docs/jupyterhub_config_fragment.py``) loaded as written; the fragment's pulse
  service is the real pulse, ``python -m recall_widgets pulse`` over the course's decks, run by
  the hub (``service_override``: its ``command``), so it signs in with the hub's OAuth and
  checks learners' tokens with the hub. Stopped by pid at the end.
- ``hub_browser`` (session): one headless Chromium (Debian's, as tests/browser uses).
- ``learners`` (session): five learners' servers spawned at once on that hub; each learner's
  spawn time.
- ``postgres`` (session, from ``tests/conftest.py``): a PostgreSQL cluster started as the
  ``postgres`` user on a free 127.0.0.1 port (see ``tests/pgserver.py``); its ``.dsn``.

Without jupyterhub, configurable-http-proxy (``npm ci``) or PostgreSQL the tests that need them
are skipped, unless the environment variable ``CI`` is set: then they fail.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hubs
import pytest
from hubs import LEARNERS, PULSE, REPO, Hub, local_hub, service_override
from servers import CHROMIUM, chromium, free_port

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.hub)


def _unavailable(what: str, missing: list[str]) -> None:
    if not missing:
        return
    reason = f"{what} cannot run here, it needs: " + "; ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """One local JupyterHub for the run, with the guide's fragment and the real pulse."""
    _unavailable("a local JupyterHub", hubs.missing_tools())
    base = tmp_path_factory.mktemp("jupyterhub")
    token_file = base / "pulse_api_token"
    token_file.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
    token_file.chmod(0o600)
    command = [sys.executable, "-m", "recall_widgets", "pulse", "--decks", str(REPO / "content")]
    pulse = service_override(
        PULSE,
        command=[*command, "--db", str(base / "pulse.sqlite3")],
        environment={"RECALL_PROGRESS": str(base / "pulse-service-progress.sqlite3")},
    )
    env = {
        "RECALL_PULSE_TOKEN_FILE": str(token_file),
        "RECALL_PULSE_URL": f"http://127.0.0.1:{free_port()}",
    }
    with local_hub(base, extra_config=pulse, env=env, fail=pytest.fail) as running:
        yield running


@pytest.fixture(scope="session")
def learners(hub: Hub) -> dict[str, float]:
    """Five learners' servers, spawned at once; each learner's spawn time in seconds."""
    return hub.spawn(LEARNERS)


@pytest.fixture(scope="session")
def hub_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the hub tests (a persistent context in a temporary profile)."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(
            "the hub's browser test", [f"Chromium at {CHROMIUM} (apt-get install chromium)"]
        )
    profile = tmp_path_factory.mktemp("hub-chromium-profile")
    with chromium(profile, reduced_motion="reduce") as context:
        yield context


@pytest.fixture(scope="session")
def screenshot_dir(pytestconfig: pytest.Config) -> Path:
    """``build/screenshots/`` under the repository root (git ignores ``build/``)."""
    path = pytestconfig.rootpath / "build" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
