"""Run course notebooks and store outputs that nbval can compare on every later run."""

from __future__ import annotations

import os
from pathlib import Path

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
    nbclient.exceptions.CellExecutionError
        When a cell raises (unless it is tagged ``raises-exception``); the file is unchanged.

    Example
    -------
    >>> store_outputs("notebooks/01-what-is-a-session.ipynb")  # doctest: +SKIP
    9
    """
    import nbformat
    from nbclient import NotebookClient

    notebook_path = Path(path)
    nb = nbformat.read(notebook_path, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(notebook_path.parent.resolve())}},
    ).execute()
    strip_volatile(nb)
    nbformat.write(nb, notebook_path)  # type: ignore[no-untyped-call]
    return sum(cell.cell_type == "code" for cell in nb.cells)


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
