"""The local hub is a real JupyterHub: learners spawn, run the course in their kernels, and
each token acts only as its own user; the guide's fragment is what the hub runs."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
from hubs import DRIVER, INSTRUCTORS, LEARNERS, PULSE, Hub
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

#: Run in a learner's kernel: ask the pulse (the stand-in) who this server's token is, as the
#: widgets will post, claiming to be someone else in the body.
PULSE_CODE = """
import json, os, urllib.request
request = urllib.request.Request(
    os.environ["RECALL_PULSE"] + "/",
    data=json.dumps({"learner": "learner-5"}).encode(),
    headers={"Authorization": "token " + os.environ["JUPYTERHUB_API_TOKEN"]},
    method="POST",
)
with urllib.request.urlopen(request, timeout=30) as response:
    print(response.read().decode())
"""


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


def test_a_learners_kernel_reaches_the_pulse_only_as_that_learner(
    hub: Hub, learners: dict[str, float]
) -> None:
    for name in LEARNERS[:3]:
        run = hub.run_code(name, PULSE_CODE)
        assert run.error is None, f"{name}: {run.error}"
        seen = json.loads(run.stdout)
        assert seen["name"] == name  # not the learner the body claimed
        assert seen["admin"] is False
        assert PULSE_ACCESS in seen["scopes"]
        assert INSTRUCT not in seen["scopes"]


def test_the_pulse_refuses_a_token_without_its_access_scope(hub: Hub) -> None:
    name = LEARNERS[0]
    hub.add_users([name])
    limited = hub.api(
        "POST", f"/users/{name}/tokens", body={"scopes": ["read:users:name!user"], "note": "x"}
    )["token"]
    path = f"/services/{PULSE}/"
    status, _ = hub.request("GET", path, token=limited)
    assert status == 403
    status, seen = hub.request("GET", path, token=hub.user_token(name))
    assert status == 200 and seen["name"] == name


@pytest.mark.parametrize("who", ["teacher", "instructor"])
def test_the_instructors_group_and_the_admins_are_told_apart_from_learners(
    hub: Hub, who: str
) -> None:
    hub.add_users([who])
    if who == "teacher":
        hub.api("POST", f"/groups/{INSTRUCTORS}/users", body={"users": [who]})
    status, seen = hub.request("GET", f"/services/{PULSE}/", token=hub.user_token(who))
    assert status == 200 and seen["name"] == who
    if who == "teacher":
        assert INSTRUCT in seen["scopes"] and INSTRUCTORS in seen["groups"]
        assert seen["admin"] is False
    else:
        assert seen["admin"] is True  # the hub's admin_users


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
    token the pulse gets carries the instructor scope for a member of the group only (its
    oauth_client_allowed_scopes), and the pulse's access scope."""
    hub.add_users([who])
    if who == "teacher":
        hub.api("POST", f"/groups/{INSTRUCTORS}/users", body={"users": [who]})
    browser = hub.sign_in(who)
    with browser.open(f"{hub.url}/services/{PULSE}/", timeout=60) as page:
        assert urlsplit(page.url).path == f"/services/{PULSE}/"  # no consent page on the way
        seen = json.loads(page.read())
    assert seen["name"] == who
    assert PULSE_ACCESS in seen["scopes"]
    assert (INSTRUCT in seen["scopes"]) is (who == "teacher")
    assert seen["admin"] is (who == "instructor")  # the hub's admin flag comes through too
