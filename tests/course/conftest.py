"""The Flask course's tests (``course`` marker on each): its demos and fact checks against the
installed Flask, the CookieInspector widget, the deck's quality and evidence, the lesson plan and
the notebooks. They need the course's package (``pip install -e course/``) and Flask; the engine's
tests (everything else under tests/ not marked ``course``) need neither:

    pytest tests -m "not course" --ignore=tests/course
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.course)
