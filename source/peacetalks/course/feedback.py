"""Generate feedback HTML for every graded student with nbgrader's generate_feedback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .coursedir import Course, CourseError, last_error_line, quiet_nbgrader
from .gradebook import graded_students, require_assignment_in_gradebook


@dataclass
class Feedback:
    student: str
    files: list[Path]
    reason: str = ""


def feedback(course: Course, assignment_id: str) -> list[Feedback]:
    """Feedback for each student with an autograded notebook; the others are listed with a reason."""
    course.require_assignment(assignment_id)
    require_assignment_in_gradebook(course, assignment_id)
    students = graded_students(course, assignment_id)
    if not students:
        raise CourseError(f"nobody has been graded on {assignment_id} yet: run `peacetalks autograde "
                          f"{assignment_id}` first")
    api = course.api()
    results = []
    for student in students:
        if not (course.autograded_dir / student / assignment_id).is_dir():
            results.append(Feedback(student, [], "no autograded notebook (the submission could not be run)"))
            continue
        with quiet_nbgrader():
            outcome = api.generate_feedback(assignment_id, student)
        folder = course.feedback_dir / student / assignment_id
        files = sorted(folder.glob("*.html"))
        reason = "" if outcome["success"] else last_error_line(outcome)
        results.append(Feedback(student, files, reason))
    return results
