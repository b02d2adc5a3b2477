"""A real round trip on JupyterHub: Unix users, PAM log-in, nbgrader's exchange, sandboxed grading, feedback.

Needs root (to create users and let the hub spawn servers as them), the system Python and npm; .ci/run has them.
The hub serves the students: they log in, get a server, list, fetch and submit the assignment and fetch their
feedback through it. The instructor releases, collects and grades on the command line as their own user.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
import requests

from peacetalks.course.simulate import simulated_notebook

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "01-mapping-the-argument"
INSTRUCTOR, STUDENTS, GROUP = "ptk-instructor", ["ptk-student1", "ptk-student2", "ptk-student3"], "ptk-students"
PASSWORD = "peace-talks-2022"
TOKEN = "peacetalks-roundtrip-" + os.urandom(8).hex()

pytestmark = [pytest.mark.slow, pytest.mark.hub,
              pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("npm") or not Path("/usr/bin/python3").exists(),
                                 reason="needs root, npm and the system Python (as in CI)")]


def sh(*command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def as_user(user: str, *command, env: dict, cwd: Path):
    """Run a command as a Unix user with the hub's environment (as the user's own terminal would have it)."""
    settings = [f"{key}={value}" for key, value in env.items()]
    return subprocess.run(["runuser", "-u", user, "--", "env", f"HOME=/home/{user}", *settings, *command],
                          cwd=cwd, capture_output=True, text=True, timeout=600)


def make_user(name: str, groups: list[str]) -> None:
    if subprocess.run(["id", name], capture_output=True).returncode != 0:
        sh("useradd", "--create-home", "--shell", "/bin/bash", *(["--groups", ",".join(groups)] if groups else []),
           name)
    sh("chpasswd", input=f"{name}:{PASSWORD}\n")
    shutil.rmtree(f"/home/{name}/{ASSIGNMENT}", ignore_errors=True)  # a clean start if the user is left over
    os.chmod(f"/home/{name}", 0o700)  # nobody reads another's home, the instructor's course included


@pytest.fixture(scope="module")
def hub():
    base = Path(tempfile.mkdtemp(prefix="peacetalks-hub-"))
    os.chmod(base, 0o755)
    prefix, exchange, state = base / "prefix", base / "exchange", base / "state"
    sh(str(REPO / "hub" / "install.sh"), str(prefix), str(exchange), timeout=900)
    sh("groupadd", "--force", GROUP)
    make_user(INSTRUCTOR, [])
    for student in STUDENTS:
        make_user(student, [GROUP])
    course = Path(f"/home/{INSTRUCTOR}/peacetalks")
    shutil.rmtree(course, ignore_errors=True)
    course.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course)
    shutil.copytree(REPO / "assignments" / ASSIGNMENT, course / "assignments" / ASSIGNMENT)
    sh("chown", "-R", f"{INSTRUCTOR}:{INSTRUCTOR}", str(course))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PEACETALKS_PREFIX": str(prefix), "PEACETALKS_STATE": str(state),
           "PEACETALKS_EXCHANGE": str(exchange), "PEACETALKS_INSTRUCTORS": INSTRUCTOR, "PEACETALKS_GROUP": GROUP,
           "PEACETALKS_HUB_PORT": str(port), "PEACETALKS_HUB_SERVICE_TOKEN": TOKEN}
    log = (base / "hub.log").open("w")
    process = subprocess.Popen([str(prefix / "venv" / "bin" / "jupyterhub"), "-f",
                                str(REPO / "hub" / "jupyterhub_config.py")], cwd=base, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if requests.get(f"{url}/hub/api", timeout=2).ok:
                break
        except requests.RequestException:
            pass
        time.sleep(0.5)
    else:
        process.terminate()
        pytest.fail("the hub did not start:\n" + (base / "hub.log").read_text()[-3000:])
    user_env = {"PATH": f"{prefix / 'venv' / 'bin'}:/usr/bin:/bin", "PEACETALKS_EXCHANGE": str(exchange),
                "JUPYTER_CONFIG_PATH": f"{prefix / 'jupyter-config/instructor'}:{prefix / 'jupyter-config/common'}"}
    yield {"url": url, "course": course, "exchange": exchange, "env": user_env, "base": base}
    admin = {"Authorization": f"token {TOKEN}"}
    for user in [INSTRUCTOR, *STUDENTS]:
        requests.delete(f"{url}/hub/api/users/{user}/server", headers=admin, timeout=30)
    process.terminate()
    process.wait(timeout=60)
    shutil.rmtree(base, ignore_errors=True)


def log_in(url: str, user: str) -> requests.Session:
    """The log-in form, as a browser fills it (PAM checks the Unix password)."""
    session = requests.Session()
    session.get(f"{url}/hub/login", timeout=30)
    answer = session.post(f"{url}/hub/login", data={"username": user, "password": PASSWORD,
                                                   "_xsrf": session.cookies.get("_xsrf", "")},
                          allow_redirects=False, timeout=30)
    assert answer.status_code == 302 and "/hub/login" not in answer.headers["Location"], answer.text[:500]
    return session


def start_server(url: str, user: str) -> dict:
    admin = {"Authorization": f"token {TOKEN}"}
    requests.post(f"{url}/hub/api/users/{user}/server", headers=admin, timeout=60)
    for _ in range(120):
        if requests.get(f"{url}/hub/api/users/{user}", headers=admin, timeout=30).json().get("servers", {}).get(
                "", {}).get("ready"):
            break
        time.sleep(0.5)
    token = requests.post(f"{url}/hub/api/users/{user}/tokens", headers=admin, json={"note": "round trip"},
                          timeout=30).json()["token"]
    return {"Authorization": f"token {token}"}


def test_release_fetch_submit_grade_feedback_round_trip(hub):
    url, course, env = hub["url"], hub["course"], hub["env"]
    # The instructor releases the assignment to the exchange.
    for command in (["peacetalks", "release", ASSIGNMENT], ["nbgrader", "release_assignment", ASSIGNMENT]):
        done = as_user(INSTRUCTOR, *command, env=env, cwd=course)
        assert done.returncode == 0, done.stdout + done.stderr

    source = nbformat.read(REPO / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for student in STUDENTS:
        log_in(url, student)
        auth = start_server(url, student)
        server = f"{url}/user/{student}"
        listed = requests.get(f"{server}/assignments", params={"course_id": "peacetalks"}, headers=auth, timeout=60)
        assert any(a["assignment_id"] == ASSIGNMENT and a["status"] == "released" for a in listed.json()["value"])
        fetched = requests.post(f"{server}/assignments/fetch", headers=auth, timeout=120,
                                data={"course_id": "peacetalks", "assignment_id": ASSIGNMENT})
        assert fetched.ok, fetched.text[:500]
        path = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
        model = requests.get(f"{server}/api/contents/{path}", headers=auth, timeout=60).json()
        released = nbformat.from_dict(model["content"])
        answered = simulated_notebook(source, released, "full", random.Random(0), {})
        content = json.loads(nbformat.writes(answered))
        saved = requests.put(f"{server}/api/contents/{path}", headers=auth, timeout=60,
                             json={"type": "notebook", "format": "json", "content": content})
        assert saved.ok, saved.text[:500]
        submitted = requests.post(f"{server}/assignments/submit", headers=auth, timeout=120,
                                  data={"course_id": "peacetalks", "assignment_id": ASSIGNMENT})
        assert submitted.ok and "error" not in submitted.text.lower()[:200], submitted.text[:500]

    # Nobody reads another student's submission or the instructor's source.
    inbound = hub["exchange"] / "peacetalks" / "inbound"
    assert as_user(STUDENTS[0], "ls", str(inbound), env=env, cwd=Path("/")).returncode != 0
    secret = course / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert as_user(STUDENTS[0], "cat", str(secret), env=env, cwd=Path("/")).returncode != 0

    # The instructor collects, grades in the sandbox, and returns feedback.
    for command in (["nbgrader", "collect", ASSIGNMENT], ["peacetalks", "autograde", ASSIGNMENT, "--jobs", "2"],
                    ["peacetalks", "feedback", ASSIGNMENT], ["nbgrader", "release_feedback", ASSIGNMENT],
                    ["peacetalks", "export"]):
        done = as_user(INSTRUCTOR, *command, env=env, cwd=course)
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    grades = (course / "grades.csv").read_text().splitlines()
    assert len(grades) == 1 + len(STUDENTS)
    assert all(line.split(",")[-2] == "8.0" for line in grades[1:]), grades

    # The instructor's own server has the formgrader on this course; a student's has none.
    auth = start_server(url, INSTRUCTOR)
    assignments = requests.get(f"{url}/user/{INSTRUCTOR}/formgrader/api/assignments", headers=auth, timeout=60)
    assert assignments.ok, assignments.text[:300]
    listed = {a["name"]: a for a in assignments.json()}
    assert listed[ASSIGNMENT]["num_submissions"] == len(STUDENTS)
    student_auth = start_server(url, STUDENTS[0])
    assert requests.get(f"{url}/user/{STUDENTS[0]}/formgrader/api/assignments", headers=student_auth,
                        timeout=60).status_code == 404

    for student in STUDENTS:
        auth = start_server(url, student)
        server = f"{url}/user/{student}"
        got = requests.post(f"{server}/assignments/fetch_feedback", headers=auth, timeout=120,
                            data={"course_id": "peacetalks", "assignment_id": ASSIGNMENT})
        assert got.ok, got.text[:500]
        feedback = requests.get(f"{server}/api/contents/{ASSIGNMENT}/feedback", headers=auth, timeout=60).json()
        pages = [item for folder in feedback["content"]
                 for item in requests.get(f"{server}/api/contents/{folder['path']}", headers=auth,
                                          timeout=60).json()["content"] if item["name"].endswith(".html")]
        assert pages, f"{student} got no feedback page"
