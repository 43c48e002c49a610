"""Third-party browser scripts a static HTML export needs, with their licences and hashes.

The files here are copied next to an exported course (``recall-widgets export-html``) so that
the page loads nothing from the network:

- ``require.js`` (npm ``requirejs``): the AMD loader the widget renderer needs;
- ``embed-amd.js`` (npm ``@jupyter-widgets/html-manager``): renders saved widget state with no
  kernel, plus the Font Awesome web fonts it refers to (loaded from the script's folder);
- ``anywidget.js`` (npm ``anywidget``, ``dist/index.js``): anywidget's front end, loaded by the
  renderer through require.js.

``vendor.json`` records, for every file, the npm package, its version, the file's path in the
package and its SHA-256; each package's licence is in ``LICENSE-<package>.txt``.
``make vendor`` (``python -m recall_widgets.publishing.vendor.update``) refreshes them from the
npm registry; ``tests/publishing/test_vendor.py`` checks that the recorded hashes match the
files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

VENDOR = Path(__file__).resolve().parent
MANIFEST = VENDOR / "vendor.json"


@dataclass(frozen=True)
class VendoredFile:
    """One file copied from an npm package (``source`` is its path inside the package)."""

    package: str
    version: str
    source: str
    file: str
    sha256: str


def sha256(path: Path) -> str:
    """The SHA-256 of a file, as hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest() -> list[VendoredFile]:
    """The vendored files as ``vendor.json`` records them."""
    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return [VendoredFile(**entry) for entry in data["files"]]


def browser_files() -> list[Path]:
    """Every file a static page loads (scripts, fonts) and the licences, to copy next to it."""
    names = [entry.file for entry in manifest()]
    names += sorted(p.name for p in VENDOR.glob("LICENSE-*.txt"))
    return [VENDOR / name for name in names]


def mismatches() -> list[str]:
    """Files missing or whose SHA-256 differs from ``vendor.json`` (empty: all good)."""
    problems = []
    for entry in manifest():
        path = VENDOR / entry.file
        if not path.is_file():
            problems.append(f"{entry.file}: missing (run `make vendor`)")
        elif sha256(path) != entry.sha256:
            problems.append(
                f"{entry.file}: sha256 {sha256(path)} but vendor.json records {entry.sha256} "
                f"({entry.package}@{entry.version}); run `make vendor`"
            )
    return problems
