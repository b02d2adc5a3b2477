"""The `peacetalks` command: bad input gets one clear line and a non-zero exit; nothing is lost."""

from __future__ import annotations

import json

import nbformat
import pytest

from peacetalks.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_folder_without_nbgrader_config_is_refused(tmp_path, capsys):
    code, output = run(capsys, "--course", str(tmp_path), "release")
    assert code == 1
    assert "has no nbgrader_config.py" in output


def test_an_unknown_assignment_is_named_with_the_known_ones(course_copy, capsys):
    code, output = run(capsys, "--course", str(course_copy.root), "release", "99-nothing")
    assert code == 1
    assert "no assignment '99-nothing'" in output and "01-mapping-the-argument" in output


def test_autograde_before_release_says_what_to_do(course_copy, capsys):
    code, output = run(capsys, "--course", str(course_copy.root), "autograde", "01-mapping-the-argument")
    assert code == 1
    assert "peacetalks release 01-mapping-the-argument" in output


def test_an_unknown_export_format_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--format", "excel"])


@pytest.mark.slow
def test_release_refuses_a_leaking_assignment(course_copy, capsys):
    """A test cell that prints a solution line into the student version must stop the release."""
    path = course_copy.source_dir / "01-mapping-the-argument" / "01-mapping-the-argument.ipynb"
    notebook = nbformat.read(path, as_version=4)
    intro = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "part-b")
    intro.source += '\n\nFor example: chamberlain_phrase = "peace for our time"'
    nbformat.write(notebook, path)
    code, output = run(capsys, "--course", str(course_copy.root), "release")
    assert code == 1
    assert "refusing to release 01-mapping-the-argument" in output and "peace for our time" in output
    assert not (course_copy.release_dir / "01-mapping-the-argument").exists()


@pytest.mark.slow
def test_release_writes_the_student_version_and_a_zip(course_copy, capsys):
    code, output = run(capsys, "--course", str(course_copy.root), "release")
    assert code == 0, output
    released = course_copy.release_dir / "01-mapping-the-argument"
    assert (released / "01-mapping-the-argument.ipynb").is_file()
    assert (course_copy.release_dir / "01-mapping-the-argument.zip").is_file()
    assert not (released / "simulated_answers.json").exists()
    text = (released / "01-mapping-the-argument.ipynb").read_text()
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text


@pytest.mark.slow
def test_a_submission_that_is_not_a_notebook_scores_zero_and_the_rest_are_graded(course_copy, capsys):
    assert run(capsys, "--course", str(course_copy.root), "release")[0] == 0
    released = course_copy.release_dir / "01-mapping-the-argument" / "01-mapping-the-argument.ipynb"
    good = course_copy.submitted_dir / "alice" / "01-mapping-the-argument"
    bad = course_copy.submitted_dir / "bob" / "01-mapping-the-argument"
    good.mkdir(parents=True)
    bad.mkdir(parents=True)
    good.joinpath(released.name).write_text(released.read_text())
    bad.joinpath(released.name).write_text("this is my essay, not a notebook")
    code, output = run(capsys, "--course", str(course_copy.root), "autograde", "01-mapping-the-argument",
                       "--jobs", "1")
    assert code == 0, output
    assert "bob" in output and "not valid JSON" in output
    report = json.loads((course_copy.root / "reports" / "autograde-01-mapping-the-argument.json").read_text())
    scores = {r["student"]: (r["graded"], r["score"]) for r in report}
    assert scores == {"alice": (True, 0.0), "bob": (False, 0.0)}
    assert list((course_copy.root / "backups").glob("gradebook-*.db"))
