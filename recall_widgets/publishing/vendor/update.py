"""Refresh the vendored browser scripts from the npm registry: ``make vendor``.

Run from anywhere (needs ``npm``, which fetches the pinned versions below with ``npm pack``)::

    python -m recall_widgets.publishing.vendor.update

It replaces the files in this folder, writes each package's licence to ``LICENSE-<name>.txt``
and records package, version, file and SHA-256 in ``vendor.json``. anywidget's front end is
taken at the version of the installed ``anywidget`` Python package (they speak one protocol);
the widget renderer at the version that matches the installed ipywidgets 8.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

from recall_widgets.publishing.vendor import MANIFEST, VENDOR, VendoredFile, sha256

MIT = """MIT License

Copyright {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

BSD3 = """BSD 3-Clause License

Copyright (c) 2015 Project Jupyter Contributors
All rights reserved.

Redistribution and use in source and binary forms, with or without modification, are permitted
provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this list of
   conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice, this list of
   conditions and the following disclaimer in the documentation and/or other materials provided
   with the distribution.
3. Neither the name of the copyright holder nor the names of its contributors may be used to
   endorse or promote products derived from this software without specific prior written
   permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND
FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR
CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,
DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER
IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT
OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""

FONTS_NOTE = """
The web fonts (*.woff2, *.woff) are Font Awesome Free 5 by Fonticons, Inc., under the SIL Open
Font License 1.1; its CSS is under the MIT License (https://fontawesome.com/license/free).

Notices of the libraries bundled in embed-amd.js, as the package ships them
(dist/embed.js.LICENSE.txt):

"""


@dataclass(frozen=True)
class Package:
    """An npm package to vendor: files (our name -> path in the tarball) and how to get its
    licence text from the unpacked tarball."""

    name: str
    version: str
    files: Callable[[Path], dict[str, str]]
    licence: Callable[[Path], str]
    licence_file: str


def _html_manager_files(root: Path) -> dict[str, str]:
    fonts = sorted(
        p for p in (root / "package" / "dist").iterdir() if p.suffix in (".woff2", ".woff")
    )
    return {"embed-amd.js": "package/dist/embed-amd.js"} | {
        font.name: f"package/dist/{font.name}" for font in fonts
    }


def _html_manager_licence(root: Path) -> str:
    notices = root / "package" / "dist" / "embed.js.LICENSE.txt"
    return BSD3 + FONTS_NOTE + (notices.read_text(encoding="utf-8") if notices.is_file() else "")


def packages() -> list[Package]:
    """The pinned packages (anywidget at the installed Python package's version)."""
    return [
        Package(
            "requirejs",
            "2.3.8",
            lambda _root: {"require.js": "package/require.js"},
            lambda _root: MIT.format(holder="jQuery Foundation and other contributors"),
            "LICENSE-requirejs.txt",
        ),
        Package(
            "@jupyter-widgets/html-manager",
            "1.0.15",  # ipywidgets 8.1.x
            _html_manager_files,
            _html_manager_licence,
            "LICENSE-html-manager.txt",
        ),
        Package(
            "anywidget",
            version("anywidget"),
            lambda _root: {"anywidget.js": "package/dist/index.js"},
            lambda root: (root / "package" / "LICENSE").read_text(encoding="utf-8"),
            "LICENSE-anywidget.txt",
        ),
    ]


def fetch(package: Package, work: Path) -> Path:
    """``npm pack`` the package into ``work`` and unpack it; return the unpacked folder."""
    spec = f"{package.name}@{package.version}"
    result = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(work)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"npm pack {spec} failed:\n{result.stderr.strip()}")
    filename: str = json.loads(result.stdout)[0]["filename"]
    tarball = work / filename
    root = work / tarball.name.removesuffix(".tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(root, filter="data")
    return root


def update(dest: Path = VENDOR) -> list[VendoredFile]:
    """Fetch every package, replace the vendored files and write ``vendor.json``."""
    old = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"] if MANIFEST.is_file() else []
    entries: list[VendoredFile] = []
    with tempfile.TemporaryDirectory(prefix="recall-vendor-") as tmp:
        for package in packages():
            root = fetch(package, Path(tmp))
            for name, source in package.files(root).items():
                shutil.copyfile(root / source, dest / name)
                entries.append(
                    VendoredFile(package.name, package.version, source, name, sha256(dest / name))
                )
            (dest / package.licence_file).write_text(package.licence(root), encoding="utf-8")
    for entry in old:
        if entry["file"] not in {e.file for e in entries}:
            (dest / entry["file"]).unlink(missing_ok=True)
    data = {
        "about": "Browser scripts copied next to a static export; refresh with `make vendor`.",
        "files": [asdict(e) for e in entries],
    }
    (dest / MANIFEST.name).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m recall_widgets.publishing.vendor.update",
        description=__doc__.splitlines()[0],
    )
    parser.parse_args(argv)
    try:
        entries = update()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        print(f"vendor update: {error}", file=sys.stderr)
        return 1
    for entry in entries:
        print(f"{entry.file}: {entry.package}@{entry.version} {entry.sha256[:12]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
