"""The guide's jupyterhub_config.py fragment, read by traitlets as JupyterHub reads it: it adds
to a hub's own config without taking anything away, and says what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hubs import FRAGMENT, INSTRUCTORS, PULSE
from traitlets.config import Config, PyFileConfigLoader

INSTRUCT = f"custom:{PULSE}:instruct"


def load_main(tmp_path: Path, main: str) -> Config:
    """Load ``main`` as a jupyterhub_config.py, as JupyterHub does."""
    path = tmp_path / "jupyterhub_config.py"
    path.write_text(main, encoding="utf-8")
    return PyFileConfigLoader(path.name, str(tmp_path)).load_config()


def load(tmp_path: Path, main: str) -> Config:
    """Load ``main`` as a jupyterhub_config.py that pulls the fragment in with
    ``load_subconfig`` (as The Littlest JupyterHub does with jupyterhub_config.d/)."""
    return load_main(tmp_path, main + f"\nload_subconfig({str(FRAGMENT)!r})\n")


def value(config: Config, section: str, name: str, empty: object) -> object:
    """A setting's value as the hub sees it (a list/set/dict added to is resolved)."""
    raw = config[section][name]
    return raw.get_value(empty) if hasattr(raw, "get_value") else raw


@pytest.fixture
def token_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "api_token"
    path.write_text("0123abcd\n", encoding="utf-8")
    monkeypatch.setenv("RECALL_PULSE_TOKEN_FILE", str(path))
    for variable in ("RECALL_PULSE_SERVICE", "RECALL_PULSE_URL", "RECALL_INSTRUCTORS_GROUP"):
        monkeypatch.delenv(variable, raising=False)
    return path


def test_the_fragment_adds_to_the_hubs_own_services_roles_and_groups(
    tmp_path: Path, token_file: Path
) -> None:
    config = load(
        tmp_path,
        'c.JupyterHub.services = [{"name": "grader", "api_token": "x"}]\n'
        'c.JupyterHub.load_roles = [{"name": "graders", "scopes": ["list:users"]}]\n'
        'c.JupyterHub.load_groups = {"staff": {"users": ["ann"]}}\n'
        'c.Spawner.environment = {"TZ": "UTC"}\n',
    )
    services = {s["name"]: s for s in value(config, "JupyterHub", "services", [])}
    assert set(services) == {"grader", PULSE, "idle-culler"}
    pulse = services[PULSE]
    assert pulse["api_token"] == "0123abcd"
    assert pulse["url"] == "http://127.0.0.1:8765"
    assert pulse["oauth_no_confirm"] is True
    assert pulse["oauth_client_allowed_scopes"] == [INSTRUCT]
    roles = {r["name"]: r for r in value(config, "JupyterHub", "load_roles", [])}
    assert set(roles) == {"graders", f"{PULSE}-instructors", "idle-culler"}
    assert roles[f"{PULSE}-instructors"] == {
        "name": f"{PULSE}-instructors",
        "scopes": [INSTRUCT],
        "groups": [INSTRUCTORS],
    }
    assert value(config, "JupyterHub", "load_groups", {}) == {
        "staff": {"users": ["ann"]},
        INSTRUCTORS: {"users": []},
    }
    assert INSTRUCT in value(config, "JupyterHub", "custom_scopes", {})
    access = f"access:services!service={PULSE}"
    assert value(config, "JupyterHub", "extra_user_scopes", set()) == {access}
    assert config.Spawner.server_token_scopes == [
        "users:activity!user",
        "access:servers!server",
        access,
    ]
    assert value(config, "Spawner", "environment", {}) == {
        "TZ": "UTC",
        "RECALL_PULSE": "http://127.0.0.1:8765",
        "RECALL_PULSE_SERVICE": PULSE,
    }


def test_its_settings_come_from_the_environment(
    tmp_path: Path, token_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECALL_PULSE_SERVICE", "pulse-b")
    monkeypatch.setenv("RECALL_PULSE_URL", "http://10.0.0.5:9000")
    monkeypatch.setenv("RECALL_INSTRUCTORS_GROUP", "teachers")
    monkeypatch.setenv("RECALL_IDLE_MINUTES", "20")
    config = load(tmp_path, "")
    services = {s["name"]: s for s in value(config, "JupyterHub", "services", [])}
    assert services["pulse-b"]["url"] == "http://10.0.0.5:9000"
    assert "--timeout=1200" in services["idle-culler"]["command"]
    assert value(config, "JupyterHub", "load_groups", {}) == {"teachers": {"users": []}}


def test_a_missing_token_file_is_named_with_the_command_that_makes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nowhere" / "api_token"
    monkeypatch.setenv("RECALL_PULSE_TOKEN_FILE", str(missing))
    with pytest.raises(FileNotFoundError) as raised:
        load(tmp_path, "")
    assert str(missing) in str(raised.value)
    assert f"openssl rand -hex 32 > {missing}" in str(raised.value)


def test_no_culler_of_its_own_when_the_hub_has_one(
    tmp_path: Path, token_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECALL_IDLE_MINUTES", "0")
    config = load(tmp_path, "")
    services = {s["name"] for s in value(config, "JupyterHub", "services", [])}
    roles = {r["name"] for r in value(config, "JupyterHub", "load_roles", [])}
    assert services == {PULSE}
    assert roles == {f"{PULSE}-instructors"}


def test_the_guide_shows_the_fragment_as_the_tests_load_it() -> None:
    guide = (FRAGMENT.parent / "jupyterhub.md").read_text(encoding="utf-8")
    fragment = FRAGMENT.read_text(encoding="utf-8")
    assert f"```python\n{fragment}```\n" in guide


def test_the_fragment_runs_as_zero_to_jupyterhubs_extra_config(
    tmp_path: Path, token_file: Path
) -> None:
    """Z2JH execs each hub.extraConfig snippet in its jupyterhub_config.py, where get_config is
    its own function for Helm values, not the config loader's."""
    snippet = FRAGMENT.read_text(encoding="utf-8")
    config = load_main(
        tmp_path,
        "def get_config(key, default=None):\n    return default\n"
        f"for key, config_py in sorted({{'recallWidgets': {snippet!r}}}.items()):\n"
        "    exec(config_py)\n",
    )
    services = {s["name"] for s in value(config, "JupyterHub", "services", [])}
    assert services == {PULSE, "idle-culler"}


def test_the_tljh_recipe_turns_the_fragments_culler_off(tmp_path: Path, token_file: Path) -> None:
    """The guide's sed line, applied to a copy, leaves TLJH's own culler alone."""
    import subprocess

    guide = (FRAGMENT.parent / "jupyterhub.md").read_text(encoding="utf-8")
    pattern = next(
        line.split("'")[1] for line in guide.splitlines() if line.startswith("sudo sed -i")
    )
    copy = tmp_path / "recall_widgets_hub.py"
    copy.write_text(FRAGMENT.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run(["sed", "-i", pattern, str(copy)], check=True)
    config = load_main(tmp_path, f"load_subconfig({str(copy)!r})\n")
    assert {s["name"] for s in value(config, "JupyterHub", "services", [])} == {PULSE}
