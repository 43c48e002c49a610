"""The pulse page's and the Flask course's own catalogs (issue 19): complete and current, the
check failing on a deliberately incomplete copy of each, the template's strings found by the
tornado extractor, and the course's catalogs in the course's wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from recall_widgets.i18n.build import Domain, build_domain, domain_problems

ROOT = Path(__file__).resolve().parents[2]
PULSE = ROOT / "recall_widgets/i18n/locale/pulse.cfg"
COURSE = ROOT / "course/flask_course/locale/cookie_inspector.cfg"


@pytest.mark.parametrize("cfg", [PULSE, COURSE], ids=["pulse", "cookie_inspector"])
def test_the_domain_ships_german_and_french_complete(cfg: Path) -> None:
    domain = Domain(cfg)
    assert domain.languages() == ["de", "fr"]
    assert domain_problems(domain) == []
    # it is one of the domains `make i18n` builds (the Makefile's wildcard)
    assert cfg in [
        *ROOT.glob("recall_widgets/i18n/locale/*.cfg"),
        *ROOT.glob("course/*/locale/*.cfg"),
    ]


def _copy(tmp_path: Path, folders: list[str], cfg: Path) -> Domain:
    for folder in folders:
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    if folders[0].startswith("recall_widgets/"):  # the package's top, for Domain.root
        (tmp_path / "recall_widgets/__init__.py").write_text("", encoding="utf-8")
    domain = Domain(tmp_path / cfg.relative_to(ROOT))
    assert domain_problems(domain) == []  # the copy is as good as the original
    return domain


def _forget(domain: Domain, lang: str, msgid: str) -> None:
    path = domain.po(lang)
    with path.open("rb") as file:
        catalog = read_po(file, locale=lang)
    catalog[msgid].string = ("", "") if catalog[msgid].pluralizable else ""
    with path.open("wb") as file:
        write_po(file, catalog, width=100, sort_output=True, include_lineno=False)


def test_the_course_domain_fails_when_a_translation_is_missing(tmp_path: Path) -> None:
    domain = _copy(tmp_path, ["course/flask_course"], COURSE)
    _forget(domain, "fr", "Send to the server")
    problems = domain_problems(domain)
    assert any("'Send to the server' has no translation" in p and "/fr/" in p for p in problems)
    assert any("fr/cookie_inspector.json: stale" in p for p in problems), problems


def test_the_pulse_domain_fails_on_a_missing_plural_and_a_new_template_string(
    tmp_path: Path,
) -> None:
    domain = _copy(tmp_path, ["recall_widgets/pulse", "recall_widgets/i18n"], PULSE)
    _forget(domain, "de", "{n} learner")
    problems = domain_problems(domain)
    assert any("'{n} learner' has no translation for every plural form" in p for p in problems)
    # a string added to the tornado template is found (its extractor) and wanted translated
    page = tmp_path / "recall_widgets/pulse/templates/page.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</main>", '<p>{{ t("Room closed") }}</p></main>'), "utf-8")
    problems = domain_problems(domain)
    assert any("pulse.pot: not what the sources give" in p for p in problems), problems
    build_domain(domain)
    assert [p for p in domain_problems(domain) if "Room closed" in p] == [
        f"{domain.po('de')}: 'Room closed' has no translation",
        f"{domain.po('fr')}: 'Room closed' has no translation",
    ]


@pytest.mark.slow
def test_the_courses_wheel_carries_its_catalogs(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT / "course",
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("flask_sessions_course-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in ("de", "fr"):
        assert f"flask_course/locale/{lang}/cookie_inspector.json" in names, sorted(names)


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_each_domain_counts_with_the_same_rules_as_the_widgets(lang: str) -> None:
    """The same CLDR rules as the widgets' catalogs, which tests/i18n/test_plurals.py holds
    against the browser's Intl.PluralRules for n = 0..200."""
    from recall_widgets.i18n.catalog import load_catalogs

    widgets = load_catalogs("widgets")[lang]["plural"]
    assert load_catalogs("pulse")[lang]["plural"] == widgets
    assert load_catalogs("cookie_inspector", COURSE.parent)[lang]["plural"] == widgets
