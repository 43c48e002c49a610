"""The pulse page's language (issue 19): ``--lang``, the course's ``lang``, ``RECALL_LANG``,
else the browser's ``Accept-Language``; ``<html lang>`` names it, the instructor's refusals
speak it, plurals follow the language's rule. A real ``recall-widgets pulse`` on 127.0.0.1."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pulse_process import PulseProcess, request

from recall_widgets.i18n.catalog import translator
from recall_widgets.pulse.language import accept_languages, page_language
from recall_widgets.pulse.template_strings import expressions_source

COMMAND = str(Path(sys.executable).parent / "recall-widgets")
DECKS = Path(__file__).resolve().parent.parent.parent / "content"
I18N_JS = DECKS.parent / "recall_widgets/widgets/frontend/src/i18n.js"


def _page(pulse: PulseProcess, accept: str = "") -> str:
    headers = {"Accept-Language": accept} if accept else {}
    status, body, _headers = request(f"{pulse.url}/", token=pulse.instructor_token, headers=headers)
    assert status == 200
    return body.decode()


def _html_lang(page: str) -> str:
    found = re.search(r'<html lang="([^"]*)">', page)
    assert found, page[:200]
    return found.group(1)


def test_accept_language_is_read_by_weight_then_order() -> None:
    assert accept_languages("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5") == [
        "fr-CH",
        "fr",
        "en",
        "de",
    ]
    assert accept_languages("en;q=0.2, de") == ["de", "en"]
    assert accept_languages("de;q=0, fr;q=bad") == []  # refused (q=0) and unreadable weights
    assert accept_languages("") == []


def test_the_page_language_is_the_chosen_one_else_the_first_shipped_one_wanted() -> None:
    assert page_language("de-AT", "fr") == "de"
    assert page_language("es", "fr") == "en"  # chosen but not shipped: English, not the browser
    assert page_language("", "es, pt;q=0.9, fr;q=0.8, de;q=0.7") == "fr"
    assert page_language("", "en-GB, de") == "en"  # English wanted first: English
    assert page_language("", "") == "en"


def test_the_template_extractor_keeps_each_expression_on_its_line() -> None:
    source = expressions_source(
        '<p>\n{# TRANSLATORS: a note #}\n<b>{{ t("Room code {code}", code=c) }}</b> {% raw x %}\n'
    )
    assert source.splitlines() == [
        "",
        "# TRANSLATORS: a note",
        '(t("Room code {code}", code=c)); (x)',
        "",
    ]


def test_the_browser_chooses_when_nothing_is_configured(tmp_path: Path) -> None:
    pulse = PulseProcess(tmp_path / "p.sqlite3", tmp_path / "p.log", env={"RECALL_LANG": ""})
    pulse.start()
    try:
        assert "each browser's language" in pulse.log.read_text()
        german = _page(pulse, "de-AT,de;q=0.9,en;q=0.5")
        assert _html_lang(german) == "de"
        assert "<h1>Kurspuls</h1>" in german and '<span id="pulse-learners">0 Personen' in german
        french = _page(pulse, "es, fr-CA;q=0.8")  # no Spanish: the next one shipped
        assert _html_lang(french) == "fr"
        assert "Pouls de la classe" in french and "0 apprenant</span>" in french  # fr: 0 is one
        assert _html_lang(_page(pulse, "es, ja")) == "en"
        # the page's script imports the widgets' own i18n.js, served beside it
        status, body, headers = request(f"{pulse.url}/static/i18n.js")
        assert status == 200 and "javascript" in headers["Content-Type"]
        assert body == I18N_JS.read_bytes()
        assert request(f"{pulse.url}/static/../../widgets/frontend/src/quiz.js")[0] in (403, 404)
        assert _html_lang(_page(pulse)) == "en"
        # the instructor's refusals speak the browser's language too
        status, body, _ = request(f"{pulse.url}/api/summary", headers={"Accept-Language": "de"})
        assert status == 403 and "nur die Lehrperson" in body.decode()
        status, body, _ = request(f"{pulse.url}/api/summary", headers={"Accept-Language": "fr"})
        assert status == 403 and "Seul le formateur" in body.decode()
    finally:
        pulse.stop()


def test_lang_and_recall_lang_win_over_the_browser(tmp_path: Path) -> None:
    pulse = PulseProcess(
        tmp_path / "p.sqlite3", tmp_path / "p.log", args=["--lang", "fr"], env={"RECALL_LANG": "de"}
    ).start()
    try:
        assert _html_lang(_page(pulse, "de")) == "fr"  # --lang first
    finally:
        pulse.stop()
    pulse = PulseProcess(tmp_path / "p.sqlite3", tmp_path / "p2.log", env={"RECALL_LANG": "de"})
    pulse.start()
    try:
        assert "the page speaks de" in pulse.log.read_text()
        assert _html_lang(_page(pulse, "fr")) == "de"  # RECALL_LANG over the browser
    finally:
        pulse.stop()


def test_the_course_config_lang_is_the_pages(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    config = 'title = "A course"\ndecks = "content"\nlang = "fr"\n'
    (tmp_path / "course.toml").write_text(config, encoding="utf-8")
    pulse = PulseProcess(tmp_path / "p.sqlite3", tmp_path / "p.log", env={"RECALL_LANG": "de"})
    pulse.cwd = tmp_path
    pulse.start()
    try:
        assert _html_lang(_page(pulse, "de")) == "fr"  # the course's lang over RECALL_LANG
    finally:
        pulse.stop()


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("german", "--lang 'german' is not a BCP 47 language tag; did you mean --lang de?"),
        ("de_DE!", "--lang 'de_DE!' is not a BCP 47 language tag such as de or fr"),
    ],
)
def test_a_wrong_lang_is_one_line_and_exit_2(tmp_path: Path, given: str, said: str) -> None:
    """``--lang`` is checked before anything starts; a broken course config is said too."""
    done = subprocess.run(
        [COMMAND, "pulse", "--db", str(tmp_path / "p.sqlite3"), "--lang", given],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert said in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_python_and_the_page_agree_on_the_counts(lang: str) -> None:
    """The counts the template makes (Python) use the language's plural forms for 1 and 2."""
    tr = translator(lang, "pulse")
    one, two = tr.nt("{n} learner", "{n} learners", 1), tr.nt("{n} learner", "{n} learners", 2)
    assert one != two
    assert {"de": ("1 Person", "2 Personen"), "fr": ("1 apprenant", "2 apprenants")}[lang] == (
        one,
        two,
    )
    events = [tr.nt("{n} event", "{n} events", n) for n in (1, 2)]
    assert (
        events
        == {"de": ["1 Ereignis", "2 Ereignisse"], "fr": ["1 événement", "2 événements"]}[lang]
    )


def test_a_broken_course_config_is_said_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    config = 'title = "A course"\ndecks = "content"\nlang = "german"\n'
    (tmp_path / "course.toml").write_text(config, encoding="utf-8")
    done = subprocess.run(
        [COMMAND, "pulse", "--db", str(tmp_path / "p.sqlite3"), "--decks", str(DECKS)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 2, done.stderr
    assert "course.toml" in done.stderr and "lang" in done.stderr
    assert "Traceback" not in done.stderr
