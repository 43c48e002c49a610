"""The pulse as a JupyterHub service: who is who comes from the hub (``HubOAuth``).

On a hub nobody gets a pulse token: the hub already knows its users, their groups and its
admins.

- A **learner's kernel** posts its events with its server's token, ``JUPYTERHUB_API_TOKEN``
  (``Authorization: token …``); the pulse asks the hub whose token it is and stores the events
  as that hub user's, whatever the request says. The token must hold the pulse's access scope,
  ``access:services!service=<name>`` (the deployment fragment adds it to
  ``c.Spawner.server_token_scopes`` and to every user's scopes).
- The **instructor** opens ``/services/<name>/`` in the browser they are signed in to the hub
  with: the pulse sends them through the hub's OAuth (no consent page with ``oauth_no_confirm``)
  and keeps the token in a cookie. An instructor is a hub admin, a member of the instructors
  group (``--instructors-group``, default ``instructors``), or a user whose token carries the
  scope ``custom:<name>:instruct`` (listed in the service's ``oauth_client_allowed_scopes``).
  Anyone else signed in to the hub gets 403 on the page and the data.

:func:`hub_settings` reads what the hub gives a service it runs (``JUPYTERHUB_API_TOKEN``,
``JUPYTERHUB_SERVICE_NAME``, ``JUPYTERHUB_SERVICE_PREFIX``, ``JUPYTERHUB_SERVICE_URL``,
``JUPYTERHUB_API_URL``, ``JUPYTERHUB_CLIENT_ID``, ``JUPYTERHUB_OAUTH_CALLBACK_URL``); an
external service (started by you, ``--hub``) reads its token from ``RECALL_PULSE_TOKEN_FILE``
(the file the fragment gives the hub), the hub's API from ``JUPYTERHUB_API_URL`` (default
``http://127.0.0.1:8081/hub/api``), and derives the rest from the service name.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = ["DEFAULT_GROUP", "HubGate", "HubSettings", "hub_settings", "on_a_hub"]

DEFAULT_GROUP = "instructors"
DEFAULT_SERVICE = "recall-pulse"
TOKEN_FILE_VARIABLE = "RECALL_PULSE_TOKEN_FILE"
"""The file with the service's API token, as the deployment fragment reads it."""


def on_a_hub(env: Mapping[str, str] | None = None) -> bool:
    """Whether this process was started by a hub as its service (the hub's variables are set;
    a learner's server has a hub token and a prefix too, but no service name)."""
    env = os.environ if env is None else env
    return bool(
        env.get("JUPYTERHUB_API_TOKEN")
        and env.get("JUPYTERHUB_SERVICE_NAME")
        and env.get("JUPYTERHUB_SERVICE_PREFIX")
    )


@dataclass(frozen=True)
class HubSettings:
    """What the pulse needs to know of the hub it serves."""

    service: str
    """The service's name on the hub (``recall-pulse``)."""
    prefix: str
    """Where the hub's proxy serves it, ``/services/<name>/`` (ends with ``/``)."""
    api_token: str
    """The service's own API token."""
    api_url: str
    """The hub's REST API, ``http://127.0.0.1:8081/hub/api``."""
    client_id: str
    """The service's OAuth client id (``service-<name>``)."""
    callback_url: str
    """Where the hub's OAuth sends the browser back (``<prefix>oauth_callback``)."""
    instructors_group: str = DEFAULT_GROUP
    """The hub group whose members are instructors."""
    listen_url: str = ""
    """Where the hub expects the service to listen (``JUPYTERHUB_SERVICE_URL``), if it said."""

    @property
    def access_scope(self) -> str:
        """The scope a token needs to reach the pulse at all."""
        return f"access:services!service={self.service}"

    @property
    def instruct_scope(self) -> str:
        """The custom scope that makes its holder an instructor."""
        return f"custom:{self.service}:instruct"


