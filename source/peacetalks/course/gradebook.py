"""Reading and writing scores through nbgrader's own Gradebook API."""

from __future__ import annotations

from contextlib import contextmanager

from .coursedir import Course, CourseError, ensure_scripts_on_path, silence_known_warnings


@contextmanager
def open_gradebook(course: Course):
    from nbgrader.api import Gradebook

    ensure_scripts_on_path()
    silence_known_warnings()
    with Gradebook(course.gradebook_url, course.course_id) as gradebook:
        yield gradebook


def require_assignment_in_gradebook(course: Course, assignment_id: str) -> float:
    """The assignment's maximum score; a CourseError if it was never generated."""
    from nbgrader.api import MissingEntry

    with open_gradebook(course) as gradebook:
        try:
            return float(gradebook.find_assignment(assignment_id).max_score)
        except MissingEntry:
            raise CourseError(f"assignment {assignment_id!r} is not in the gradebook yet: run "
                              f"`peacetalks release {assignment_id}` first") from None


def submission_score(course: Course, assignment_id: str, student: str) -> tuple[float, float] | None:
    """(score, max score) of a submission, or None if the gradebook has none."""
    from nbgrader.api import MissingEntry

    with open_gradebook(course) as gradebook:
        try:
            submission = gradebook.find_submission(assignment_id, student)
        except MissingEntry:
            return None
        return float(submission.score), float(submission.max_score)


def zero_submission(course: Course, assignment_id: str, student: str) -> None:
    """Record a score of 0 on every graded cell of a submission that could not be graded.

    The student row and submission exist afterwards, so the export shows a 0 (not a gap) and
    the teacher can still override any cell in formgrader.
    """
    with open_gradebook(course) as gradebook:
        gradebook.update_or_create_student(student)
        submission = gradebook.update_or_create_submission(assignment_id, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.auto_score is None and grade.manual_score is None:
                    grade.auto_score = 0.0
                grade.needs_manual_grade = False
        gradebook.db.commit()


def graded_students(course: Course, assignment_id: str) -> list[str]:
    """Students with a submission of the assignment in the gradebook."""
    from nbgrader.api import MissingEntry

    with open_gradebook(course) as gradebook:
        try:
            assignment = gradebook.find_assignment(assignment_id)
        except MissingEntry:
            return []
        return sorted(s.student.id for s in assignment.submissions)
