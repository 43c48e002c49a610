"""Packaging: the wheel carries the static files and works from a fresh virtual environment."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _pyproject(folder: Path = ROOT) -> dict:
    return tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))


def test_environment_yml_pins_exactly_the_engines_and_the_courses_requirements() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert conda == ["python=3.11", "pip"]
    engine = _pyproject()["project"]["dependencies"]
    pulse = _pyproject()["project"]["optional-dependencies"]["pulse"]  # a room can run it
    course = _pyproject(ROOT / "course")["project"]["dependencies"]
    assert "recall-widgets" in course  # the course runs on the engine; postBuild installs it
    wanted = sorted({*engine, *pulse, *(r for r in course if r != "recall-widgets")})
    assert sorted(pip) == wanted, (
        "environment.yml's pip section must list exactly the requirements of pyproject.toml "
        "(with its pulse extra) and course/pyproject.toml (but recall-widgets itself)"
    )


def test_the_course_brings_its_own_requirements_and_learners_get_no_test_stack() -> None:
    course = _pyproject(ROOT / "course")["project"]
    names = {r.split(">")[0].split("=")[0] for r in course["dependencies"]}
    assert {"flask", "flask-session", "flask-wtf", "cachelib", "recall-widgets"} <= names
    assert not names & {"pytest", "nbval", "mypy", "ruff", "playwright"}
    assert "optional-dependencies" not in course


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("recall_widgets-*.whl")
    return built


@pytest.mark.slow
def test_wheel_includes_the_widgets_front_end(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    folder = "recall_widgets/widgets/frontend"
    on_disk = {
        f"{folder}/{p.name}" for p in (ROOT / folder).iterdir() if p.suffix in {".js", ".css"}
    }
    assert f"{folder}/quiz.js" in on_disk and f"{folder}/common.css" in on_disk, on_disk
    assert on_disk <= names, sorted(on_disk - names)  # every bundle and stylesheet
    assert "recall_widgets/py.typed" in names


@pytest.mark.slow
def test_wheel_includes_the_static_runtime_and_the_site_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "recall_widgets" / "publishing"
    wanted = {
        p.relative_to(ROOT).as_posix()
        for folder in ("static", "templates")
        for p in (package / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert "recall_widgets/publishing/static/recall-runtime.js" in wanted
    assert "recall_widgets/publishing/static/recall-page.css" in wanted
    assert "recall_widgets/publishing/templates/recall_static/index.html.j2" in wanted
    assert wanted <= names, sorted(wanted - names)


@pytest.mark.slow
def test_wheel_includes_the_course_scaffold(wheel: Path) -> None:
    """`recall-widgets new` writes its course from these templates (dot-files and all)."""
    names = set(zipfile.ZipFile(wheel).namelist())
    folder = ROOT / "recall_widgets" / "publishing" / "scaffold_template"
    wanted = {p.relative_to(ROOT).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert "recall_widgets/publishing/scaffold_template/dot-gitignore.tmpl" in wanted
    assert "recall_widgets/publishing/scaffold_template/notebooks/00-start.ipynb.tmpl" in wanted
    assert wanted <= names, sorted(wanted - names)
    assert "recall_widgets/testing/plugin.py" in names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    )
    assert b"[pytest11]\nrecall_widgets = recall_widgets.testing.plugin" in entry_points


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_loads_a_deck(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    target = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Install the wheel itself (unpacked, as pip would), and borrow the already installed
    # third-party dependencies through a .pth line, so the test needs no network. The project's
    # own source tree is not on that path: the import must come from the wheel.
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    deps = sysconfig.get_paths()["purelib"]
    (Path(target) / "borrowed_deps.pth").write_text(deps + "\n", encoding="utf-8")
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "deck: packaged\ntitle: From the wheel\ncards:\n  - id: a\n    front: Q\n    back: A\n",
        encoding="utf-8",
    )
    code = (
        "import recall_widgets, sys; from pathlib import Path; "
        f"d = recall_widgets.load_deck({str(deck)!r}); "
        "p = Path(recall_widgets.__file__).parent; "
        "print(p); print(d.id, len(d.cards)); "
        "print(sorted(f.name for f in (p / 'widgets' / 'frontend').iterdir())[:1])"
    )
    result = subprocess.run(
        [str(python), "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    location, loaded, _static = result.stdout.splitlines()
    assert Path(location).is_relative_to(env_dir), f"imported from {location}, not the wheel"
    assert loaded == "packaged 1"
