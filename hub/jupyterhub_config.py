"""JupyterHub for the peacetalks unit: one instructor's course, students in a group, nbgrader's exchange.

Run as root (it spawns each user's server as that Unix user):  jupyterhub -f hub/jupyterhub_config.py
Settings come from the environment so one file serves a department and the tests:
  PEACETALKS_PREFIX     where hub/install.sh put the Python environment and the proxy (/opt/peacetalks)
  PEACETALKS_STATE      the hub's database and cookie secret (/var/lib/peacetalks-hub)
  PEACETALKS_EXCHANGE   nbgrader's exchange folder (/srv/nbgrader/exchange)
  PEACETALKS_INSTRUCTORS comma-separated instructor user names (instructor)
  PEACETALKS_GROUP      the Unix group of the students (peacetalks-students)
  PEACETALKS_HUB_IP / PEACETALKS_HUB_PORT   where the hub listens (127.0.0.1:8000)
"""

import os
from pathlib import Path

PREFIX = Path(os.environ.get("PEACETALKS_PREFIX", "/opt/peacetalks"))
STATE = Path(os.environ.get("PEACETALKS_STATE", "/var/lib/peacetalks-hub"))
EXCHANGE = os.environ.get("PEACETALKS_EXCHANGE", "/srv/nbgrader/exchange")
INSTRUCTORS = {name for name in os.environ.get("PEACETALKS_INSTRUCTORS", "instructor").split(",") if name}
GROUP = os.environ.get("PEACETALKS_GROUP", "peacetalks-students")
STATE.mkdir(parents=True, exist_ok=True)

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

c.JupyterHub.ip = os.environ.get("PEACETALKS_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("PEACETALKS_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [str(PREFIX / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

# Real Unix accounts, checked by PAM; only the instructors and the students' group may log in.
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = INSTRUCTORS
c.PAMAuthenticator.allowed_groups = {GROUP}
c.Authenticator.admin_users = INSTRUCTORS

# Each user's own server runs as that user, from the shared environment, in the user's home.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(PREFIX / "venv" / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 60


def role_environment(spawner):
    """Instructors get the formgrader; students get only the assignment list (nbgrader's JupyterHub advice)."""
    role = "instructor" if spawner.user.name in INSTRUCTORS else "student"
    config_path = os.pathsep.join(str(PREFIX / "jupyter-config" / part) for part in (role, "common"))
    spawner.environment.update({
        "JUPYTER_CONFIG_PATH": config_path,
        "PEACETALKS_EXCHANGE": EXCHANGE,
        "PATH": f"{PREFIX / 'venv' / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    })


c.Spawner.pre_spawn_hook = role_environment

# An API token for automation (the round-trip test, a course admin's scripts), only when one is given.
if os.environ.get("PEACETALKS_HUB_SERVICE_TOKEN"):
    c.JupyterHub.services = [{"name": "peacetalks-admin", "api_token": os.environ["PEACETALKS_HUB_SERVICE_TOKEN"]}]
    c.JupyterHub.load_roles = [{"name": "peacetalks-admin", "services": ["peacetalks-admin"],
                                "scopes": ["admin:users", "admin:servers", "tokens", "access:servers",
                                           "read:users"]}]
