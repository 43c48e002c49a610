"""Run course notebooks and store outputs that nbval can compare on every later run."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def store_outputs(
    path: str | os.PathLike[str], *, timeout: int = 120, kernel_name: str = "python3"
) -> int:
    """Execute a notebook in place and keep only outputs that are the same on every run.

    The notebook runs in its own folder (so ``../content/deck.yaml`` works, as in JupyterLab).
    Then, for every code cell, the widget-view part of each output is dropped (its model id
    changes on every run and means nothing without the kernel that made it): what stays is the
    widget's text, which says what the cell shows when run, so a notebook opened before it runs
    shows no "Error displaying widget". Saved widget state and execution timings are removed.

    Parameters
    ----------
    path
        The ``.ipynb`` file, rewritten in place.
    timeout
        Seconds each cell may run.
    kernel_name
        The Jupyter kernel to run it with.

    Returns
    -------
    int
        The number of code cells executed.

    Raises
    ------
    NotANotebook
        ``path`` is not a readable ``.ipynb`` file (a deck, say); nothing is run.
    nbclient.exceptions.CellExecutionError
        When a cell raises (unless it is tagged ``raises-exception``); the file is unchanged.

    Example
    -------
    >>> store_outputs("notebooks/01-what-is-a-session.ipynb")  # doctest: +SKIP
    9
    """
    import nbformat

    notebook_path = Path(path)
    nb = read_notebook(notebook_path)
    with notebook_client(nb, notebook_path, timeout=timeout, kernel_name=kernel_name) as client:
        client.execute()
    strip_volatile(nb)
    nbformat.write(nb, notebook_path)  # type: ignore[no-untyped-call]
    return sum(cell.cell_type == "code" for cell in nb.cells)


class NotANotebook(ValueError):
    """A path given as a notebook is not one (a deck, another file, a damaged ``.ipynb``)."""


def read_notebook(path: Path) -> Any:
    """Read a ``.ipynb`` file, or raise :class:`NotANotebook` saying what the file is instead."""
    import nbformat

    if path.suffix != ".ipynb":
        hint = (
            f"; it looks like a deck: check it with `recall-widgets validate {path}`"
            if path.suffix in (".yaml", ".yml")
            else ""
        )
        raise NotANotebook(f"{path} is not a notebook (an .ipynb file){hint}")
    try:
        return nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    except Exception as error:  # nbformat raises NotJSONError, ValidationError, KeyError …
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise NotANotebook(f"{path} is not a readable notebook: {reason[:200]}") from None


@contextlib.contextmanager
def notebook_client(
    nb: Any, path: Path, *, timeout: int, kernel_name: str, **options: Any
) -> Iterator[Any]:
    """An nbclient ``NotebookClient`` that runs ``nb`` in its folder, ``path``'s parent.

    On POSIX systems the kernel talks over IPC sockets in a private temporary folder instead
    of TCP on localhost: nothing is sent in plain text over the network, and ipykernel has no
    reason to print its "running over TCP without encryption" warning. Elsewhere TCP is kept.
    ``options`` go to ``NotebookClient`` (``store_widget_state=True`` …).
    """
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory(prefix="recall-kernel-") as sockets:
        manager = (
            KernelManager(kernel_name=kernel_name, transport="ipc", ip=str(Path(sockets) / "k"))
            if os.name == "posix"
            else KernelManager(kernel_name=kernel_name)
        )
        yield NotebookClient(
            nb,
            km=manager,
            timeout=timeout,
            kernel_name=kernel_name,
            resources={"metadata": {"path": str(path.parent.resolve())}},
            **options,
        )


def strip_volatile(nb: object) -> None:
    """Remove widget views, saved widget state and execution timings from a notebook node."""
    cells = getattr(nb, "cells", [])
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        cell.get("metadata", {}).pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    metadata = getattr(nb, "metadata", {})
    metadata.pop("widgets", None)
