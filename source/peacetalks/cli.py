"""The `peacetalks` command: the teacher's pipeline over nbgrader, for the course in the current folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from .course import Course, CourseError
from .course.parallel import default_jobs

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=False)


def _summary(assignment_id: str, results) -> bool:
    graded = [r for r in results if r.graded]
    failed = [r for r in results if not r.graded]
    mean = sum(r.score for r in results) / len(results) if results else 0.0
    maximum = max((r.max_score for r in results), default=0.0)
    console.print(f"[bold]{assignment_id}[/]: {len(graded)} graded, {len(failed)} could not be run "
                  f"(scored 0), mean score {mean:.1f}/{maximum:g}")
    for result in results:
        if result.reason:
            style = "red" if not result.graded else "yellow"
            console.print(f"  [{style}]{result.student}[/]: {result.reason}")
    return all(r.max_score > 0 for r in results)


def cmd_release(course: Course, args) -> int:
    from .course.release import release

    for item in release(course, args.assignments):
        console.print(f"released [bold]{item.assignment_id}[/]: {item.folder.relative_to(course.root)}/ "
                      f"and {item.archive.relative_to(course.root)} (for an LMS upload)")
    return 0


def _sandbox(args) -> bool:
    if args.no_sandbox:
        errors.print("[yellow]warning:[/] --no-sandbox: student code runs with your own permissions, "
                     "able to read the course (solutions, gradebook) and reach the network", highlight=False)
    return not args.no_sandbox


def cmd_autograde(course: Course, args) -> int:
    from .course.autograde import autograde
    from .course.parallel import start_fork_server

    if args.jobs > 1:
        start_fork_server()  # its imports overlap reading the course's configuration below
    students = args.student or course.submitted_students(args.assignment)
    with _progress() as progress:
        task = progress.add_task(f"autograding {args.assignment}", total=len(students) or None)
        results = autograde(course, args.assignment, args.student, jobs=args.jobs,
                            on_result=lambda r: progress.advance(task), sandbox=_sandbox(args))
    return 0 if _summary(args.assignment, results) else 1


def cmd_feedback(course: Course, args) -> int:
    from .course.feedback import feedback

    items = feedback(course, args.assignment)
    made = [f for f in items if f.files]
    console.print(f"feedback for {len(made)} of {len(items)} students in {course.feedback_dir.name}/")
    for item in items:
        if item.reason:
            console.print(f"  [yellow]{item.student}[/]: {item.reason}")
    return 0


def cmd_export(course: Course, args) -> int:
    from .course.export import export

    path = export(course, args.format, args.out)
    console.print(f"wrote {path}")
    return 0


def _grade_table(demo) -> Table:
    import csv

    rows = list(csv.DictReader(demo.grades.open(encoding="utf-8")))
    assignments = sorted({r["assignment"] for r in rows})
    table = Table(title=f"Grades of the simulated class ({demo.grades.name})")
    table.add_column("student")
    for assignment_id in assignments:
        table.add_column(assignment_id, justify="right")
    by_student: dict[str, dict[str, str]] = {}
    for row in rows:
        by_student.setdefault(row["student_id"], {})[row["assignment"]] = (
            f"{float(row['score']):g}/{float(row['max_score']):g}")
    for student, scores in sorted(by_student.items()):
        table.add_row(student, *(scores.get(a, "-") for a in assignments))
    return table


def cmd_demo(course: Course, args) -> int:
    from .course.demo import run_demo

    demo = run_demo(course, Path(args.out), students=args.students, seed=args.seed, jobs=args.jobs,
                    sandbox=_sandbox(args),
                    on_step=lambda message: console.print(f"[cyan]demo[/] {message}"))
    for assignment_id, results in demo.results.items():
        _summary(assignment_id, results)
    console.print(_grade_table(demo))
    console.print("Scores so far count the autograded cells; the written answers wait for you in the Formgrader.")
    console.print(f"grades: {demo.grades}\ncanvas: {demo.canvas}\nfeedback: {demo.course.feedback_dir}")
    return 0


def cmd_check(course: Course, args) -> int:
    from .course.check import run_check

    report = run_check(course, args.assignments, lessons=not args.no_lessons)
    for finding in report.findings:
        mark = "[green]ok[/]  " if finding.ok else "[red]FAIL[/]"
        console.print(f"{mark} {finding.subject}: {finding.detail}")
    return 0 if report.ok else 1


def cmd_import_oped(course: Course | None, args) -> int:
    from .data import DataError, OpedSource, import_oped

    source = OpedSource(url=args.url, credit=args.credit, published=args.date)
    folder = Path(args.datasets) if args.datasets else None
    try:
        paragraphs, dropped = import_oped(args.text, source, folder=folder, replace=args.replace)
    except DataError as error:
        errors.print(f"[red]peacetalks import-oped:[/] nothing was written.\n{error}", highlight=False)
        return 1
    for line in dropped:
        console.print(f"left out a header line: {line!r}", highlight=False)
    console.print(f"imported {len(paragraphs)} paragraphs into oped.csv; each one starts:")
    for number, text in enumerate(paragraphs, start=1):
        console.print(f"  [{number}] {text[:70]}{'...' if len(text) > 70 else ''}", highlight=False)
    console.print("Compare them with the page: the claims' paragraph numbers in oped_claims.csv refer to these.")
    if folder is None:  # the tables the unit loads: say where each claim sits in the new text
        _report_claims()
    return 0


def _report_claims() -> None:
    """Where each claim of the claims table sits in the op-ed's text."""
    from .analysis import locate_claims
    from .data import load

    located = locate_claims(load("oped_claims"), load("oped"))
    for claim in located.itertuples():
        where = (f"paragraph {', '.join(map(str, claim.found_in))}" if claim.found_in else
                 "[yellow]not found[/]: its wording in oped_claims.csv differs from this text")
        console.print(f"  claim {claim.id}: {where}", highlight=False)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peacetalks", description=__doc__)
    parser.add_argument("--course", default=".", help="the course folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)

    release = commands.add_parser("release", help="generate student versions and release/ID.zip")
    release.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    release.set_defaults(run=cmd_release)

    grade = commands.add_parser("autograde", help="autograde every submission of an assignment")
    grade.add_argument("assignment")
    grade.add_argument("--student", action="append", help="only this student (repeatable)")
    grade.add_argument("--jobs", type=int, default=default_jobs(),
                       help="parallel workers (default: two per CPU, since kernels spend much of their start waiting)")
    grade.add_argument("--no-sandbox", action="store_true", help="run student code unsandboxed (not advised)")
    grade.set_defaults(run=cmd_autograde)

    feedback = commands.add_parser("feedback", help="feedback HTML for every graded student")
    feedback.add_argument("assignment")
    feedback.set_defaults(run=cmd_feedback)

    export = commands.add_parser("export", help="export grades (nbgrader CSV or Canvas import CSV)")
    export.add_argument("--format", choices=["nbgrader", "canvas"], default="nbgrader")
    export.add_argument("--out", help="file to write (default: grades.csv or canvas.csv in the course)")
    export.set_defaults(run=cmd_export)

    demo = commands.add_parser("demo", help="run the whole pipeline on a simulated class")
    demo.add_argument("--out", default="demo-course", help="folder for the demo course (default: demo-course)")
    demo.add_argument("--students", type=int, default=24)
    demo.add_argument("--seed", type=int, default=2022)
    demo.add_argument("--jobs", type=int, default=default_jobs())
    demo.add_argument("--no-sandbox", action="store_true", help="run student code unsandboxed (not advised)")
    demo.set_defaults(run=cmd_demo)

    check = commands.add_parser("check", help="authors' gate: assignments grade correctly, lessons run")
    check.add_argument("assignments", nargs="*")
    check.add_argument("--no-lessons", action="store_true", help="skip executing the lessons")
    check.set_defaults(run=cmd_check)

    oped = commands.add_parser("import-oped", help="add the op-ed's published text (a plain-text copy) to the data")
    oped.add_argument("text", help="a UTF-8 text file: the article's paragraphs, separated by blank lines")
    oped.add_argument("--url", required=True, help="the article's address on Reader Supported News")
    oped.add_argument("--credit", required=True, help="RSN's permission line, word for word from the page")
    oped.add_argument("--date", help="publication date as shown on the page, YYYY-MM-DD (else: unverified)")
    oped.add_argument("--datasets", help="the datasets folder to write to (default: the one the unit loads)")
    oped.add_argument("--replace", action="store_true", help="overwrite a different text imported before")
    oped.set_defaults(run=cmd_import_oped, course_free=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        course = None if getattr(args, "course_free", False) else Course.open(args.course)
        return args.run(course, args)
    except CourseError as error:
        errors.print(f"[red]peacetalks {args.command}:[/] {error}", highlight=False)
        return 1
    except KeyboardInterrupt:
        errors.print("interrupted; the gradebook was backed up before the run (see backups/)")
        return 130


if __name__ == "__main__":
    sys.exit(main())
