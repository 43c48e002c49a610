"""The test session's isolation is the recall_widgets pytest plugin, not this file.

``recall_widgets/testing/plugin.py``, registered by the package's ``pytest11`` entry point,
points ``RECALL_PROGRESS``, ``RECALL_NOW`` and ``XDG_DATA_HOME`` into a temporary folder before
nbval starts any kernel, and fails the run if the developer's own store changed. This file only
makes sure it is loaded: without the entry point (an install that predates it, or
``PYTEST_DISABLE_PLUGIN_AUTOLOAD``) or with ``-p no:recall_widgets`` the run stops here, rather
than run every notebook against the developer's own store.
"""

from __future__ import annotations

import pytest

PLUGIN = "recall_widgets"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin(PLUGIN):
        raise pytest.UsageError(
            f"the {PLUGIN} pytest plugin is not loaded, so this run would use your own progress "
            "store: reinstall the package (`.venv/bin/pip install -e . --no-deps`, which "
            "registers its pytest11 entry point), and do not pass -p no:recall_widgets or set "
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD"
        )
