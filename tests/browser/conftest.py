"""Real-browser test harness: JupyterLab on 127.0.0.1, driven by Playwright in headless Chromium.

How to run (from the repository root)::

    .venv/bin/python -m pytest -m browser tests/browser          # the whole browser suite
    .venv/bin/python -m pytest -m browser tests/browser -k quiz  # one test

Needs Debian's Chromium at ``/usr/bin/chromium`` (``apt-get install -y chromium``; set
``RECALL_CHROMIUM`` to use another binary). Never run ``playwright install``. Without the browser
the tests are skipped, unless the environment variable ``CI`` is set: then they fail.

What the fixtures do:

- ``lab_server`` (session): ONE ``jupyter-lab`` for the whole suite, on a free 127.0.0.1 port with
  a random token, serving a temporary COPY of ``tests/browser/fixtures`` plus notebooks generated
  here with nbformat (see ``NOTEBOOKS``) and a copy of the course (``notebooks/`` and
  ``content/``, see ``COURSE_FOLDERS``). Its config, data, runtime, settings and workspaces
  directories are temporary too; settings overrides turn off the news toast and notebook
  windowing. The kernel is the ``python3`` kernelspec run by this interpreter (the project's
  ``.venv``, where ``recall_widgets`` is installed). The server and every process it started
  (kernels) are stopped by pid at the end of the session, whatever happened.
- ``browser_context`` (session): one persistent Chromium context in a temporary profile.
- ``open_notebook`` (function): opens ``/lab/tree/NAME?reset`` (a generated notebook's name, or
  a path in the server's root such as ``notebooks/01-what-is-a-session.ipynb``), waits for an
  idle kernel, and records console errors, page errors and dialogs; at teardown it fails the test
  on any console error, page error or widget error text ("Error displaying widget", "Model not
  found"), then closes the page and shuts its kernel down.

Screenshots go to ``build/screenshots/`` (ignored by git); ``make screenshots`` copies the ones
the README shows into ``docs/images/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pytest
from servers import CHROMIUM, KERNEL_IDLE_TEXT, LabServer, chromium, jupyterlab

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
REPO = HERE.parent.parent
#: The course, copied into the server's root with its layout (``notebooks/`` next to
#: ``content/``), so the lessons' ``../content/flask-sessions.yaml`` resolves as in the repository.
COURSE_FOLDERS = ("notebooks", "content")
#: Widget error texts JupyterLab or the widget manager show instead of a widget.
WIDGET_ERROR_TEXTS = ("Error displaying widget", "Model not found")
#: The marker the events cell prints before its JSON.
EVENTS_MARKER = "EVENTS-JSON:"


def _events_cell(**views: str) -> str:
    """A cell that prints ``EVENTS_MARKER`` and a JSON object of the given Python expressions."""
    body = ", ".join(f"{key!r}: {expression}" for key, expression in views.items())
    return f"import json\nprint({EVENTS_MARKER!r} + json.dumps({{{body}}}, default=str))"


#: Generated test notebooks: name -> cells as ("code" | "markdown", source). Each widget
#: notebook has a markdown cell too, so a key that turned a cell into another type shows up.
NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "flashcards.ipynb": [
        ("markdown", "# Flashcards"),
        ("code", "from recall_widgets import Flashcards\ncards = Flashcards('browser-deck.yaml')"),
        ("code", "cards"),
        ("markdown", "Events synced to the kernel:"),
        ("code", _events_cell(cards="cards.events", ratings="cards.ratings")),
    ],
    "quiz.ipynb": [
        ("markdown", "# Quiz"),
        ("code", "from recall_widgets import Quiz\nquiz = Quiz('browser-deck.yaml', seed=3)"),
        ("code", "quiz"),
        ("markdown", "Events synced to the kernel:"),
        (
            "code",
            _events_cell(
                quiz="quiz.events",
                answers="quiz.answers",
                score="[quiz.score.correct, quiz.score.answered, quiz.score.total]",
            ),
        ),
    ],
    "recall_prompt.ipynb": [
        ("markdown", "# Recall prompt"),
        (
            "code",
            "from recall_widgets import RecallPrompt\nprompt = RecallPrompt('browser-deck.yaml')",
        ),
        ("code", "prompt"),
        ("markdown", "Events synced to the kernel:"),
        (
            "code",
            _events_cell(prompt="prompt.events", checked="prompt.concepts_checked"),
        ),
    ],
    "gallery.ipynb": [
        ("markdown", "# All three widgets"),
        (
            "code",
            "from recall_widgets import Flashcards, Quiz, RecallPrompt\n"
            "cards = Flashcards('browser-deck.yaml')\n"
            "quiz = Quiz('browser-deck.yaml', shuffle_choices=False)\n"
            "prompt = RecallPrompt('browser-deck.yaml')",
        ),
        ("code", "cards"),
        ("code", "quiz"),
        ("code", "prompt"),
    ],
    "xss.ipynb": [
        ("markdown", "# Hostile content"),
        (
            "code",
            "from recall_widgets import Flashcards, Quiz, RecallPrompt\n"
            "cards = Flashcards('xss-deck.yaml')\n"
            "quiz = Quiz('xss-deck.yaml', shuffle_choices=False)\n"
            "prompt = RecallPrompt('xss-deck.yaml')",
        ),
        ("code", "cards"),
        ("code", "quiz"),
        ("code", "prompt"),
    ],
    "cookie_inspector.ipynb": [
        ("markdown", "# Cookie inspector"),
        (
            "code",
            "from flask_course.inspector import CookieInspector\n"
            "inspector = CookieInspector(timestamp=1_700_000_000)",
        ),
        ("code", "inspector"),
        ("markdown", "What the kernel recorded:"),
        ("code", _events_cell(verdicts="[r.verdict for r in inspector.history]")),
    ],
    "review.ipynb": [
        ("markdown", "# Review and dashboard over one fresh store"),
        (
            "code",
            "from recall_widgets import Dashboard, Review\n"
            "STORE = 'review-browser-progress.sqlite3'  # this notebook's own store\n"
            "review = Review('browser-deck.yaml', progress=STORE)\n"
            "dashboard = Dashboard('browser-deck.yaml', progress=STORE)",
        ),
        ("code", "review"),
        ("code", "dashboard"),
        ("markdown", "What the kernel recorded:"),
        (
            "code",
            _events_cell(review="review.events", queue="review.queue", dashboard="repr(dashboard)"),
        ),
    ],
    "unsafe.ipynb": [
        ("markdown", "# A deliberately unsafe widget (the XSS checker must flag it)"),
        ("code", "from unsafe_widget import UnsafeWidget\nUnsafeWidget('xss-deck.yaml')"),
    ],
}


def write_notebook(
    path: Path, cells: list[tuple[str, str]], *, display_name: str = "Python 3 (ipykernel)"
) -> None:
    """Write a notebook of ("code" | "markdown", source) cells, on the ``python3`` kernel."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": display_name,
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell(src) if kind == "code" else nbformat.v4.new_markdown_cell(src)
        for kind, src in cells
    ]
    nbformat.write(nb, path)


