"""A simulated class: submissions that range from full marks through partial and blank to broken.

Built from the released student version and the instructor version of each assignment, plus
optional plausible wrong answers in ``assignments/ID/simulated_answers.json`` (a file nbgrader's
CourseDirectory.ignore keeps out of the release), mapping a cell's grade_id to candidate sources.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nbformat

from .coursedir import Course

SOLUTION_MARKER = re.compile(r"^\s*#{2,3}\s*(BEGIN|END) SOLUTION\s*$")
FIRST_NAMES = ["Amara", "Ben", "Chiara", "Dmytro", "Elif", "Farah", "Gabriel", "Hana", "Ivan", "Jade", "Kofi",
               "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sami", "Tereza", "Uma", "Viktor",
               "Wen", "Yusuf", "Zofia", "Aiden", "Bea", "Cyrus", "Dalia", "Emil"]
LAST_NAMES = ["Okafor", "Novak", "Rossi", "Kovalenko", "Yilmaz", "Haddad", "Martin", "Sato", "Petrov", "Moreau",
              "Mensah", "Fischer", "Garcia", "Rahman", "Berg", "Shah", "Kelly", "Silva", "Nieminen", "Dvorak",
              "Patel", "Horvat", "Li", "Demir", "Nowak", "Walsh", "Costa", "Farahani", "Hassan", "Lund"]
# Profiles in the order a class of N is dealt them; partial fills the rest.
FIXED_PROFILES = ["full", "full", "full", "full", "blank", "broken-json", "exception", "infinite-loop",
                  "full", "blank"]
WRITTEN_ANSWER = ("The op-ed argues that talks with Putin would repeat the mistake of Munich in 1938. "
                  "Its main evidence is the record of earlier agreements; a fair reader would check each "
                  "of its dates and ask whether 1938 and 2022 are really alike.")


@dataclass(frozen=True)
class Student:
    id: str
    first_name: str
    last_name: str


def roster(size: int, seed: int) -> list[Student]:
    rng = random.Random(seed)
    firsts, lasts = rng.sample(FIRST_NAMES, len(FIRST_NAMES)), rng.sample(LAST_NAMES, len(LAST_NAMES))
    students = []
    for number in range(size):
        first, last = firsts[number % len(firsts)], lasts[(number * 7) % len(lasts)]
        students.append(Student(f"s{number + 1:02d}-{first.lower()}", first, last))
    return students


def profiles(size: int, seed: int) -> list[str]:
    """One profile per student: the fixed mix first (so every kind appears), partial for the rest, shuffled."""
    dealt = (FIXED_PROFILES + ["partial"] * size)[:size]
    random.Random(seed).shuffle(dealt)
    return dealt


def _strip_markers(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not SOLUTION_MARKER.match(line))


def _answer_cells(notebook) -> dict[str, int]:
    """grade_id -> index of every cell a student is meant to fill in."""
    return {cell.metadata["nbgrader"]["grade_id"]: index for index, cell in enumerate(notebook.cells)
            if cell.metadata.get("nbgrader", {}).get("solution")}


def simulated_notebook(source_nb, student_nb, profile: str, rng: random.Random, wrong: dict[str, list[str]]):
    """The student version filled in as a student of ``profile`` would."""
    notebook = nbformat.from_dict(json.loads(json.dumps(student_nb)))
    solutions = {gid: _strip_markers(source_nb.cells[i].source) for gid, i in _answer_cells(source_nb).items()}
    answer_cells = _answer_cells(notebook)
    for position, (grade_id, index) in enumerate(answer_cells.items()):
        cell = notebook.cells[index]
        if profile == "blank":
            continue
        if cell.cell_type == "markdown":
            if profile != "partial" or rng.random() < 0.6:
                cell.source = WRITTEN_ANSWER
            continue
        choice = solutions.get(grade_id, cell.source)
        if profile == "partial":
            roll = rng.random()
            if roll < 0.35 and wrong.get(grade_id):
                choice = rng.choice(wrong[grade_id])
            elif roll < 0.5:
                choice = cell.source  # left as the stub
        elif profile == "exception" and position == 0:
            choice = "raise RuntimeError('I ran out of time on this one')"
        elif profile == "infinite-loop" and position == 0:
            choice = "while True:  # the student's loop never ends\n    pass"
        cell.source = choice
    return notebook


def write_submission(course: Course, assignment_id: str, student: Student, profile: str, rng: random.Random,
                     when: datetime) -> Path:
    """Write submitted/STUDENT/ID/ (each notebook and timestamp.txt) as nbgrader's collect would."""
    folder = course.submitted_dir / student.id / assignment_id
    folder.mkdir(parents=True, exist_ok=True)
    wrong_file = course.source_dir / assignment_id / "simulated_answers.json"
    wrong = json.loads(wrong_file.read_text(encoding="utf-8")) if wrong_file.is_file() else {}
    for name in course.notebooks(assignment_id):
        target = folder / f"{name}.ipynb"
        if profile == "broken-json":
            target.write_text('{"cells": [{"cell_type": "code", "source": "print(', encoding="utf-8")
            continue
        source_nb = nbformat.read(course.source_dir / assignment_id / f"{name}.ipynb", as_version=4)
        student_nb = nbformat.read(course.release_dir / assignment_id / f"{name}.ipynb", as_version=4)
        nbformat.write(simulated_notebook(source_nb, student_nb, profile, rng, wrong), target)
    (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"), encoding="utf-8")
    return folder


def simulate_class(course: Course, assignment_ids: list[str], size: int, seed: int) -> dict[str, str]:
    """Submissions of every assignment for a class of ``size``; returns student id -> profile per assignment."""
    students = roster(size, seed)
    dealt: dict[str, str] = {}
    start = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    for number, assignment_id in enumerate(assignment_ids):
        rng = random.Random(f"{seed}-{assignment_id}")
        for student, profile in zip(students, profiles(size, seed + number), strict=True):
            when = start + timedelta(days=7 * number, minutes=rng.randrange(0, 3000))
            write_submission(course, assignment_id, student, profile, rng, when)
            dealt[f"{student.id}/{assignment_id}"] = profile
    return dealt
