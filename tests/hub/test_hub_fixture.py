"""The local hub is a real JupyterHub: learners spawn, run the course in their kernels, and
each token acts only as its own user; the guide's fragment is what the hub runs."""

from __future__ import annotations

import json
import urllib.error
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
from hubs import DRIVER, INSTRUCTOR, INSTRUCTORS, LEARNERS, PULSE, Hub
from servers import ServerError

REPO = Path(__file__).resolve().parents[2]
DECK = REPO / "content" / "flask-sessions.yaml"
PULSE_ACCESS = f"access:services!service={PULSE}"
INSTRUCT = f"custom:{PULSE}:instruct"

#: Run in each learner's kernel: answer the deck's first question right through the widgets'
#: Python API, and say who and where the kernel is.
LEARNER_CODE = f"""
import json, os
import recall_widgets
from recall_widgets import Quiz, load_deck
from recall_widgets.progress.database import default_path
deck = load_deck({str(DECK)!r})
question = deck.questions[0]
right = [i for i, choice in enumerate(question.choices) if choice.correct]
quiz = Quiz(deck, ids=[question.id], shuffle_choices=False)
correct = quiz.answer(question.id, right)
print(json.dumps({{
    "user": os.environ["JUPYTERHUB_USER"],
    "home": os.environ["HOME"],
    "package": recall_widgets.__file__,
    "correct": correct,
    "store": str(default_path()),
    "stored": default_path().exists(),
}}))
"""

#: Run in a learner's kernel: post an answer to the pulse with this server's hub token, as the
#: widgets do, with ``CLAIM`` (a learner id the body claims to be, or None); print the answer.
PULSE_CODE = """
CLAIM = None
import json, os, urllib.error, urllib.request
event = {"deck": "flask-sessions", "item": "session-like", "kind": "answer",
         "value": {"choices": [0]}, "seq": 1, "time": "2025-01-06T09:00:00.000Z"}
post = {"id": "post-" + os.environ["JUPYTERHUB_USER"], "event": event}
body = {"name": CLAIM or "me", "events": [post]}
if CLAIM:
    body["learner"] = CLAIM
request = urllib.request.Request(
    os.environ["RECALL_PULSE"] + "/services/" + os.environ["RECALL_PULSE_SERVICE"] + "/api/events",
    data=json.dumps(body).encode(),
    headers={"Authorization": "token " + os.environ["JUPYTERHUB_API_TOKEN"],
             "Content-Type": "application/json"},
    method="POST",
)
try:
    with urllib.request.urlopen(request, timeout=30) as response:
        print(json.dumps({"status": response.status, **json.loads(response.read())}))
except urllib.error.HTTPError as error:
    print(json.dumps({"status": error.code, **json.loads(error.read())}))
"""
SUMMARY = f"/services/{PULSE}/api/summary"
EVENTS = f"/services/{PULSE}/api/events"


def test_the_hub_runs_the_services_of_the_guides_fragment(hub: Hub) -> None:
    services = hub.api("GET", "/services")
    assert {PULSE, "idle-culler", DRIVER} <= set(services)
    culler = psutil.Process(services["idle-culler"]["pid"])  # the hub started it, and it runs
    assert "jupyterhub_idle_culler" in culler.cmdline()
    assert "--timeout=3600" in culler.cmdline()  # the fragment's default: an hour idle
    assert services[PULSE]["prefix"] == f"/services/{PULSE}/"
    assert services[PULSE]["pid"] > 0
    groups = {group["name"] for group in hub.api("GET", "/groups")}
    assert INSTRUCTORS in groups


def test_five_learners_spawn_and_each_answers_in_a_kernel_of_their_own(
    hub: Hub, learners: dict[str, float]
) -> None:
    assert sorted(learners) == sorted(LEARNERS)
    stores = set()
    for name in LEARNERS:
        run = hub.run_code(name, LEARNER_CODE)
        assert run.error is None, f"{name}: {run.error}"
        seen = json.loads(run.stdout.strip().splitlines()[-1])
        assert seen["user"] == name
        assert Path(seen["home"]) == hub.state / "home" / name
        assert Path(seen["package"]).is_relative_to(REPO / "recall_widgets")
        assert seen["correct"] is True
        assert seen["stored"] and Path(seen["store"]).is_relative_to(seen["home"])
        stores.add(seen["store"])
    assert len(stores) == len(LEARNERS)  # every learner has a store of their own


@pytest.mark.parametrize("index", range(len(LEARNERS)))
def test_a_learners_token_cannot_act_as_another_learner(
    hub: Hub, learners: dict[str, float], index: int
) -> None:
    mine, theirs = LEARNERS[index], LEARNERS[(index + 1) % len(LEARNERS)]
    token = hub.user_token(mine)
    status, me = hub.request("GET", "/hub/api/user", token=token)
    assert status == 200 and me["name"] == mine
    for method, path in [
        ("GET", f"/hub/api/users/{theirs}"),
        ("POST", f"/hub/api/users/{theirs}/tokens"),
        ("DELETE", f"/hub/api/users/{theirs}/server"),
        ("GET", f"/user/{theirs}/api/kernels"),
        ("POST", f"/user/{theirs}/api/kernels"),
        ("GET", f"/user/{theirs}/api/contents"),
    ]:
        status, _ = hub.request(method, path, token=token)
        assert status in (403, 404), f"{mine}'s token: {method} {path} gave {status}"
    # Their server is still running, and their own token still works on it.
    assert hub.api("GET", f"/users/{theirs}")["servers"][""]["ready"] is True
    status, _ = hub.request("GET", f"/user/{theirs}/api/kernels", token=hub.user_token(theirs))
    assert status == 200


