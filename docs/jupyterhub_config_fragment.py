# recall-widgets on JupyterHub: the part of jupyterhub_config.py a workshop's hub needs.
#
# docs/jupyterhub.md explains each line. Use it as it is: append it to your jupyterhub_config.py,
# or save it beside it and add `load_subconfig("recall_widgets_hub.py")` there, or (The Littlest
# JupyterHub) copy it to /opt/tljh/config/jupyterhub_config.d/recall_widgets_hub.py. The tests
# (tests/hub/) start a real local hub with this very file. It only adds to the lists and sets
# your config already has (services, roles, groups, scopes), so it can come after your settings.
#
# Settings you may change: the environment variables read below (or edit the defaults here).
import os
import sys

# `c`, JupyterHub's config, is already there in a jupyterhub_config.py, in a file it loads with
# load_subconfig, and in Zero to JupyterHub's hub.extraConfig (where get_config is another
# function: do not call it here).
c = globals()["c"]

#: The pulse's name on the hub: its pages are at /services/recall-pulse/.
PULSE = os.environ.get("RECALL_PULSE_SERVICE", "recall-pulse")
#: Where the pulse listens (the hub's proxy forwards /services/recall-pulse/ there).
PULSE_URL = os.environ.get("RECALL_PULSE_URL", "http://127.0.0.1:8765")
#: A file holding the pulse's API token (`openssl rand -hex 32 > FILE`, readable by the hub and
#: the pulse only): the pulse signs its requests to the hub with it.
PULSE_TOKEN_FILE = os.environ.get("RECALL_PULSE_TOKEN_FILE", "/srv/recall-pulse/api_token")
#: The hub group whose members see the pulse's instructor page (hub admins see it too).
INSTRUCTORS = os.environ.get("RECALL_INSTRUCTORS_GROUP", "instructors")
#: Minutes of inactivity after which a learner's server is stopped (its files stay); 0: no
#: culler here (The Littlest JupyterHub and Zero to JupyterHub run their own, see the guide).
IDLE_MINUTES = int(os.environ.get("RECALL_IDLE_MINUTES", "60"))

#: The scope that lets a token reach the pulse.
PULSE_ACCESS = f"access:services!service={PULSE}"
#: The scope the pulse reads to know an instructor (granted to the group by a role below).
INSTRUCT = f"custom:{PULSE}:instruct"

# -- The pulse, a service of the hub ------------------------------------------------------------
if not os.path.isfile(PULSE_TOKEN_FILE):
    raise FileNotFoundError(
        f"the pulse's API token file {PULSE_TOKEN_FILE} does not exist: create it with "
        f"`openssl rand -hex 32 > {PULSE_TOKEN_FILE}` (or set RECALL_PULSE_TOKEN_FILE)"
    )
with open(PULSE_TOKEN_FILE, encoding="utf-8") as token_file:
    pulse_token = token_file.read().strip()
c.JupyterHub.services.append(
    {
        "name": PULSE,
        "url": PULSE_URL,
        "api_token": pulse_token,
        # Instructors signing in to the pulse's page meet no consent page.
        "oauth_no_confirm": True,
        # What the pulse may learn of a signed-in user: who they are and whether they instruct.
        "oauth_client_allowed_scopes": [INSTRUCT],
    }
)
c.JupyterHub.custom_scopes.update(
    {INSTRUCT: {"description": "See the room's answers on the recall-widgets pulse."}}
)
c.JupyterHub.load_groups.update({INSTRUCTORS: {"users": []}})
c.JupyterHub.load_roles.append(
    {"name": f"{PULSE}-instructors", "scopes": [INSTRUCT], "groups": [INSTRUCTORS]}
)

# -- Learners' servers may post to the pulse ---------------------------------------------------
# A single-user server's token (JUPYTERHUB_API_TOKEN in its kernels) reaches no service by
# default: add the pulse to its scopes, keeping JupyterHub's two defaults.
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", PULSE_ACCESS]
# A token only keeps the scopes its user holds (the hub drops the others, saying so only at debug
# level, and every post then gets 403): every user must hold the pulse's access scope too.
c.JupyterHub.extra_user_scopes.add(PULSE_ACCESS)
# Where the learners' kernels send their events (RECALL_PULSE, as on a standalone pulse), each
# post signed with the learner's server token, JUPYTERHUB_API_TOKEN: the pulse checks it with
# the hub, so a learner posts only as the hub user the token proves.
c.Spawner.environment.update({"RECALL_PULSE": PULSE_URL, "RECALL_PULSE_SERVICE": PULSE})
c.Spawner.default_url = "/lab"

# -- Idle servers are stopped ------------------------------------------------------------------
# An open notebook's kernel is never shut down when its tab closes: without culling, every
# learner who came keeps ~220 MiB until the hub stops.
if IDLE_MINUTES > 0:
    c.JupyterHub.services.append(
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={IDLE_MINUTES * 60}",
                "--cull-every=300",
            ],
        }
    )
    c.JupyterHub.load_roles.append(
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }
    )
