"""Binder: ``jupyter-repo2docker --no-build .`` accepts the repository and finds the pinned Python.

``--no-build`` prints the Dockerfile repo2docker would build, without Docker or network (well
under a second). Its log lines go to stderr ("Building conda environment for python=3.11"), the
Dockerfile to stdout. environment.yml's exact contents (conda part ``python=3.11`` and ``pip``,
pip part = pyproject's dependencies) are checked in tests/test_packaging.py; here: what
repo2docker makes of them, the pin against ``requires-python``, and postBuild.
"""

from __future__ import annotations

import importlib.util
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
UNPINNED_WARNING = "Python version unspecified"


def repo2docker(repo: Path) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("repo2docker") is None:
        pytest.fail("jupyter-repo2docker is not installed: it is in pyproject.toml's test extra")
    return subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", str(repo)],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )


def environment() -> dict[str, object]:
    env: dict[str, object] = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    return env


def python_pin() -> str:
    deps = environment()["dependencies"]
    assert isinstance(deps, list)
    (pin,) = [d for d in deps if isinstance(d, str) and d.startswith("python")]
    assert pin.startswith("python="), pin
    return pin.removeprefix("python=")


@pytest.fixture(scope="module")
def accepted() -> subprocess.CompletedProcess[str]:
    return repo2docker(ROOT)


def test_repo2docker_accepts_the_repository(accepted: subprocess.CompletedProcess[str]) -> None:
    assert accepted.returncode == 0, accepted.stderr
    assert "FROM " in accepted.stdout


def test_repo2docker_uses_environment_yml_with_python_3_11(
    accepted: subprocess.CompletedProcess[str],
) -> None:
    assert "Building conda environment for python=3.11" in accepted.stderr
    # The conda buildpack, from the repository root (not a binder/ folder or a Dockerfile).
    assert "COPY --chown=0:0 src/environment.yml ${REPO_DIR}/environment.yml" in accepted.stdout
    assert '--file "environment.yml"' in accepted.stdout
    # The base environment is the 3.11 lock file (the name is escaped in the COPY line).
    assert "environment-2epy-2d3-2e11-2dlinux-2d64-2elock" in accepted.stdout


def test_repo2docker_does_not_warn_about_the_python_version(
    accepted: subprocess.CompletedProcess[str],
) -> None:
    assert UNPINNED_WARNING not in accepted.stderr + accepted.stdout
    assert "WARNING" not in accepted.stderr.upper()


def test_repo2docker_runs_post_build(accepted: subprocess.CompletedProcess[str]) -> None:
    assert "RUN ./postBuild" in accepted.stdout


def test_the_warning_check_would_catch_a_missing_pin(tmp_path: Path) -> None:
    # Prove the check above can fail: without the pin, repo2docker warns and picks a default.
    env = environment()
    deps = env["dependencies"]
    assert isinstance(deps, list)
    env["dependencies"] = [d for d in deps if not (isinstance(d, str) and d.startswith("python"))]
    (tmp_path / "environment.yml").write_text(yaml.safe_dump(env), encoding="utf-8")
    shutil.copy2(ROOT / "postBuild", tmp_path / "postBuild")
    result = repo2docker(tmp_path)
    assert result.returncode == 0, result.stderr
    assert UNPINNED_WARNING in result.stderr


def test_python_pin_satisfies_requires_python() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requires = SpecifierSet(pyproject["project"]["requires-python"])
    assert python_pin() == "3.11"
    assert requires.contains("3.11"), f"python=3.11 does not satisfy requires-python {requires}"


def test_no_other_binder_configuration_shadows_environment_yml() -> None:
    # repo2docker reads only binder/ or .binder/ when one exists, and a Dockerfile overrides all.
    for name in ("binder", ".binder", "Dockerfile", "requirements.txt", "runtime.txt"):
        assert not (ROOT / name).exists(), f"{name} would change what Binder builds"


def post_build_commands() -> list[list[str]]:
    text = (ROOT / "postBuild").read_text(encoding="utf-8")
    commands = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            commands.append(shlex.split(line))
    return commands


def test_post_build_installs_the_engine_and_the_course_without_dependencies() -> None:
    text = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    commands = post_build_commands()
    assert ["set", "-euo", "pipefail"] in commands, "postBuild must stop at the first failure"
    installs = [c for c in commands if "install" in c and "pip" in " ".join(c)]
    assert installs == [
        ["python", "-m", "pip", "install", "--no-deps", "-e", ".", "-e", "course/"]
    ], (
        "postBuild installs the engine and the course's package and nothing else: their "
        "dependencies come from "
        "environment.yml, so installing them again here could drift from the pins"
    )


def test_post_build_is_executable_in_git() -> None:
    mode = subprocess.run(
        ["git", "ls-files", "--stage", "postBuild"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    if not mode:
        pytest.skip("not a git checkout")
    assert mode[0] == "100755"