def test_a_learners_kernel_posts_to_the_pulse_only_as_that_learner(
    hub: Hub, learners: dict[str, float]
) -> None:
    def learners_seen() -> set[str]:
        status, summary = hub.request("GET", SUMMARY, token=hub.user_token(INSTRUCTOR))
        assert status == 200, summary
        return {learner["learner"] for learner in summary["learners"]}

    before = learners_seen()
    for name in LEARNERS[:3]:
        run = hub.run_code(name, PULSE_CODE.replace("CLAIM = None", f"CLAIM = {LEARNERS[4]!r}"))
        assert run.error is None, f"{name}: {run.error}"
        answer = json.loads(run.stdout)
        assert answer["status"] == 403 and f"cannot send as '{LEARNERS[4]}'" in answer["error"]
        assert learners_seen() == before  # the whole batch refused, nothing stored
        run = hub.run_code(name, PULSE_CODE)
        answer = json.loads(run.stdout)
        assert answer["status"] == 200 and answer["acknowledged"] == [f"post-{name}"], answer
    after = learners_seen()
    assert set(LEARNERS[:3]) <= after  # each as the hub user the token proves,
    assert after - before <= set(LEARNERS[:3])  # not as the learner-5 the body claimed
    status, _ = hub.request("GET", SUMMARY, token=hub.token)
    assert status == 403  # a service's token (the test driver) is no instructor either


def test_the_pulse_refuses_a_token_without_its_access_scope(hub: Hub) -> None:
    name = LEARNERS[0]
    hub.add_users([name])
    limited = hub.api(
        "POST", f"/users/{name}/tokens", body={"scopes": ["read:users:name!user"], "note": "x"}
    )["token"]
    body = {"events": []}
    status, answer = hub.request("POST", EVENTS, token=limited, body=body)
    assert status == 403 and PULSE_ACCESS in answer["error"]
    status, _ = hub.request("GET", SUMMARY, token=limited)
    assert status == 403
    status, answer = hub.request("POST", EVENTS, token=hub.user_token(name), body=body)
    assert status == 200 and answer["acknowledged"] == []
    status, answer = hub.request("GET", SUMMARY, token=hub.user_token(name))
    assert status == 403 and f"{name} is not one" in answer["error"]  # a learner: no data
    status, answer = hub.request(
        "POST", f"/services/{PULSE}/api/join", token=hub.user_token(name), body={}
    )
    assert status == 404  # no room codes on a hub


@pytest.mark.parametrize("who", ["teacher", "instructor"])
def test_the_instructors_group_and_the_admins_see_the_data_and_learners_do_not(
    hub: Hub, who: str
) -> None:
    hub.add_users([who])
    if who == "teacher":
        hub.api("POST", f"/groups/{INSTRUCTORS}/users", body={"users": [who]})
    status, summary = hub.request("GET", SUMMARY, token=hub.user_token(who))
    assert status == 200 and "questions" in summary
    status, _ = hub.request("GET", SUMMARY, token=hub.user_token(LEARNERS[1]))
    assert status == 403


def test_a_learner_signs_in_with_the_password_and_nothing_else(hub: Hub) -> None:
    with pytest.raises(ServerError, match="refused walk-in's sign-in: 403"):
        hub.sign_in("walk-in", "wrong password")
    browser = hub.sign_in("walk-in")
    with browser.open(f"{hub.url}/hub/api/user", timeout=30) as response:
        assert json.loads(response.read())["name"] == "walk-in"


@pytest.mark.parametrize("who", ["teacher", "instructor", "learner-3"])
def test_a_signed_in_browser_reaches_the_pulse_through_the_hubs_oauth_with_no_consent_page(
    hub: Hub, who: str
) -> None:
    """oauth_no_confirm: the hub's OAuth sends the browser straight back to the pulse; the
    page opens for a member of the instructors group (the scope the OAuth token carries, its
    oauth_client_allowed_scopes) and for a hub admin, and a learner gets 403."""
    hub.add_users([who])
    if who == "teacher":
        hub.api("POST", f"/groups/{INSTRUCTORS}/users", body={"users": [who]})
    browser = hub.sign_in(who)
    try:
        with browser.open(f"{hub.url}/services/{PULSE}/", timeout=60) as page:
            status, url, html = page.status, page.url, page.read().decode()
    except urllib.error.HTTPError as error:
        status, url, html = error.code, error.url, error.read().decode()
    assert urlsplit(url).path == f"/services/{PULSE}/"  # no consent page on the way
    if who == "learner-3":
        assert status == 403 and "learner-3 is not one" in html
    else:
        assert status == 200 and "Class pulse" in html
    try:
        with browser.open(f"{hub.url}{SUMMARY}", timeout=60) as data:
            status, body = data.status, data.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    assert status == (403 if who == "learner-3" else 200), body
