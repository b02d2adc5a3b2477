"""The authors' gate: every assignment grades as it should and every lesson runs."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .autograde import autograde
from .coursedir import Course, CourseError
from .demo import copy_course
from .gradebook import open_gradebook
from .release import LeakError, generate

LESSON_CELL_TIMEOUT = 60
EXECUTED_LIMIT = 2_000_000


@dataclass
class Finding:
    subject: str
    ok: bool
    detail: str


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    def add(self, subject: str, ok: bool, detail: str) -> None:
        self.findings.append(Finding(subject, ok, detail))


def autograded_points(course: Course, assignment_id: str, student: str) -> tuple[float, float]:
    """(points scored, points possible) on the autograded cells of one submission."""
    with open_gradebook(course) as gradebook:
        submission = gradebook.find_submission(assignment_id, student)
        scored = possible = 0.0
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.cell.cell_type == "code":
                    scored += grade.auto_score or 0.0
                    possible += grade.max_score
        return scored, possible


def check_assignment(course: Course, assignment_id: str, report: CheckReport) -> None:
    """Instructor version scores full marks, blank student version scores 0, nothing leaks."""
    with tempfile.TemporaryDirectory(prefix="peacetalks-check-") as scratch:
        copy = copy_course(course, Path(scratch) / "course")
        try:
            generate(copy, assignment_id)
        except LeakError as error:
            report.add(assignment_id, False, str(error))
            return
        report.add(assignment_id, True, "student version generated; no solution or hidden test leaks")
        for student, folder in (("instructor", copy.source_dir), ("blank", copy.release_dir)):
            target = copy.submitted_dir / student / assignment_id
            shutil.copytree(folder / assignment_id, target)
        results = {r.student: r for r in autograde(copy, assignment_id)}
        for student, expect_full in (("instructor", True), ("blank", False)):
            if not results[student].graded:
                report.add(assignment_id, False, f"{student} version could not be graded: "
                           f"{results[student].reason}")
                continue
            scored, possible = autograded_points(copy, assignment_id, student)
            wanted = possible if expect_full else 0.0
            report.add(assignment_id, scored == wanted,
                       f"{student} version scores {scored:g}/{possible:g} on autograded cells "
                       f"(expected {wanted:g})")


def execute_lesson(path: Path):
    """The lesson executed headless, as a notebook node (raises CellExecutionError on a failing cell)."""
    notebook = nbformat.read(path, as_version=4)
    # Widget state is not stored, as JupyterLab does by default: plotly's FigureWidget would store its
    # whole JavaScript bundle with it. Each widget's static figure and table stand in for it outside a kernel.
    client = NotebookClient(notebook, timeout=LESSON_CELL_TIMEOUT, kernel_name="python3", store_widget_state=False,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def check_lesson(path: Path, report: CheckReport) -> int:
    """Execute a lesson; report whether it ran, how long it took and its size once executed."""
    started = time.perf_counter()
    try:
        notebook = execute_lesson(path)
    except CellExecutionError as error:
        first = str(error).strip().splitlines()
        report.add(path.name, False, f"a cell failed: {first[-1] if first else error}")
        return 0
    size = len(nbformat.writes(notebook).encode())
    report.add(path.name, size < EXECUTED_LIMIT, f"executes without error in {time.perf_counter() - started:.1f} s, "
               f"{size / 1e6:.2f} MB once executed (limit {EXECUTED_LIMIT / 1e6:.0f} MB)")
    return size


def run_check(course: Course, assignments: list[str] | None = None, lessons: bool = True) -> CheckReport:
    report = CheckReport()
    ids = assignments or course.assignments()
    if not ids:
        raise CourseError(f"no assignments found in {course.source_dir}")
    for assignment_id in ids:
        course.require_assignment(assignment_id)
        check_assignment(course, assignment_id, report)
    if lessons:
        for path in course.lessons():
            check_lesson(path, report)
    return report
