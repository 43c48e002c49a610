"""docs/translating.md's "Add a language", followed step by step for a new language in a
temporary copy of the widgets domain: start it, translate every entry, compile, check, use."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from test_catalogs import copy_domain

from recall_widgets.i18n.build import domain_problems
from recall_widgets.i18n.catalog import Translator, catalogs_json

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "translating.md"
LANG = "eo"  # Esperanto: a made-up language, with CLDR plural rules (one, other)


def doc_command(pattern: str) -> str:
    """The one command of the doc's steps that matches ``pattern``."""
    found = re.findall(rf"^\s+({pattern}.*)$", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(found) == 1, f"docs/translating.md should show one `{pattern}` command: {found}"
    return found[0].strip()


def run(command: str, cwd: Path) -> str:
    """Run a command of the doc (``.venv/bin/python`` is this interpreter; ``make i18n`` is
    what the Makefile's target runs, for the copy's one domain)."""
    cfg = "recall_widgets/i18n/locale/widgets.cfg"
    if command == "make i18n":
        args = [sys.executable, "-m", "recall_widgets.i18n.build", cfg]
    else:
        args = (
            command.replace(".venv/bin/python", sys.executable).replace(" es ", f" {LANG} ").split()
        )
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def translate(po: Path) -> int:
    """Step 2: give every entry a translation (the English text, marked, placeholders kept)."""
    with po.open("rb") as file:
        catalog = read_po(file, locale=LANG)
    count = 0
    for message in catalog:
        if not message.id:
            continue
        ids = list(message.id) if message.pluralizable else [message.id]
        forms = [
            f"«{ids[min(i, len(ids) - 1)]}»"
            for i in range(len(message.string) if message.pluralizable else 1)
        ]
        message.string = tuple(forms) if message.pluralizable else forms[0]
        count += 1
    with po.open("wb") as file:
        write_po(file, catalog, width=100, sort_output=True, include_lineno=False)
    return count


def test_adding_a_language_as_the_doc_says(tmp_path: Path) -> None:
    domain = copy_domain(tmp_path)
    # 1. start its catalog
    out = run(doc_command(r"\.venv/bin/python -m recall_widgets\.i18n\.build --init"), tmp_path)
    po = domain.po(LANG)
    assert out.strip() == f"started {po.relative_to(tmp_path)}" and po.is_file()
    assert any("has no translation" in p for p in domain_problems(domain))  # not done yet
    # 2. translate every msgstr
    assert translate(po) > 100
    # 3. compile
    assert doc_command("make i18n") == "make i18n"
    out = run("make i18n", tmp_path)
    assert f"wrote {domain.json(LANG).relative_to(tmp_path)}" in out
    # 4. check: complete, current
    assert domain_problems(domain) == []
    # 5. use: Python and the widgets' catalogs speak it
    tr = Translator(LANG, locale_dir=domain.locale_dir)
    assert tr.lang == LANG and tr.t("Show answer") == "«Show answer»"
    assert tr.nt("{n} line is missing.", "{n} lines are missing.", 2) == "«2 lines are missing.»"
    shipped = json.loads(catalogs_json("widgets", domain.locale_dir))["widgets"]
    assert sorted(shipped) == ["de", LANG, "fr"]