def write_notebooks(root: Path) -> None:
    """Write every notebook of ``NOTEBOOKS`` into ``root``."""
    for name, cells in NOTEBOOKS.items():
        write_notebook(root / name, cells)


def notebook_layout(root: Path, name: str) -> list[tuple[str, str]]:
    """(cell type, source) of each cell: a generated notebook's, or the file ``root / name``'s."""
    if name in NOTEBOOKS:
        return NOTEBOOKS[name]
    path = root / name
    assert path.is_file(), f"unknown test notebook {name!r}"
    return [(cell.cell_type, cell.source) for cell in nbformat.read(path, as_version=4).cells]


# --------------------------------------------------------------------------------------------
# The browser binary


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of Chromium: skip without it, or fail when ``CI`` is set (CI must run these)."""
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    reason = (
        f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` "
        "(never `playwright install`), or point RECALL_CHROMIUM at a Chromium binary"
    )
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


# --------------------------------------------------------------------------------------------
# The JupyterLab server


def copy_course(root: Path) -> None:
    """Copy the course (``COURSE_FOLDERS``) into ``root``, keeping its layout: servers run on a
    copy, since autosave rewrites notebooks."""
    for folder in COURSE_FOLDERS:
        shutil.copytree(
            REPO / folder, root / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
    shutil.copyfile(REPO / "course.toml", root / "course.toml")  # Review() finds its decks


@pytest.fixture(scope="session")
def lab_server(
    chromium_executable: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LabServer]:
    """One JupyterLab for the whole browser suite, stopped (with its kernels) at the end."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "notebooks"
    shutil.copytree(FIXTURES, root, ignore=shutil.ignore_patterns("__pycache__"))
    write_notebooks(root)
    copy_course(root)
    with jupyterlab(base, root, fail=pytest.fail) as server:
        yield server


