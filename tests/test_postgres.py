"""The gradebook on a real PostgreSQL server (nbgrader's db_url): parallel grading, export and backup work."""

from __future__ import annotations

import csv
import glob
import os
import random
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest

from peacetalks.course.autograde import autograde
from peacetalks.course.export import export
from peacetalks.course.release import release
from peacetalks.course.simulate import profiles, simulated_notebook

pytestmark = pytest.mark.slow
PG_BIN = (sorted(glob.glob("/usr/lib/postgresql/*/bin")) or [None])[-1]
ASSIGNMENT = "01-mapping-the-argument"


def as_postgres(command: list[str], **kwargs):
    """Run a server command as the postgres user when we are root (the server refuses to run as root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def postgres():
    if PG_BIN is None:
        pytest.skip("PostgreSQL is not installed (.ci/run installs it)")
    pytest.importorskip("psycopg2")
    # Not under pytest's own temporary folder: that is private to root, and the server runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="peacetalks-postgres-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    as_postgres([f"{PG_BIN}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres"])
    as_postgres([f"{PG_BIN}/pg_ctl", "-D", str(data), "-w", "-l", str(folder / "server.log"), "-o",
                 f"-k {sockets} -p {port} -c listen_addresses=''", "start"])
    as_postgres([f"{PG_BIN}/createdb", "-h", str(sockets), "-p", str(port), "-U", "postgres", "gradebook"])
    yield f"postgresql+psycopg2://postgres@/gradebook?host={sockets}&port={port}"
    as_postgres([f"{PG_BIN}/pg_ctl", "-D", str(data), "-m", "fast", "stop"])
    shutil.rmtree(folder, ignore_errors=True)


def test_grading_into_postgresql_matches_sqlite(course, tmp_path, postgres, monkeypatch):
    from peacetalks.course.demo import copy_course

    monkeypatch.setenv("PATH", f"{PG_BIN}:{os.environ['PATH']}")  # pg_dump for the backup
    scores = {}
    for kind in ("sqlite", "postgresql"):
        copy = copy_course(course, tmp_path / kind)
        if kind == "postgresql":
            with (copy.root / "nbgrader_config.py").open("a") as config:
                config.write(f"\nc.CourseDirectory.db_url = {postgres!r}\n")
            assert copy.gradebook_path is None
        release(copy, [ASSIGNMENT])
        source = nbformat.read(copy.source_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        student = nbformat.read(copy.release_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        wrong = {"chamberlain_phrase": ["chamberlain_phrase = 'peace in our time'"]}
        for number, profile in enumerate(p for p in profiles(10, 4) if p not in ("infinite-loop", "broken-json")):
            folder = copy.submitted_dir / f"s{number}" / ASSIGNMENT
            folder.mkdir(parents=True)
            notebook = simulated_notebook(source, student, profile, random.Random(number), wrong)
            nbformat.write(notebook, folder / f"{ASSIGNMENT}.ipynb")
        results = autograde(copy, ASSIGNMENT, jobs=2)
        scores[kind] = {r.student: r.score for r in results}
        grades = export(copy, "nbgrader", copy.root / "grades.csv")
        assert {row["student_id"] for row in csv.DictReader(grades.open())} == set(scores[kind])
        if kind == "postgresql":
            dumps = list((copy.root / "backups").glob("gradebook-*.sql"))
            assert dumps and "CREATE TABLE" in dumps[0].read_text()
    assert scores["postgresql"] == scores["sqlite"]
    assert len(set(scores["sqlite"].values())) > 1
    assert Path(postgres.split("host=")[1].split("&")[0]).is_dir()
