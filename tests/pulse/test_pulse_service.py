"""The pulse for real: `recall-widgets pulse` on 127.0.0.1, learner kernels in their own
processes answering through the widgets' Python API, and every kind of bad input refused."""

from __future__ import annotations

import json
from pathlib import Path

from pulse_process import LearnerKernel, PulseProcess, request

from recall_widgets.progress.sender import event_id
from recall_widgets.pulse.storage import RoomEvent, open_storage

#: (question, choices, right?) of the course's deck, in the order the learners answer them.
ANSWERS = [("session-like", [0], True), ("remove-key", [0], False), ("cookie-parts", [1], None)]
LEARNERS = ["ana", "bo", "chen", "dara", "eli"]


def _kernel(tmp_path: Path, pulse: PulseProcess, learner: str, token: str) -> LearnerKernel:
    env = {
        "RECALL_PULSE": pulse.url,
        "RECALL_PULSE_TOKEN": token,
        "RECALL_LEARNER": learner,
        "RECALL_LEARNER_NAME": learner.title(),
    }
    return LearnerKernel(tmp_path / learner, env)


def _rows(database: str | Path) -> list[RoomEvent]:
    """The events the room keeps, read through its own storage (SQLite or PostgreSQL)."""
    storage = open_storage(database)
    try:
        return storage.events()
    finally:
        storage.close()


def _stored(database: str | Path) -> list[tuple[str, str]]:
    return [(e.learner, e.event_id) for e in _rows(database)]


def _event(item: str = "session-like", choices: list[int] | None = None, **extra: object) -> dict:
    value = {"choices": [0] if choices is None else choices, **extra}
    event = {"deck": "flask-sessions", "item": item, "kind": "answer", "value": value}
    return {**event, "seq": 1, "time": "2025-01-06T09:00:00.000Z"}


def test_five_learner_kernels_answer_and_the_pulse_counts_each_once(
    tmp_path: Path, pulse: PulseProcess, kernels: list[LearnerKernel]
) -> None:
    for number, learner in enumerate(LEARNERS):
        token = pulse.room_code if number % 2 else pulse.learner_token(learner)
        kernels.append(_kernel(tmp_path, pulse, learner, token))
    for kernel in kernels:
        first = kernel.do(action="answer", item="session-like", choices=[0])
        assert first["notice"].startswith("Your answers also go to your instructor's class pulse")
        kernel.do(action="answer", item="remove-key", choices=[1])
        kernel.do(action="rate", item="session-object", rating="hard")
    for kernel in kernels:
        done = kernel.do(action="flush", timeout=30)
        assert done["flushed"] and done["pending"] == 0 and done["acknowledged"] == 4, done
        assert done["stored"] == 4  # the learner's own store has them too (rating: flip, rate)
    summary = pulse.summary()
    assert sorted(lr["name"] for lr in summary["learners"]) == [n.title() for n in LEARNERS]
    questions = {q["item"]: q for q in summary["questions"]}
    assert questions["session-like"]["answered"] == 5
    assert questions["session-like"]["right_first_time"] == 5
    remove = questions["remove-key"]
    assert remove["answered"] == 5 and remove["right_first_time"] == 0
    assert [c["count"] for c in remove["choices"]][1] == 5
    cards = {c["item"]: c for c in summary["cards"]}
    assert cards["session-object"]["ratings"]["hard"] == 5
    assert len(_stored(pulse.database)) == 20


def test_the_pulse_killed_mid_session_loses_nothing_and_counts_nothing_twice(
    tmp_path: Path, pulse: PulseProcess, kernels: list[LearnerKernel]
) -> None:
    kernels.extend(_kernel(tmp_path, pulse, lr, pulse.room_code) for lr in LEARNERS[:3])
    for kernel in kernels:
        kernel.do(action="answer", item="session-like", choices=[0])
        assert kernel.do(action="flush")["acknowledged"] == 1
    acknowledged = set(_stored(pulse.database))
    pulse.stop(kill=True)  # SIGKILL: no goodbye
    for kernel in kernels:  # the widgets keep working while the pulse is away
        reply = kernel.do(action="answer", item="remove-key", choices=[0])
        assert reply["ok"] and reply["stored"] == 2
        kernel.do(action="rate", item="session-object", rating="good")
        assert kernel.do(action="flush", timeout=0.5)["pending"] == 3  # answer, flip, rate
    pulse.start()  # same port, same room
    for kernel in kernels:
        done = kernel.do(action="flush", timeout=30)
        assert done["flushed"] and done["pending"] == 0, done
    stored = _stored(pulse.database)
    assert len(stored) == len(set(stored)) == 12  # each event once
    assert acknowledged <= set(stored)
    summary = pulse.summary()
    assert {q["item"]: q["answered"] for q in summary["questions"]}["remove-key"] == 3


