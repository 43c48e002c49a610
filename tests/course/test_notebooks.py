"""The course notebooks: present, linked, and leaving no server or thread behind in the kernel.

nbval (``pytest --nbval``, configured in pyproject.toml) re-runs every notebook and compares
each cell's stored output; these tests check what nbval cannot see.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import psutil
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = [
    "00-start.ipynb",
    "01-what-is-a-session.ipynb",
    "02-the-signed-cookie.ipynb",
    "03-using-sessions-safely.ipynb",
    "04-sessions-in-a-real-app.ipynb",
    "05-final-review.ipynb",
    "06-spaced-review.ipynb",
]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_the_course_notebooks_are_all_there() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_every_code_cell_has_stored_outputs_for_nbval_to_compare(name: str) -> None:
    """Except the learner's own cells of an exercise (tagged ``exercise``): their starter code
    only defines, and stores nothing (tests/course/test_exercise_cells.py)."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{name} has no code cells"
    for cell in code:
        if "exercise" in cell.metadata.get("tags", []):
            assert not cell.outputs, f"{name}: an exercise cell stores an output:\n{cell.source}"
        else:
            assert cell.outputs, f"{name}: a cell has no stored output:\n{cell.source}"
        assert cell.execution_count is not None


@pytest.mark.parametrize("name", EXPECTED)
def test_widget_cells_store_text_not_a_dangling_widget_view(name: str) -> None:
    """A notebook opened before it runs shows what each widget cell holds, never
    "Error displaying widget": the stored output is the widget's text repr only."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    assert "widgets" not in nb.metadata, "strip stored widget state (new model ids every run)"
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert WIDGET_VIEW not in output.get("data", {}), cell.source


def test_lessons_link_to_existing_notebooks_and_open_with_objectives() -> None:
    for name in EXPECTED:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        for target in re.findall(r"\]\(([^)]+\.ipynb)\)", text):
            assert (NOTEBOOKS / target).exists(), f"{name} links to missing {target}"
        if name != "00-start.ipynb":
            first = nb.cells[0].source
            assert "**Objectives.**" in first and "Estimated time" in first, name
        if name.startswith(("01", "02", "03", "04")):
            assert nb.cells[-1].source.startswith("## Key points"), name


def _stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def _listening(process: psutil.Process) -> set[int]:
    return {
        c.laddr.port for c in process.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN
    }


# pyzmq's zero-copy garbage collector (zmq.utils.garbage) starts with the kernel's first message
# over 64 KB (a widget's state with its front end and catalogs): not a thread a demo left behind.
THREADS = (
    "import threading, json; print(json.dumps(sorted(t.name for t in threading.enumerate()"
    " if type(t).__module__ != 'zmq.utils.garbage')))"
)


def _leftovers(nb: nbformat.NotebookNode) -> tuple[set[int], set[str]]:
    """Run ``nb`` in a fresh kernel; return the ports left listening and the threads left
    running that the kernel did not have before the notebook ran (inspected before shutdown)."""
    before, after = new_code_cell(THREADS), new_code_cell(THREADS)
    nb.cells = [before, *nb.cells, after]
    client = NotebookClient(
        nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    with client.setup_kernel():
        assert client.km is not None and client.km.provisioner is not None
        kernel = psutil.Process(client.km.provisioner.pid)  # type: ignore[attr-defined]
        info = client.km.get_connection_info()
        own_ports = {int(info[k]) for k in info if k.endswith("_port")}
        client.execute_cell(before, 0)
        listening_before = _listening(kernel)
        for index, cell in enumerate(nb.cells[1:], start=1):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        listening = _listening(kernel) - listening_before - own_ports
    threads = set(json.loads(_stdout(after))) - set(json.loads(_stdout(before)))
    return listening, threads


@pytest.mark.parametrize("name", ["01-what-is-a-session.ipynb", "03-using-sessions-safely.ipynb"])
def test_kernel_holds_no_listening_socket_or_extra_thread_after_the_demos(name: str) -> None:
    """These lessons start real HTTP servers; afterwards the kernel process must hold no
    listening socket but those it had before, and no thread it did not have before."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    assert "demo_server(" in "".join(c.source for c in nb.cells), (
        f"{name} no longer starts a real server: pick another notebook"
    )
    listening, threads = _leftovers(nb)
    assert listening == set(), f"{name} left sockets listening on ports {listening}"
    assert threads == set(), f"{name} left threads running: {threads}"


def test_the_leak_check_catches_a_server_left_running() -> None:
    leaky = nbformat.v4.new_notebook()
    leaky.cells = [
        new_code_cell(
            "import threading\n"
            "from werkzeug.serving import make_server\n"
            "from flask_course.demo import make_app\n"
            "server = make_server('127.0.0.1', 0, make_app())\n"
            "threading.Thread(target=server.serve_forever, name='leaked', daemon=True).start()"
        )
    ]
    listening, threads = _leftovers(leaky)
    assert len(listening) == 1
    assert threads == {"leaked"}
