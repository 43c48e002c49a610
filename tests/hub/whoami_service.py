"""A stand-in for the pulse in the hub tests: a hub service that says whose token came in.

Run by the hub as the fragment's pulse service (``tests/hub/conftest.py`` gives it this
command): it authenticates every request with JupyterHub's own ``HubOAuth``, as the pulse will
on a hub — a token in the ``Authorization`` header (a learner's kernel), or a browser signed in
to the hub, through the hub's OAuth (the instructor's page) — so a request reaches it only with
a token holding ``access:services!service=<its name>``. It answers with the name the token
proves and the token's scopes, whatever the request claims.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import urlsplit

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from tornado import ioloop, web


class WhoAmI(HubOAuthenticated, web.RequestHandler):  # type: ignore[misc]
    """``GET`` and ``POST``: the token's user (``name``, ``admin``, ``groups``) and its scopes."""

    def _answer(self) -> None:
        user: dict[str, Any] = self.get_current_user()
        self.set_header("Content-Type", "application/json")
        self.write(
            json.dumps(
                {
                    "name": user["name"],
                    "admin": bool(user.get("admin")),
                    "groups": sorted(user.get("groups", [])),
                    "scopes": sorted(user.get("scopes", [])),
                }
            )
        )

    @web.authenticated
    def get(self) -> None:
        self._answer()

    @web.authenticated
    def post(self) -> None:
        self._answer()

    def check_xsrf_cookie(self) -> None:
        """Token-authenticated posts carry no cookie: nothing to check."""


def main() -> None:
    prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    url = urlsplit(os.environ["JUPYTERHUB_SERVICE_URL"])
    # Reached directly (RECALL_PULSE, the learners' kernels) or through the hub's proxy, which
    # forwards /services/NAME/... as it is: every path answers.
    assert prefix.startswith("/services/")
    app = web.Application(
        [(rf"{prefix}oauth_callback", HubOAuthCallbackHandler), (r"/.*", WhoAmI)],
        cookie_secret=os.urandom(32),
    )
    app.listen(url.port or 80, url.hostname or "127.0.0.1")
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
