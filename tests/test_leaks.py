"""The leak check: solution, hidden-test and mark-scheme lines must never reach a student version."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from peacetalks.course.leaks import find_leaks, secret_lines


def notebook(*cells):
    return new_notebook(cells=list(cells))


INSTRUCTOR = notebook(
    new_code_cell("import pandas as pd\n### BEGIN SOLUTION\nimport pandas as pd\nanswer = compute_it(42)\n"
                  "### END SOLUTION"),
    new_code_cell("assert answer\n### BEGIN HIDDEN TESTS\nassert answer == 'the secret value'\n### END HIDDEN TESTS"),
    new_markdown_cell("YOUR ANSWER HERE\n### BEGIN MARK SCHEME\nFull marks for naming the Sudetenland.\n"
                      "### END MARK SCHEME"),
)


def test_secret_lines_skip_lines_that_students_see_anyway():
    found = {line for _, _, line in secret_lines(INSTRUCTOR)}
    assert found == {"answer = compute_it(42)", "assert answer == 'the secret value'",
                     "Full marks for naming the Sudetenland."}


def test_a_clean_student_version_has_no_leaks(tmp_path):
    student = notebook(new_code_cell("import pandas as pd\n# YOUR CODE HERE\nraise NotImplementedError()"),
                       new_code_cell("assert answer"), new_markdown_cell("YOUR ANSWER HERE"))
    nbformat.write(INSTRUCTOR, tmp_path / "a.ipynb")
    nbformat.write(student, tmp_path / "b.ipynb")
    assert find_leaks(tmp_path / "a.ipynb", tmp_path / "b.ipynb") == []


def test_each_kind_of_leak_is_found(tmp_path):
    student = notebook(new_code_cell("answer = compute_it(42)"),
                       new_code_cell("assert answer\nassert answer == 'the secret value'"),
                       new_markdown_cell("Hint: Full marks for naming the Sudetenland."))
    nbformat.write(INSTRUCTOR, tmp_path / "a.ipynb")
    nbformat.write(student, tmp_path / "b.ipynb")
    kinds = sorted(leak.kind for leak in find_leaks(tmp_path / "a.ipynb", tmp_path / "b.ipynb"))
    assert kinds == ["hidden test", "mark scheme", "solution"]