def test_bad_input_is_refused_stores_nothing_and_the_others_still_get_in(
    pulse: PulseProcess,
) -> None:
    ana, bo = pulse.learner_token("ana"), pulse.learner_token("bo")
    good = {"events": [{"id": "good-event-1", "event": _event()}]}
    refusals = {
        "forged token": (pulse.learner_token("ana")[:-3] + "xyz", good, 403),
        "no token": (None, good, 401),
        "posting as someone else": (ana, {**good, "learner": "bo"}, 403),
        "malformed JSON": (ana, b'{"events": [', 400),
        "not the envelope": (ana, {"event": _event()}, 400),
        "events not a list": (ana, {"events": 5}, 400),
        "unknown deck": (
            ana,
            {"events": [{"id": "e-unknown-deck", "event": {**_event(), "deck": "nope"}}]},
            400,
        ),
        "unknown item": (ana, {"events": [{"id": "e-unknown-item", "event": _event("nope")}]}, 400),
        "a choice it does not have": (
            ana,
            {"events": [{"id": "e-bad-choice", "event": _event(choices=[9])}]},
            400,
        ),
        "a bad event among good ones": (
            ana,
            {
                "events": [
                    {"id": "good-event-2", "event": _event()},
                    {"id": "e-bad-kind", "event": {**_event(), "kind": "teleport"}},
                ]
            },
            400,
        ),
        "a bad id": (ana, {"events": [{"id": "x", "event": _event()}]}, 400),
        "oversized body": (
            ana,
            {"events": [{"id": "e-oversized", "event": _event(padding="x" * 300_000)}]},
            413,
        ),
    }
    for what, (token, body, status) in refusals.items():
        got, answer = pulse.post_events(token, body)
        assert got == status, (what, got, answer)
        assert "error" in answer, what
    assert _stored(pulse.database) == []
    # forged `correct`: the answer is kept, as the deck decides it (choice 1 is wrong)
    forged = {"events": [{"id": "forged-correct", "event": _event(choices=[1], correct=True)}]}
    assert pulse.post_events(ana, forged)[0] == 200
    (value,) = [e.value for e in _rows(pulse.database)]
    assert json.loads(value) == {"choices": [1], "correct": False}
    # a flood: ana is rate-limited, bo still gets in
    flood = [
        pulse.post_events(
            ana,
            {
                "events": [
                    {"id": f"flood-{r}-{n:04d}", "event": {**_event(), "seq": n}} for n in range(50)
                ]
            },
        )[0]
        for r in range(8)
    ]
    assert 429 in flood and flood[0] == 200
    assert pulse.post_events(bo, good)[0] == 200
    count = sum(e.learner == "ana" for e in _rows(pulse.database))
    assert count == 1 + 50 * flood.count(200)  # what was refused is not there
    assert request(f"{pulse.url}/api/health")[0] == 200


def test_only_the_instructor_gets_the_page_and_the_data(pulse: PulseProcess) -> None:
    learner = pulse.learner_token("ana")
    for path in ("/", "/api/summary", "/api/stream", "/export.csv"):
        status, body, _ = request(f"{pulse.url}{path}", token=learner)
        assert status == 403, path
        assert b"learner" in body
        assert request(f"{pulse.url}{path}?token={learner}")[0] == 403
        assert request(f"{pulse.url}{path}")[0] == 403
    assert request(f"{pulse.url}/api/summary", token=pulse.instructor_token)[0] == 200
    # the delete form needs its CSRF token, even with the instructor's credentials
    status, _, _ = request(
        f"{pulse.url}/delete",
        body=b"confirm=delete",
        token=pulse.instructor_token,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403
    # joining: the room code, and an id not taken
    join = f"{pulse.url}/api/join"
    taken = json.dumps({"room": pulse.room_code, "learner": "ana", "name": "Ana"}).encode()
    assert request(join, body=taken)[0] == 200
    assert request(join, body=taken)[0] == 409  # no one else joins as ana
    wrong = json.dumps({"room": "AAAA-AAAA", "learner": "zed"}).encode()
    assert request(join, body=wrong)[0] == 403


def test_the_csv_has_a_row_per_event_and_delete_clears_the_room(pulse: PulseProcess) -> None:
    ana = pulse.learner_token("ana")
    events = [{"id": f"csv-event-{n}", "event": {**_event(), "seq": n}} for n in range(3)]
    assert pulse.post_events(ana, {"events": events})[0] == 200
    status, body, headers = request(f"{pulse.url}/export.csv", token=pulse.instructor_token)
    assert status == 200 and "attachment" in headers["Content-Disposition"]
    rows = body.decode().splitlines()
    assert rows[0].startswith("learner,name,deck,item") and len(rows) == 4
    assert pulse.learner_token("ana") == ana
    assert event_id(_event()) == event_id(dict(_event()))
