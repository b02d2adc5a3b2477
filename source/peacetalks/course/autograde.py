"""Autograde an assignment for every submitted student, and never leave a submission without a score."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import nbformat

from .backup import backup_course_gradebook
from .coursedir import Course, CourseError, last_error_line, quiet_nbgrader
from .gradebook import require_assignment_in_gradebook, submission_score, zero_submission
from .sandbox import require_sandbox
from .submission_checks import why_ungradable

PLAIN_REASONS = {
    "DeadKernelError": "the kernel died while running the notebook (os._exit, a crash, or a sandbox limit: "
                       "memory, CPU time or the whole-notebook time limit); nothing could be graded",
    "before replying to kernel_info": "the kernel could not start (the grader tried three times)",
}
START_RETRIES = 2
KERNEL_START_FAILURES = ("before replying to kernel_info", "Kernel didn't respond")


@dataclass
class GradeResult:
    """What happened to one student's submission."""

    student: str
    score: float
    max_score: float
    graded: bool  # nbgrader ran the notebook to the end
    reason: str = ""  # why it was not graded, or what went wrong inside it
    seconds: float = 0.0


def _problems_inside(autograded: Path) -> str:
    """Timeouts or a dead kernel recorded in an autograded notebook, as one line."""
    notes = []
    for path in sorted(autograded.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" and output.get("ename") == "CellTimeoutError":
                    name = cell.metadata.get("nbgrader", {}).get("grade_id", cell.get("id", "?"))
                    notes.append(f"{path.stem}: cell {name} ran past the time limit")
    return "; ".join(notes)


def plain_reason(line: str) -> str:
    """A teacher-readable reason for a known failure, or the error line itself."""
    return next((plain for key, plain in PLAIN_REASONS.items() if key in line), line)


def grade_one(course: Course, assignment_id: str, student: str, api=None) -> GradeResult:
    """Autograde one submission with nbgrader; a submission nbgrader cannot grade scores 0 with a reason."""
    started = time.perf_counter()
    folder = course.submitted_dir / student / assignment_id
    reason = why_ungradable(folder, course.notebooks(assignment_id))
    graded = False
    if reason is None:
        api = api or course.api()
        for _attempt in range(1 + START_RETRIES):
            with quiet_nbgrader():
                result = api.autograde(assignment_id, student)
            # A kernel that never started is the grader's trouble, not the student's: try again.
            if result["success"] or not any(s in last_error_line(result) for s in KERNEL_START_FAILURES):
                break
        if result["success"]:
            graded = True
            reason = _problems_inside(course.autograded_dir / student / assignment_id)
        else:
            reason = plain_reason(last_error_line(result))
    if not graded:
        zero_submission(course, assignment_id, student)
    score, max_score = submission_score(course, assignment_id, student) or (0.0, 0.0)
    return GradeResult(student, score, max_score, graded, reason, time.perf_counter() - started)


def autograde(course: Course, assignment_id: str, students: list[str] | None = None, jobs: int = 1,
              on_result: Callable[[GradeResult], None] | None = None, sandbox: bool = True) -> list[GradeResult]:
    """Autograde ``students`` (default: every submission) of an assignment.

    Student code runs in the sandbox (see sandbox.py) unless ``sandbox`` is False; if the sandbox cannot
    start here, this refuses rather than run untrusted code unprotected. The gradebook is backed up first.
    Results arrive through ``on_result`` as they finish and are also written to reports/autograde-ID.json.
    """
    if jobs > 1:
        from .parallel import start_fork_server

        start_fork_server()  # its imports run while the checks and the backup below run here
    if sandbox:
        require_sandbox()
    course = replace(course, sandbox=sandbox)
    course.require_assignment(assignment_id)
    require_assignment_in_gradebook(course, assignment_id)
    submitted = course.submitted_students(assignment_id)
    if students:
        unknown = sorted(set(students) - set(submitted))
        if unknown:
            raise CourseError(f"no submission of {assignment_id} from {', '.join(unknown)} in "
                              f"{course.submitted_dir}")
    else:
        students = submitted
    if not students:
        raise CourseError(f"no submissions of {assignment_id} in {course.submitted_dir}/*/{assignment_id}")
    backup_course_gradebook(course)
    results = []
    if jobs > 1 and len(students) > 1:
        from .parallel import grade_in_parallel

        graded = grade_in_parallel(course, assignment_id, students, jobs)
    else:
        api = course.api()
        graded = (grade_one(course, assignment_id, student, api) for student in students)
    for result in graded:
        results.append(result)
        if on_result:
            on_result(result)
    results.sort(key=lambda r: students.index(r.student))
    write_report(course, assignment_id, results)
    return results


def write_report(course: Course, assignment_id: str, results: list[GradeResult]) -> Path:
    folder = course.root / "reports"
    folder.mkdir(exist_ok=True)
    path = folder / f"autograde-{assignment_id}.json"
    path.write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    return path
