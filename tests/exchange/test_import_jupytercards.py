"""jupytercards files → decks: front, back and topic carried, HTML and TeX as Markdown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from recall_widgets.exchange.importing import ImportOptions, PeerFileError, import_file

PEERS = Path(__file__).parent / "peers"
EVERY = PEERS / "jupytercards-every-field.json"
EXAMPLE = PEERS / "jupytercards-example.json"


def cards(path: Path, **options: Any) -> list[dict[str, Any]]:
    cards: list[dict[str, Any]] = import_file(path, "jupytercards", ImportOptions(**options)).data[
        "cards"
    ]
    return cards


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "cards.json"
    path.write_text(json.dumps(data, indent=2))
    return path


def test_the_example_file_of_jupytercards() -> None:
    assert cards(EXAMPLE) == [
        {
            "id": "identity-matrix",
            "section": "linear-algebra",
            "front": "identity matrix",
            "back": "A diagonal matrix in which the off-diagonal entries are all zero and the "
            "diagonal entries are all equal to 1. The $m \\times m$ identity matrix is denoted "
            "$\\mathbf{I}_m$.",
        },
        {
            "id": "average-or-sample-mean-of-a-data-set",
            "section": "statistics",
            "front": "*average* (or *sample mean*) of a data set",
            "back": "The value that minimizes the squared error to the data. For a data set "
            "$d_0, d_1, \\ldots, d_{N-1}$ the average is $$\\begin{align} \\overline{d} = "
            "\\frac{1}{N} \\sum_{i=0}^{N-1} d_i. \\end{align}$$",
        },
        {
            "id": "expected-value-discrete-random-variable",
            "section": "probability",
            "front": "expected value\n(discrete random variable)",
            "back": "$$\\mu_X = E \\left[ X \\right] = \\sum x P_X (x).$$",
        },
        {
            "id": "data",
            "front": "data",
            "back": "Collections of measurements, characteristics, or facts about a group.",
        },
    ]
    assert import_file(EXAMPLE, "jupytercards").notes == []


def test_every_field() -> None:
    found = {card["id"]: card for card in cards(EVERY, section="extra")}
    assert found["variance-of-a-random-variable"]["section"] == "probability"
    deviation = found["standard-deviation"]
    assert deviation["tags"] == ["probability", "descriptive-statistics"]
    assert "section" in deviation and deviation["section"] == "extra"
    assert deviation["back"] == (
        "The square root of the variance, $\\sigma = \\sqrt{\\operatorname{Var}(X)}$, in the "
        "units of $X$."
    )
    assert found["law-of-total-probability"]["back"].endswith(
        ": $$P(A) = \\sum_{i=1}^{n} P(A \\mid B_i) P(B_i)$$"
    )
    assert found["law-of-total-probability"]["section"] == "extra"
    numpy = found["what-does-np-mean-x-return"]
    assert numpy["front"] == "What does `np.mean(x)` return?"
    assert numpy["back"] == (
        "The **average** of the entries of `x`.\n\nFor an empty array: `nan`, with a warning "
        "& no error."
    )
    herring = found["a-red-herring"]
    assert herring["front"] == 'a \\<span style="color: red">red\\</span> herring'
    assert herring["back"] == "Something that misleads — shown here in red in the original."


def test_raw_html_kept_as_text_is_noted_at_its_place() -> None:
    (note,) = import_file(EVERY, "jupytercards").notes
    assert str(note).startswith(f"{EVERY}:22:14: card 5, field 'front': HTML <span> kept ")


def test_field_order_is_our_decks_order() -> None:
    text = import_file(EVERY, "jupytercards").text
    first = text.split("  - id: ")[2]
    assert [line.split(":")[0].strip() for line in first.splitlines()[1:4]] == [
        "tags",
        "front",
        "back",
    ]
    assert text.index("deck:") < text.index("title:") < text.index("cards:")


def test_a_multi_line_side_is_a_block_scalar() -> None:
    text = import_file(EXAMPLE, "jupytercards").text
    assert "    front: |-\n      expected value\n      (discrete random variable)\n" in text


def test_same_front_twice_gets_numbered_ids_in_file_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            {"front": "Mean", "back": "1"},
            {"front": "<b>mean</b>", "back": "2"},
            {"front": "mean-2", "back": "3"},
        ],
    )
    assert [c["id"] for c in cards(path)] == ["mean", "mean-2", "mean-2-2"]


def test_unknown_keys_and_unusable_topics_are_noted(tmp_path: Path) -> None:
    path = write(tmp_path, [{"front": "f", "back": "b", "topic": "∑∑", "hint": "h"}])
    found = [str(n) for n in import_file(path, "jupytercards").notes]
    assert found == [
        f"{path}:5:14: card 1, field 'topic': not carried: the topic '∑∑' has no letter or digit "
        "to name a section or tag by",
        f"{path}:6:5: card 1, field 'hint': not carried: jupytercards documents no such key "
        '(here: "h"; it documents front, back, topic)',
    ]


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ({"back": "b"}, "card 1: no 'front'; a card needs a front and a back"),
        ({"front": "f"}, "card 1: no 'back'; a card needs a front and a back"),
        (
            {"front": 3, "back": "b"},
            "card 1, field 'front': 'front' must be text; found the number 3",
        ),
        ({"front": "<p> </p>", "back": "b"}, "card 1, field 'front': the front is empty"),
        ({"front": "f", "back": "b", "topic": [1]}, "card 1, field 'topic': a topic is text"),
    ],
)
def test_bad_cards_are_refused(tmp_path: Path, card: dict[str, Any], message: str) -> None:
    with pytest.raises(PeerFileError) as caught:
        import_file(write(tmp_path, [card]), "jupytercards")
    (note,) = caught.value.notes
    assert message in str(note)


def test_one_card_object_is_a_file_too(tmp_path: Path) -> None:
    assert import_file(write(tmp_path, {"front": "f", "back": "b"}), "jupytercards").counts == (
        "1 card"
    )
