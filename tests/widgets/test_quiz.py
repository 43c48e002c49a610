"""Quiz driven through its Python API, asserting on synced state, events and the score."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import recall_widgets.widgets.views as views_module
from recall_widgets import Deck, Quiz, Score
from recall_widgets.widgets import window as window_module


def question(qid: str, correct: list[int], n: int = 4, **extra: Any) -> dict[str, Any]:
    return {
        "id": qid,
        "prompt": f"Question *{qid}*?",
        "choices": [
            {"text": f"choice {i}", "correct": i in correct, "why": f"why {i}"} for i in range(n)
        ],
        "explanation": f"Because of {qid}.",
        **extra,
    }


def make_deck() -> Deck:
    return Deck.model_validate(
        {
            "deck": "quizzy",
            "title": "Quizzy",
            "questions": [
                question("single", [2], level="beginner", section="s1"),
                question("multi", [0, 3], level="advanced", section="s1"),
                question("third", [1], level="beginner", section="s2"),
            ],
        },
        strict=False,
    )


def test_content_carries_what_the_browser_needs_to_check() -> None:
    quiz = Quiz(make_deck(), shuffle_choices=False)
    state = quiz.get_state()
    assert state["ids"] == ["single", "multi", "third"]
    single = state["content"]["single"]
    assert single["prompt"] == "<p>Question <em>single</em>?</p>"
    assert single["choices"] == ["choice 0", "choice 1", "choice 2", "choice 3"]
    assert single["whys"][1] == "<p>why 1</p>"
    assert single["explanation"] == "<p>Because of single.</p>"
    assert (single["order"], single["correct"], single["multiple"]) == ([0, 1, 2, 3], [2], False)
    assert (state["content"]["multi"]["correct"], state["content"]["multi"]["multiple"]) == (
        [0, 3],
        True,
    )


def test_answer_right_and_wrong_records_events() -> None:
    quiz = Quiz(make_deck())
    assert quiz.answer("single", [2]) is True
    assert quiz.answer("third", 0) is False
    assert quiz.position == 2  # answering shows that question
    assert [(e["kind"], e["item"], e["value"]) for e in quiz.events] == [
        ("answer", "single", {"choices": [2], "correct": True}),
        ("answer", "third", {"choices": [0], "correct": False}),
    ]
    assert [e["seq"] for e in quiz.events] == [1, 2]
    assert quiz.score == Score(correct=1, answered=2, total=3)
    assert str(quiz.score) == "1/2"
    assert quiz.missed == ["third"]


def test_first_attempt_counts_and_retries_are_practice() -> None:
    quiz = Quiz(make_deck())
    assert quiz.answer("single", [0]) is False
    quiz.retry("single")
    assert quiz.answer("single", [2]) is True
    assert quiz.answers == {"single": {"first": [0], "correct": False, "attempts": 2, "last": [2]}}
    assert quiz.score == Score(correct=0, answered=1, total=3)
    assert quiz.missed == ["single"]
    assert [e["kind"] for e in quiz.events] == ["answer", "retry", "answer"]
    assert quiz.events[1]["value"] is None


def test_multi_select_needs_exactly_the_correct_set() -> None:
    quiz = Quiz(make_deck())
    assert quiz.answer("multi", [0]) is False
    quiz.retry("multi")
    assert quiz.answer("multi", [3, 0, 3]) is True  # order and repeats do not matter
    assert quiz.answers["multi"]["last"] == [0, 3]
    assert quiz.score.correct == 0


def test_bad_answers_say_what_is_allowed() -> None:
    quiz = Quiz(make_deck())
    with pytest.raises(ValueError, match=r"no question 'nope' here; ids: single, multi, third"):
        quiz.answer("nope", [0])
    with pytest.raises(ValueError, match=r"must be among 0\.\.3, got \[4\]"):
        quiz.answer("single", [4])
    with pytest.raises(ValueError, match=r"must be among 0\.\.3, got \[\]"):
        quiz.answer("single", [])
    with pytest.raises(ValueError, match="takes exactly one choice"):
        quiz.answer("single", [1, 2])
    with pytest.raises(ValueError, match="no question 'nope'"):
        quiz.retry("nope")
    assert quiz.events == []


def test_shuffled_display_keeps_yaml_indexes() -> None:
    deck = make_deck()
    orders = {Quiz(deck, seed=s).content["single"]["order"].__repr__() for s in range(10)}
    assert len(orders) > 1  # the display order does change with the seed
    quiz = Quiz(deck, seed=3)
    order = quiz.content["single"]["order"]
    assert sorted(order) == [0, 1, 2, 3]
    assert quiz.content["single"]["correct"] == [2]  # YAML order, not display order
    assert quiz.content["single"]["choices"][2] == "choice 2"
    assert quiz.answer("single", [2]) is True


def test_shuffle_is_reproducible_with_a_seed() -> None:
    deck = make_deck()

    def orders(quiz: Quiz) -> list[list[int]]:
        return [quiz.content[i]["order"] for i in quiz.ids]

    assert orders(Quiz(deck, seed=11)) == orders(Quiz(deck, seed=11))
    assert any(orders(Quiz(deck, seed=11)) != orders(Quiz(deck, seed=s)) for s in (12, 13, 14))
    assert orders(Quiz(deck, shuffle_choices=False)) == [[0, 1, 2, 3]] * 3


def test_filter_by_section_and_level() -> None:
    deck = make_deck()
    assert Quiz(deck, section="s1").ids == ["single", "multi"]
    assert Quiz(deck, level="beginner").ids == ["single", "third"]
    assert Quiz(deck, section="s1", level="advanced").ids == ["multi"]
    with pytest.raises(ValueError, match=r"sections with questions: s1, s2"):
        Quiz(deck, section="nope")
    with pytest.raises(ValueError, match=r"levels with questions in section 's2': beginner"):
        Quiz(deck, section="s2", level="advanced")


def test_navigation_and_repr() -> None:
    quiz = Quiz(make_deck(), section="s1", seed=5)
    assert repr(quiz) == "Quiz(deck='quizzy', section='s1', seed=5, questions=2, position=1/2)"
    quiz.next()
    quiz.next()
    assert quiz.position == 1
    quiz.answer("single", [2])
    assert repr(quiz) == (
        "Quiz(deck='quizzy', section='s1', seed=5, questions=2, position=1/2, score=1/1)"
    )


def test_on_event_gets_python_and_browser_answers_once() -> None:
    quiz = Quiz(make_deck())
    seen: list[int] = []
    quiz.on_event(lambda e: seen.append(e["seq"]))
    quiz.answer("single", [1])
    browser = {
        "deck": "quizzy",
        "item": "multi",
        "kind": "answer",
        "value": {"choices": [0, 3], "correct": True},
        "seq": 2,
        "time": "2025-01-01T00:00:00.000Z",
    }
    quiz.set_state({"events": [*quiz.events, browser]})
    quiz.set_state({"events": [*quiz.events]})
    quiz.retry("single")
    assert seen == [1, 2, 3]
    assert quiz.score == Score(correct=1, answered=2, total=3)


def test_large_quiz_renders_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = views_module.render_markdown
    monkeypatch.setattr(views_module, "render_markdown", lambda t: calls.append(t) or real(t))
    deck = Deck.model_validate(
        {
            "deck": "big",
            "title": "Big",
            "questions": [question(f"q{i}", [i % 4]) for i in range(10_000)],
        },
        strict=False,
    )
    quiz = Quiz(deck, seed=1)
    assert len(quiz.content) == 1 + window_module.WINDOW_AHEAD
    assert len(calls) < 10 * len(quiz.content)  # prompt, explanation, whys: a window's worth
    quiz.position = 9_999  # as the browser does
    assert "q9999" in quiz.content and "q0" not in quiz.content
    assert quiz.answer("q5000", [0]) is True
    assert "q5000" in quiz.content
    assert quiz.score == Score(correct=1, answered=1, total=10_000)


def test_header_title_and_section() -> None:
    state = Quiz(make_deck(), section="s2").get_state()
    assert (state["title_html"], state["section"]) == ("Quizzy", "s2")
    assert Quiz(make_deck()).get_state()["section"] == ""


# --- ids= and predict questions ---------------------------------------------------------------


def make_predict_deck() -> Deck:
    """make_deck() plus a card, and a 'predict, then see' question in section s1."""
    data = make_deck().model_dump()
    data["questions"] = list(data["questions"])
    data["questions"].insert(1, question("predict-it", [0], section="s1", tags=["predict"]))
    data["cards"] = [{"id": "a-card", "front": "F", "back": "B"}]
    return Deck.model_validate(data, strict=False)


def test_ids_shows_exactly_those_questions_in_that_order() -> None:
    deck = make_deck()
    quiz = Quiz(deck, ids=["third", "single"], seed=1)
    assert quiz.ids == ["third", "single"]  # the synced trait the browser reads
    assert quiz.score.total == 2
    assert repr(quiz) == (
        "Quiz(deck='quizzy', ids=['third', 'single'], seed=1, questions=2, position=1/2)"
    )
    one = Quiz(deck, ids="multi")
    assert (one.ids, list(one.content)) == (["multi"], ["multi"])
    assert repr(one) == "Quiz(deck='quizzy', ids='multi', questions=1, position=1/1)"
    assert repr(Quiz(deck, ids=("multi",))).startswith("Quiz(deck='quizzy', ids=['multi'], ")


def test_ids_are_looked_up_within_section_and_level() -> None:
    deck = make_deck()
    assert Quiz(deck, ids="multi", section="s1", level="advanced").ids == ["multi"]
    with pytest.raises(
        ValueError,
        match=r"^deck 'quizzy' has no question 'third' in section 's1'; ids: single, multi; "
        r"'third' is in section 's2', level 'beginner'$",
    ):
        Quiz(deck, ids=["single", "third"], section="s1")


def test_unknown_ids_name_the_ids_there_are_closest_first() -> None:
    deck = make_predict_deck()
    with pytest.raises(
        ValueError,
        match=r"^deck 'quizzy' has no question 'thrid'; did you mean 'third'\?; "
        r"ids: third, single, predict-it, multi$",
    ):
        Quiz(deck, ids="thrid")
    with pytest.raises(ValueError, match=r"has no questions nope, a-card; ids: .*"
                       r"; 'a-card' is a card, not a question$"):  # fmt: skip
        Quiz(deck, ids=["single", "nope", "a-card"])


def test_bad_ids_say_what_is_allowed() -> None:
    deck = make_deck()
    with pytest.raises(ValueError, match="ids is empty; name at least one item"):
        Quiz(deck, ids=[])
    with pytest.raises(ValueError, match="ids names single more than once"):
        Quiz(deck, ids=["single", "multi", "single"])
    with pytest.raises(TypeError, match="ids must be an item id or a sequence of item ids"):
        Quiz(deck, ids=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="exclude_tags must be a tag or a sequence of tags"):
        Quiz(deck, exclude_tags=[1])  # type: ignore[list-item]


def test_predict_questions_stay_out_of_section_and_level_quizzes() -> None:
    deck = make_predict_deck()
    assert Quiz(deck).ids == ["single", "multi", "third"]
    assert Quiz(deck, section="s1").ids == ["single", "multi"]
    assert repr(Quiz(deck, section="s1")).startswith("Quiz(deck='quizzy', section='s1', ques")
    # ids= always includes what it names, whatever exclude_tags says
    assert Quiz(deck, ids="predict-it").ids == ["predict-it"]
    assert Quiz(deck, ids="predict-it", section="s1", exclude_tags="predict").ids == ["predict-it"]
    everything = Quiz(deck, section="s1", exclude_tags=())
    assert everything.ids == ["single", "predict-it", "multi"]
    assert repr(everything) == (
        "Quiz(deck='quizzy', section='s1', exclude_tags=(), questions=3, position=1/3)"
    )
    assert Quiz(deck, exclude_tags=["predict", "x"]).ids == ["single", "multi", "third"]


def test_a_section_of_only_predict_questions_says_how_to_show_them() -> None:
    data = make_deck().model_dump()
    data["questions"] = [*data["questions"], question("p", [0], section="demo", tags=["predict"])]
    deck = Deck.model_validate(data, strict=False)
    with pytest.raises(
        ValueError,
        match=r"^the only question in section 'demo' of deck 'quizzy' is tagged 'predict', "
        r"which is left out unless named: show them with ids=, or pass exclude_tags=\(\) to "
        r"keep them$",
    ):
        Quiz(deck, section="demo")
    assert Quiz(deck, section="demo", exclude_tags=()).ids == ["p"]


# --- tags=, sample= and shuffle= ---------------------------------------------------------------


def make_tagged_deck() -> Deck:
    """Five questions tagged cookies/security/keys, and a predict question tagged cookies."""
    tagged = [
        ("q0", ["cookies"]),
        ("q1", ["security"]),
        ("q2", ["cookies", "security"]),
        ("q3", []),
        ("q4", ["keys"]),
        ("p5", ["cookies", "predict"]),
    ]
    return Deck.model_validate(
        {
            "deck": "tagged",
            "title": "Tagged",
            "questions": [question(qid, [0], tags=tags, section="s") for qid, tags in tagged],
        },
        strict=False,
    )


def test_tags_keep_the_questions_having_any_of_them() -> None:
    deck = make_tagged_deck()
    quiz = Quiz(deck, tags="cookies", seed=1)
    assert quiz.ids == ["q0", "q2"]  # the predict question stays out
    assert repr(quiz) == "Quiz(deck='tagged', tags='cookies', seed=1, questions=2, position=1/2)"
    assert Quiz(deck, tags=["keys", "security"]).ids == ["q1", "q2", "q4"]
    assert repr(Quiz(deck, tags=("keys",))).startswith("Quiz(deck='tagged', tags=['keys'], ")
    assert Quiz(deck, tags="predict").ids == ["p5"]  # a tag named is not left out
    assert Quiz(deck, tags="cookies", section="s", exclude_tags=()).ids == ["q0", "q2", "p5"]


def test_a_tag_no_question_has_lists_the_tags_there_are() -> None:
    deck = make_tagged_deck()
    with pytest.raises(
        ValueError,
        match=r"^deck 'tagged' has no questions tagged cookie; "
        r"tags of its questions: cookies, keys, predict, security$",
    ):
        Quiz(deck, tags=["cookie", "keys"])
    with pytest.raises(ValueError, match="tags is empty"):
        Quiz(deck, tags=[])
    with pytest.raises(TypeError, match="tags must be a tag or a sequence of tags"):
        Quiz(deck, tags=[1])  # type: ignore[list-item]
    data = make_deck().model_dump()
    data["questions"] = [*data["questions"], question("x1", [0], section="s1", tags=["x"])]
    with pytest.raises(
        ValueError,
        match=r"^deck 'quizzy' has no questions in section 's2' tagged x; "
        r"tags of its questions in section 's2': \(none\)$",
    ):
        Quiz(Deck.model_validate(data, strict=False), section="s2", tags="x")


def test_sample_shows_n_random_questions_seeded() -> None:
    deck = make_tagged_deck()
    quiz = Quiz(deck, sample=3, seed=7)
    assert len(quiz.ids) == 3 and quiz.score.total == 3
    assert set(quiz.ids) <= {"q0", "q1", "q2", "q3", "q4"}
    assert quiz.ids == sorted(quiz.ids)  # deck order unless shuffle
    assert Quiz(deck, sample=3, seed=7).ids == quiz.ids
    assert len({tuple(Quiz(deck, sample=2, seed=s).ids) for s in range(20)}) > 1
    assert repr(quiz) == "Quiz(deck='tagged', sample=3, seed=7, questions=3, position=1/3)"
    assert Quiz(deck, tags="cookies", sample=2).ids == ["q0", "q2"]
    with pytest.raises(ValueError, match=r"^sample=6 but 5 questions are selected; give 1 to 5$"):
        Quiz(deck, sample=6)
    with pytest.raises(ValueError, match=r"^sample=0 but 5 questions"):
        Quiz(deck, sample=0)
    with pytest.raises(TypeError, match="sample must be a number of questions"):
        Quiz(deck, sample="2")  # type: ignore[arg-type]


def test_shuffle_orders_the_questions_like_flashcards() -> None:
    deck = make_tagged_deck()
    quiz = Quiz(deck, shuffle=True, seed=3)
    assert sorted(quiz.ids) == ["q0", "q1", "q2", "q3", "q4"]
    assert Quiz(deck, shuffle=True, seed=3).ids == quiz.ids
    assert len({tuple(Quiz(deck, shuffle=True, seed=s).ids) for s in range(20)}) > 1
    assert repr(quiz) == "Quiz(deck='tagged', shuffle=True, seed=3, questions=5, position=1/5)"
    sampled = Quiz(deck, sample=4, shuffle=True, seed=3)
    assert len(sampled.ids) == 4
    assert len({tuple(Quiz(deck, sample=4, shuffle=True, seed=s).ids) for s in range(30)}) > 5
    assert Quiz(deck, seed=3).ids == ["q0", "q1", "q2", "q3", "q4"]  # no shuffle by default


def test_relative_images_in_a_deck_file_are_inlined(tmp_path: Path) -> None:
    (tmp_path / "q.gif").write_bytes(b"GIF89a")
    deck_file = tmp_path / "img.yaml"
    deck_file.write_text(
        "deck: img\ntitle: Img\nquestions:\n  - id: q\n    prompt: '![g](q.gif)'\n"
        "    choices: [{text: A, correct: true}, {text: B}]\n    explanation: '![g](q.gif)'\n",
        encoding="utf-8",
    )
    content = Quiz(deck_file).content["q"]
    assert 'src="data:image/gif;base64,R0lGODlh"' in content["prompt"]
    assert 'src="data:image/gif;base64,R0lGODlh"' in content["explanation"]
