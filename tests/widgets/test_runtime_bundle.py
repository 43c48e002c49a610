"""The static runtime's committed script is built from its source with the widgets' i18n.js
(``make js``), a classic script that imports nothing."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from test_frontend_bundles import BUILD, ESBUILD, node

from recall_widgets.publishing.runtime import STATIC, runtime_script

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_runtime_is_built_from_its_source(tmp_path: Path) -> None:
    if not (ESBUILD / "package.json").is_file():
        pytest.fail("node_modules/ has no esbuild: run `make js` (npm ci, build); `make test` does")
    result = subprocess.run(
        [node(), str(BUILD), "--runtime", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "recall-runtime.js").read_text(encoding="utf-8")
    assert built == runtime_script(), "stale static/recall-runtime.js: run `make js` and commit it"


def test_the_runtime_is_a_classic_script_that_speaks_the_widgets_language() -> None:
    text = runtime_script()
    assert text.startswith("// Built by `npm run build` from recall_widgets/publishing/static/src/")
    # no static import or export (its one dynamic import() loads the widgets' blob: modules)
    assert not re.search(r"^\s*(import|export)\s", text, re.MULTILINE)
    assert "function i18nFor(" in text  # the widgets' own i18n.js, bundled in
    source = (STATIC / "src" / "recall-runtime.js").read_text(encoding="utf-8")
    assert 'from "../../../widgets/frontend/src/i18n.js"' in source
