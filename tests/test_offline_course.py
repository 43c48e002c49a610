"""A second course in five minutes, with Flask nowhere: the engine's wheel alone, in a fresh
virtual environment installed offline (``pip --no-index``) from ``build/wheelhouse/``, scaffolds
a course with ``recall-widgets new`` and runs the course's own tests (pytest with nbval),
``validate``, ``links`` and ``export-html`` in it; ``import flask`` fails there.

``make`` fills the wheelhouse at set-up, from the package index (``make wheelhouse``: wheels of
the engine's runtime requirements and of what a scaffolded course's tests need, the list
:func:`requirements` prints), so this test needs no network. Without the wheelhouse it fails
under CI (``CI`` set) saying how to fill it, and is skipped locally with that reason.

    python tests/test_offline_course.py      # the requirements the wheelhouse holds
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / "build" / "wheelhouse"
TEMPLATE = ROOT / "recall_widgets" / "publishing" / "scaffold_template" / "pyproject.toml.tmpl"
#: What running a scaffolded course needs beyond the engine and its test extra: a kernel for
#: nbval and execute, nbconvert for export-html (the course's jupyterlab brings them to learners).
RUNNERS = ["ipykernel", "nbconvert"]


def requirements() -> list[str]:
    """The engine's runtime requirements and a scaffolded course's test requirements."""
    engine = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = TEMPLATE.read_text(encoding="utf-8").replace("__REPOSITORY_LINE__", "")
    course_tests = tomllib.loads(text)["project"]["optional-dependencies"]["test"]
    return sorted({*engine["dependencies"], *course_tests, *RUNNERS})


def wheelhouse_or_skip() -> Path:
    filled = (WHEELHOUSE / ".filled").is_file() and any(WHEELHOUSE.glob("*.whl"))
    if not filled:
        reason = (
            f"no wheelhouse at {WHEELHOUSE}: `make wheelhouse` (run by `make setup` and `make "
            "test`) fills it from the package index, so this test can install offline"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return WHEELHOUSE


def run(
    command: list[str | Path], cwd: Path, env: dict[str, str], timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, (command, result.stdout[-3000:], result.stderr[-3000:])
    return result


@pytest.mark.slow
def test_a_scaffolded_course_runs_offline_on_the_engine_wheel_without_flask(
    tmp_path: Path,
) -> None:
    wheelhouse = wheelhouse_or_skip()
    dist = tmp_path / "dist"
    build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist]
    run(build, ROOT, dict(os.environ))
    (wheel,) = dist.glob("recall_widgets-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    # A clean environment: no PYTHONPATH into this checkout, pip told to stay off the network.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PIP_FIND_LINKS"}
    }
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", PIP_NO_INDEX="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1")  # fmt: skip
    install = [bin_dir / "python", "-m", "pip", "install", "--quiet", "--no-index",
               "--find-links", wheelhouse, wheel, *requirements()]  # fmt: skip
    run(install, tmp_path, env)

    probe = run([bin_dir / "python", "-c", "import importlib.util as u; import recall_widgets; "
                 "print(u.find_spec('flask'), u.find_spec('flask_course'), "
                 "recall_widgets.__file__)"], tmp_path, env)  # fmt: skip
    flask, course_package, location = probe.stdout.split()
    assert (flask, course_package) == ("None", "None")  # `import flask` fails here
    assert Path(location).is_relative_to(env_dir), f"the engine came from {location}"
    refused = subprocess.run([bin_dir / "python", "-c", "import flask"], capture_output=True,
                             text=True, env=env)  # fmt: skip
    assert refused.returncode != 0 and "No module named 'flask'" in refused.stderr

    course = tmp_path / "generators"
    cli = bin_dir / "recall-widgets"
    run([cli, "new", course, "--title", "Python generators", "--repository",
         "https://github.com/someone/generators"], tmp_path, env)  # fmt: skip

    tests = run([bin_dir / "python", "-m", "pytest", "-p", "no:cacheprovider", "-v"], course, env)
    assert "tests/test_course.py::" in tests.stdout  # the course's own tests…
    assert re.search(r"notebooks/00-start\S*::Cell 0 PASSED", tests.stdout)  # …and nbval's
    assert " failed" not in tests.stdout, tests.stdout[-2000:]

    validate = run([cli, "validate", "content"], course, env)
    assert "content/python-generators.yaml: ok: deck 'python-generators'" in validate.stdout

    links = run([cli, "links"], course, env)
    assert "v2/gh/someone/generators/main?urlpath=lab/tree/notebooks/00-start.ipynb" in links.stdout
    assert "01-what-is-a-session" not in links.stdout

    site = tmp_path / "site"
    run([cli, "export-html", "--out", site], course, env)
    pages = sorted(p.name for p in site.glob("*.html"))
    assert pages == ["00-start.html", "01-first-lesson.html", "index.html"]
    assert "Python generators" in (site / "index.html").read_text(encoding="utf-8")


if __name__ == "__main__":
    print("\n".join(requirements()))
