"""The shipped catalogs: every string the sources mark is translated, nothing stale, the JSON
current (``make i18n``), and the check itself fails on a catalog that misses one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from recall_widgets.i18n.build import Domain, build_domain, domain_problems, init_language

ROOT = Path(__file__).resolve().parents[2]
DOMAINS = sorted(
    [*ROOT.glob("recall_widgets/i18n/locale/*.cfg"), *ROOT.glob("course/*/locale/*.cfg")]
)
"""Every domain `make i18n` builds: the engine's and any course's (the Makefile's wildcard)."""


def test_the_widgets_domain_ships_german_and_french() -> None:
    widgets = Domain(ROOT / "recall_widgets/i18n/locale/widgets.cfg")
    assert widgets.cfg in DOMAINS
    assert widgets.languages() == ["de", "fr"]


@pytest.mark.parametrize("cfg", DOMAINS, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_shipped_catalog_is_complete_and_current(cfg: Path) -> None:
    problems = domain_problems(Domain(cfg))
    assert not problems, "\n".join(problems)


def copy_domain(tmp_path: Path) -> Domain:
    """The widgets domain with its sources, in a temporary copy (the same relative layout)."""
    for folder in (
        "recall_widgets/widgets",
        "recall_widgets/checking",
        "recall_widgets/publishing",
        "recall_widgets/i18n",
    ):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    (tmp_path / "recall_widgets/__init__.py").write_text("", encoding="utf-8")
    domain = Domain(tmp_path / "recall_widgets/i18n/locale/widgets.cfg")
    assert domain_problems(domain) == []  # the copy is as good as the original
    return domain


def rewrite_po(domain: Domain, lang: str, edit: object) -> None:
    path = domain.po(lang)
    with path.open("rb") as file:
        catalog = read_po(file, locale=lang)
    edit(catalog)  # type: ignore[operator]
    with path.open("wb") as file:
        write_po(file, catalog, width=100, sort_output=True, include_lineno=False)


def test_a_missing_translation_fails(tmp_path: Path) -> None:
    domain = copy_domain(tmp_path)

    def forget(catalog: object) -> None:
        catalog["Show answer"].string = ""  # type: ignore[index]

    rewrite_po(domain, "de", forget)
    problems = domain_problems(domain)
    assert any("'Show answer' has no translation" in p and "/de/" in p for p in problems), problems
    assert any("de/widgets.json: stale" in p for p in problems), problems  # and the JSON differs


def test_a_string_added_to_the_sources_fails_until_translated(tmp_path: Path) -> None:
    domain = copy_domain(tmp_path)
    view = tmp_path / "recall_widgets/widgets/frontend/src/card_view.js"
    view.write_text(
        view.read_text(encoding="utf-8").replace('t("Show answer")', 't("Reveal the answer")'),
        encoding="utf-8",
    )
    problems = domain_problems(domain)
    assert any("widgets.pot: not what the sources give" in p for p in problems), problems
    assert any("'Reveal the answer' is missing" in p for p in problems), problems
    assert any("'Show answer' is not in the sources any more" in p for p in problems), problems
    build_domain(domain)  # make i18n: the new msgid is in, empty; the old one is gone
    problems = domain_problems(domain)
    assert [p for p in problems if "Reveal the answer" in p] == [
        f"{domain.po('de')}: 'Reveal the answer' has no translation",
        f"{domain.po('fr')}: 'Reveal the answer' has no translation",
    ]
    assert not any("'Show answer'" in p for p in problems)


def test_fuzzy_obsolete_and_wrong_placeholders_fail(tmp_path: Path) -> None:
    domain = copy_domain(tmp_path)

    def spoil(catalog: object) -> None:
        catalog["Cancel"].flags.add("fuzzy")  # type: ignore[index]
        catalog["Reading {file}…"].string = "Lese {datei} …"  # type: ignore[index]
        catalog.obsolete["Gone"] = catalog["Cancel"]  # type: ignore[attr-defined,index]

    rewrite_po(domain, "fr", spoil)
    text = domain.po("fr").read_text(encoding="utf-8")
    assert '#, fuzzy\nmsgid "Cancel"' in text and '#~ msgid "Cancel"' in text
    problems = domain_problems(domain)
    assert any("'Cancel' is marked fuzzy" in p for p in problems), problems
    assert any("obsolete entries" in p for p in problems), problems
    assert any("placeholders ['datei'], the message ['file']" in p for p in problems), problems


def test_a_new_language_starts_from_the_template(tmp_path: Path) -> None:
    domain = copy_domain(tmp_path)
    path = init_language(domain, "es")
    text = path.read_text(encoding="utf-8")
    assert "Language: es" in text and "Plural-Forms: nplurals=3;" in text  # CLDR's one/many/other
    problems = domain_problems(domain)
    assert any(p.startswith(f"{path}: 'Show answer' has no translation") for p in problems)
    with pytest.raises(FileExistsError):
        init_language(domain, "es")
