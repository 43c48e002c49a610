"""The vendored browser scripts: hashes recorded in vendor.json, licences, versions."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest

from recall_widgets.publishing.vendor import (
    MANIFEST,
    VENDOR,
    browser_files,
    manifest,
    mismatches,
    sha256,
)
from recall_widgets.publishing.vendor.update import packages


def test_recorded_hashes_match_the_files() -> None:
    entries = manifest()
    assert {"require.js", "embed-amd.js", "anywidget.js"} <= {e.file for e in entries}
    assert mismatches() == []
    for entry in entries:
        assert sha256(VENDOR / entry.file) == entry.sha256


def test_a_changed_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import recall_widgets.publishing.vendor as vendor

    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    data["files"][0]["sha256"] = "0" * 64
    fake = tmp_path / "vendor.json"
    fake.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(vendor, "MANIFEST", fake)
    problems = vendor.mismatches()
    assert len(problems) == 1 and data["files"][0]["file"] in problems[0]
    assert "make vendor" in problems[0]


def test_every_package_has_its_licence_and_a_pinned_version() -> None:
    recorded = {(e.package, e.version) for e in manifest()}
    for package in packages():
        assert (package.name, package.version) in recorded, f"{package.name}: run `make vendor`"
        licence = (VENDOR / package.licence_file).read_text(encoding="utf-8")
        assert "Permission" in licence or "Redistribution" in licence, package.licence_file
    assert {p.name for p in browser_files()} >= {
        "LICENSE-requirejs.txt",
        "LICENSE-html-manager.txt",
        "LICENSE-anywidget.txt",
    }


def test_anywidget_front_end_matches_the_python_package() -> None:
    """Python anywidget and its front end speak one protocol: same version."""
    front = {e.version for e in manifest() if e.package == "anywidget"}
    assert front == {version("anywidget")}


def test_no_file_in_the_folder_is_unrecorded() -> None:
    recorded = {e.file for e in manifest()}
    own = {"__init__.py", "update.py", "vendor.json"}
    for path in VENDOR.iterdir():
        if path.is_file() and path.name not in own and not path.name.startswith("LICENSE-"):
            assert path.name in recorded, f"{path.name} is not in vendor.json"
