"""The whole teacher pipeline, headless, on a simulated class in a copy of the course."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .autograde import GradeResult, autograde
from .coursedir import CONFIG_FILE, Course, CourseError
from .export import export
from .feedback import feedback
from .gradebook import open_gradebook
from .release import release
from .simulate import roster, simulate_class

MARKER = ".peacetalks-demo"
COPIED = [CONFIG_FILE, "assignments"]


@dataclass
class DemoResult:
    course: Course
    grades: Path
    canvas: Path
    results: dict[str, list[GradeResult]] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)
    feedback_files: int = 0


def copy_course(course: Course, out: Path) -> Course:
    """A fresh copy of the course's configuration and assignments in ``out``.

    ``out`` must not exist or must be an earlier demo (it is replaced); anything else is refused
    so a typo cannot wipe a real folder.
    """
    out = out.resolve()
    if out.exists():
        if not (out / MARKER).exists():
            raise CourseError(f"{out} exists and is not an earlier demo: choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPIED:
        source = course.root / name
        if source.is_dir():
            ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
            shutil.copytree(source, out / name, ignore=ignore)
        else:
            shutil.copy2(source, out / name)
    (out / MARKER).write_text("made by `peacetalks demo`; safe to delete\n", encoding="utf-8")
    return Course.open(out)


def run_demo(course: Course, out: Path, students: int = 24, seed: int = 2022, jobs: int = 1, sandbox: bool = True,
             on_step: Callable[[str], None] | None = None,
             on_result: Callable[[str, GradeResult], None] | None = None) -> DemoResult:
    if students < 1:
        raise CourseError("--students must be at least 1")
    say = on_step or (lambda message: None)
    demo = copy_course(course, out)
    say(f"copied the course to {demo.root}")
    assignment_ids = [r.assignment_id for r in release(demo)]
    say(f"released {', '.join(assignment_ids)}")
    profiles = simulate_class(demo, assignment_ids, students, seed)
    with open_gradebook(demo) as gradebook:
        for student in roster(students, seed):
            gradebook.update_or_create_student(student.id, first_name=student.first_name,
                                               last_name=student.last_name)
    say(f"simulated {students} students' submissions")
    result = DemoResult(demo, demo.root / "grades.csv", demo.root / "canvas.csv", profiles=profiles)
    for assignment_id in assignment_ids:
        say(f"autograding {assignment_id}")
        report = (lambda r, a=assignment_id: on_result(a, r)) if on_result else None
        result.results[assignment_id] = autograde(demo, assignment_id, jobs=jobs, on_result=report,
                                                   sandbox=sandbox)
        result.feedback_files += sum(len(f.files) for f in feedback(demo, assignment_id))
    export(demo, "nbgrader", result.grades)
    export(demo, "canvas", result.canvas)
    say(f"wrote {result.grades.name}, {result.canvas.name} and {result.feedback_files} feedback pages")
    return result