def hub_settings(
    env: Mapping[str, str] | None = None,
    *,
    service: str | None = None,
    instructors_group: str | None = None,
) -> HubSettings:
    """The hub settings from the environment a hub gives its services.

    Raises
    ------
    ValueError
        No API token (``JUPYTERHUB_API_TOKEN``): the pulse cannot ask the hub who is who.
    """
    env = os.environ if env is None else env
    token = env.get("JUPYTERHUB_API_TOKEN", "").strip()
    token_file = env.get(TOKEN_FILE_VARIABLE, "").strip()
    if not token and token_file:
        try:
            with open(token_file, encoding="utf-8") as kept:
                token = kept.read().strip()
        except OSError as error:
            raise ValueError(
                f"{token_file} ({TOKEN_FILE_VARIABLE}): cannot read the pulse's API token: "
                f"{error.strerror}"
            ) from None
    if not token:
        raise ValueError(
            "on a hub the pulse needs the service's API token: the hub sets "
            "JUPYTERHUB_API_TOKEN for a service it runs; for an external one set "
            f"{TOKEN_FILE_VARIABLE} to the file the hub's fragment reads it from"
        )
    name = service or env.get("JUPYTERHUB_SERVICE_NAME") or DEFAULT_SERVICE
    prefix = env.get("JUPYTERHUB_SERVICE_PREFIX") or f"/services/{name}/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    return HubSettings(
        service=name,
        prefix=prefix,
        api_token=token,
        api_url=env.get("JUPYTERHUB_API_URL") or "http://127.0.0.1:8081/hub/api",
        client_id=env.get("JUPYTERHUB_CLIENT_ID") or f"service-{name}",
        callback_url=env.get("JUPYTERHUB_OAUTH_CALLBACK_URL") or f"{prefix}oauth_callback",
        instructors_group=instructors_group or DEFAULT_GROUP,
        listen_url=env.get("JUPYTERHUB_SERVICE_URL", ""),
    )


def listen_address(settings: HubSettings) -> tuple[str | None, int | None]:
    """The host and port the hub expects the service at (None where it did not say)."""
    if not settings.listen_url:
        return None, None
    parts = urlsplit(settings.listen_url)
    return parts.hostname, parts.port


class HubGate:
    """Asks the hub who a request is (``HubOAuth``), and whether they may post or instruct.

    Parameters
    ----------
    settings:
        The hub's settings (:func:`hub_settings`).
    """

    def __init__(self, settings: HubSettings) -> None:
        from jupyterhub.services.auth import HubOAuth

        self.settings = settings
        self.auth = HubOAuth(
            api_token=settings.api_token,
            api_url=settings.api_url,
            base_url=settings.prefix,
            oauth_client_id=settings.client_id,
            oauth_redirect_uri=settings.callback_url,
            access_scopes={settings.access_scope},
            cache_max_age=60,
        )

    async def user(self, handler: Any) -> dict[str, Any] | None:
        """The hub user a request proves (its token, else the OAuth cookie), if they hold the
        pulse's access scope; None otherwise."""
        from jupyterhub.services.auth import check_scopes

        model: dict[str, Any] | None = await self.auth.get_user(handler, sync=False)
        if not model or model.get("kind", "user") != "user":
            return None
        if not check_scopes(self.auth.access_scopes, set(model.get("scopes", []))):
            return None
        return model

    def is_instructor(self, model: Mapping[str, Any]) -> bool:
        """A hub admin, a member of the instructors group, or a holder of the instruct scope."""
        return (
            bool(model.get("admin"))
            or self.settings.instructors_group in (model.get("groups") or [])
            or self.settings.instruct_scope in (model.get("scopes") or [])
        )

    def login_url(self, handler: Any) -> str:
        """Where to send a browser not yet signed in: the hub's OAuth, back to this page."""
        from tornado.httputil import url_concat

        params: dict[str, str] = {}
        verifier = None
        if getattr(self.auth, "pkce_enabled", False):
            verifier, challenge, method = self.auth.generate_pkce_code_challenge()
            params.update(code_challenge=challenge, code_challenge_method=method)
        if verifier is None:
            state = self.auth.set_state_cookie(handler, next_url=handler.request.uri)
        else:
            state = self.auth.set_state_cookie(
                handler, next_url=handler.request.uri, code_verifier=verifier
            )
        params["state"] = state
        return str(url_concat(self.auth.login_url, params))

    def callback_handler(self) -> tuple[str, type, dict[str, Any]]:
        """The OAuth callback route for the pulse's application."""
        from jupyterhub.services.auth import HubOAuthCallbackHandler

        class Callback(HubOAuthCallbackHandler):  # type: ignore[misc]
            def initialize(self, hub_auth: Any) -> None:
                self.hub_auth = hub_auth

        return (rf"{self.settings.prefix}oauth_callback", Callback, {"hub_auth": self.auth})
