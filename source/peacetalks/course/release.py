"""Generate the student version of assignments, refuse any that would leak, and zip it for an LMS."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .coursedir import Course, CourseError, last_error_line, quiet_nbgrader
from .leaks import Leak, find_leaks


class LeakError(CourseError):
    """A student version would contain solution, hidden-test or mark-scheme lines."""

    def __init__(self, assignment_id: str, leaks: list[Leak]):
        self.leaks = leaks
        shown = "\n  ".join(str(leak) for leak in leaks[:10])
        more = f"\n  ... and {len(leaks) - 10} more" if len(leaks) > 10 else ""
        super().__init__(f"refusing to release {assignment_id}: {len(leaks)} secret line(s) would reach "
                         f"students:\n  {shown}{more}")


@dataclass
class Release:
    assignment_id: str
    folder: Path
    archive: Path
    notebooks: list[str] = field(default_factory=list)


def generate(course: Course, assignment_id: str) -> Release:
    """Run nbgrader's generate_assignment, check for leaks, and write release/ID.zip."""
    course.require_assignment(assignment_id)
    api = course.api()
    with quiet_nbgrader():
        result = api.generate_assignment(assignment_id)
    if not result["success"]:
        raise CourseError(f"nbgrader could not generate {assignment_id}: {last_error_line(result)}")
    folder = course.release_dir / assignment_id
    leaks = []
    for name in course.notebooks(assignment_id):
        leaks += find_leaks(course.source_dir / assignment_id / f"{name}.ipynb", folder / f"{name}.ipynb")
    if leaks:
        shutil.rmtree(folder, ignore_errors=True)  # never leave a leaking student version behind
        raise LeakError(assignment_id, leaks)
    archive = Path(shutil.make_archive(str(course.release_dir / assignment_id), "zip",
                                       root_dir=course.release_dir, base_dir=assignment_id))
    return Release(assignment_id, folder, archive, course.notebooks(assignment_id))


def release(course: Course, assignment_ids: list[str] | None = None) -> list[Release]:
    """Release the given assignments (default: all of them), stopping at the first failure."""
    ids = assignment_ids or course.assignments()
    if not ids:
        raise CourseError(f"no assignments found in {course.source_dir}")
    for assignment_id in ids:
        course.require_assignment(assignment_id)
    return [generate(course, assignment_id) for assignment_id in ids]