# --------------------------------------------------------------------------------------------
# The browser


@pytest.fixture(scope="session")
def browser_context(
    chromium_executable: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """One headless Chromium (persistent context in a temporary profile) for the suite."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with chromium(profile, executable=chromium_executable, reduced_motion="reduce") as context:
        yield context


@pytest.fixture(scope="session")
def screenshot_dir(pytestconfig: pytest.Config) -> Path:
    """``build/screenshots/`` under the repository root (git ignores ``build/``)."""
    path = pytestconfig.rootpath / "build" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --------------------------------------------------------------------------------------------
# One notebook in one page


@dataclass
class NotebookPage:
    """A notebook open in JupyterLab, with what the page reported while the test ran."""

    page: Any
    server: LabServer
    name: str
    #: (cell type, source) of each cell, as the notebook was written.
    layout: list[tuple[str, str]] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    # -- the notebook itself ------------------------------------------------------------------

    @property
    def cells(self) -> Any:
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")

    def structure(self) -> list[tuple[str, str]]:
        """(cell type, source) of every cell: what a stolen key would change."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map((c) => [
                c.classList.contains('jp-CodeCell') ? 'code'
                    : c.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw',
                (c.querySelector('.jp-InputArea .cm-content') || {}).innerText || '',
            ])"""
        )

    def run_all(self, *, expect: str | None = None, timeout: float = 60_000) -> None:
        """Run every cell through the Run menu and wait for the kernel to be idle again."""
        from playwright.sync_api import expect as pw_expect

        self.page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        self.page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
        code_prompts = self.page.locator(".jp-CodeCell .jp-InputPrompt")
        n_code = sum(1 for kind, _ in self.layout if kind == "code")
        for i in range(n_code):
            pw_expect(code_prompts.nth(i)).to_have_text(re.compile(r"\[\d+\]"), timeout=timeout)
        self.wait_idle(timeout)
        if expect:
            pw_expect(self.page.locator(expect).first).to_be_visible(timeout=timeout)
        self.assert_no_widget_errors()

    def wait_idle(self, timeout: float = 60_000) -> None:
        from playwright.sync_api import expect as pw_expect

        pw_expect(self.page.get_by_text(KERNEL_IDLE_TEXT)).to_be_visible(timeout=timeout)

    def run_cell(self, index: int, timeout: float = 30_000) -> str:
        """Re-run the cell at ``index`` (Control+Enter in command mode); return its output text."""
        from playwright.sync_api import expect as pw_expect

        cell = self.cells.nth(index)
        prompt = cell.locator(".jp-InputPrompt").first
        before = prompt.inner_text()
        prompt.click()
        self.page.keyboard.press("Control+Enter")
        pw_expect(prompt).not_to_have_text(before, timeout=timeout)
        pw_expect(prompt).to_have_text(re.compile(r"\[\d+\]"), timeout=timeout)
        return cell.locator(".jp-OutputArea").inner_text()

    def events(self, timeout: float = 30_000) -> tuple[dict[str, list[dict[str, Any]]], str]:
        """Run the last cell (it prints the widgets' synced events) and parse what it printed."""
        text = self.run_cell(self.cells.count() - 1, timeout)
        for line in text.splitlines():
            if line.startswith(EVENTS_MARKER):
                return json.loads(line[len(EVENTS_MARKER) :]), text
        raise AssertionError(f"the events cell printed no {EVENTS_MARKER} line:\n{text}")

    # -- checks ---------------------------------------------------------------------------------

    def widget_errors(self) -> list[str]:
        return [
            text
            for text in WIDGET_ERROR_TEXTS
            if self.page.get_by_text(text, exact=False).count() > 0
        ]

    def assert_no_widget_errors(self) -> None:
        found = self.widget_errors()
        assert not found, f"{self.name}: widget errors shown: {found}"


#: Console messages JupyterLab itself prints in a normal session on a closed network; nothing
#: from the widgets may be listed here.
BENIGN_CONSOLE_ERRORS: tuple[re.Pattern[str], ...] = ()


def forget_the_learner(server: LabServer) -> None:
    """Delete the progress store the server's kernels share (``RECALL_PROGRESS`` under its
    base folder, servers.jupyter_env), with its journal files; no kernel is running then."""
    store = server.root.parent / "progress.sqlite3"
    for path in (
        store,
        *(store.with_name(store.name + end) for end in ("-wal", "-shm", "-journal")),
    ):
        path.unlink(missing_ok=True)


@pytest.fixture
def open_notebook(
    lab_server: LabServer, browser_context: Any
) -> Iterator[Callable[..., NotebookPage]]:
    """Open a notebook (generated, or a path under the root) in a new page; check and close all."""
    opened: list[tuple[NotebookPage, bool]] = []
    # Each test starts with a learner who has done nothing: widgets shown again remember what
    # the learner did (recall_widgets/widgets/memory.py), so an earlier test's answers in the
    # server's store would show up in this test's widgets.
    forget_the_learner(lab_server)

    def _open(name: str, *, allow_console_errors: bool = False) -> NotebookPage:
        from playwright.sync_api import expect

        layout = notebook_layout(lab_server.root, name)
        page = browser_context.new_page()
        nb = NotebookPage(page=page, server=lab_server, name=name, layout=layout)
        opened.append((nb, allow_console_errors))

        def on_console(message: Any) -> None:
            if message.type == "error":
                text = message.text
                if not any(p.search(text) for p in BENIGN_CONSOLE_ERRORS):
                    nb.console_errors.append(f"console: {text} @ {message.location}")

        def on_dialog(dialog: Any) -> None:
            nb.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda error: nb.console_errors.append(f"pageerror: {error}"))
        page.on("dialog", on_dialog)
        page.goto(lab_server.notebook_url(name))
        expect(nb.cells.first).to_be_visible(timeout=60_000)
        nb.wait_idle()
        assert len(nb.structure()) == len(layout), "the notebook did not load fully"
        return nb

    yield _open

    problems: list[str] = []
    for nb, allow_console_errors in opened:
        try:
            if not nb.page.is_closed():
                problems += [f"{nb.name}: {e}" for e in nb.widget_errors()]
                nb.page.close()
        finally:
            if not allow_console_errors:
                problems += [f"{nb.name}: {e}" for e in nb.console_errors]
    for session in lab_server.api("GET", "/api/sessions") or []:
        lab_server.api("DELETE", f"/api/sessions/{session['id']}")
    if problems:
        pytest.fail("errors in the browser:\n" + "\n".join(problems), pytrace=False)
