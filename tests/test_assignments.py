"""Every assignment's plausible wrong answers (simulated_answers.json) score between blank and full marks.

Each wrong answer goes into an otherwise correct submission, so it must lose points but never all of them;
and a correct submission writes nothing to stderr (nbgrader scores a test cell with stderr output as 0).
"""

from __future__ import annotations

import json
import random

import nbformat
import pytest

from peacetalks.course.autograde import autograde
from peacetalks.course.check import autograded_points
from peacetalks.course.release import release
from peacetalks.course.simulate import simulated_notebook

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded_wrong_answers(tmp_path_factory):
    from pathlib import Path

    from peacetalks.course import Course
    from peacetalks.course.demo import copy_course

    course = copy_course(Course.open(Path(__file__).resolve().parents[1]), tmp_path_factory.mktemp("wrong") / "c")
    cases = {}
    for assignment_id in course.assignments():
        release(course, [assignment_id])
        name = course.notebooks(assignment_id)[0]
        source = nbformat.read(course.source_dir / assignment_id / f"{name}.ipynb", as_version=4)
        student = nbformat.read(course.release_dir / assignment_id / f"{name}.ipynb", as_version=4)
        full = simulated_notebook(source, student, "full", random.Random(0), {})
        wrong = json.loads((course.source_dir / assignment_id / "simulated_answers.json").read_text())
        submissions = {"key": full}
        for grade_id, answers in wrong.items():
            for number, answer in enumerate(answers):
                notebook = nbformat.from_dict(json.loads(json.dumps(full)))
                cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
                cell.source = answer
                submissions[f"{grade_id}-{number}"] = notebook
        for student_id, notebook in submissions.items():
            folder = course.submitted_dir / student_id / assignment_id
            folder.mkdir(parents=True)
            nbformat.write(notebook, folder / f"{name}.ipynb")
        results = autograde(course, assignment_id, list(submissions), jobs=4)
        for result in results:
            scored, possible = autograded_points(course, assignment_id, result.student)
            cases[(assignment_id, result.student)] = (scored, possible, result)
    return course, cases


def test_every_assignment_has_wrong_answers_to_try(course):
    for assignment_id in course.assignments():
        wrong = json.loads((course.source_dir / assignment_id / "simulated_answers.json").read_text())
        assert sum(len(v) for v in wrong.values()) >= 3, assignment_id


def test_the_answer_key_scores_full_marks_without_stderr(graded_wrong_answers):
    course, cases = graded_wrong_answers
    for (assignment_id, student), (scored, possible, _) in cases.items():
        if student != "key":
            continue
        assert scored == possible, assignment_id
        name = course.notebooks(assignment_id)[0]
        notebook = nbformat.read(course.autograded_dir / "key" / assignment_id / f"{name}.ipynb", as_version=4)
        stderr = [o.text for c in notebook.cells for o in c.get("outputs", [])
                  if o.get("output_type") == "stream" and o.get("name") == "stderr"]
        assert stderr == [], f"{assignment_id}: a correct answer wrote to stderr: {stderr[:1]}"


def test_each_wrong_answer_scores_between_blank_and_full(graded_wrong_answers):
    _, cases = graded_wrong_answers
    problems = [f"{a} {s}: {scored:g}/{possible:g}" for (a, s), (scored, possible, _) in cases.items()
                if s != "key" and not 0 < scored < possible]
    assert not problems, problems
