"""Find lines of a solution, hidden test or mark scheme that would reach a student version."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

SECRET_REGIONS = {
    "solution": (re.compile(r"#{2,3}\s*BEGIN SOLUTION"), re.compile(r"#{2,3}\s*END SOLUTION")),
    "hidden test": (re.compile(r"#{2,3}\s*BEGIN HIDDEN TESTS"), re.compile(r"#{2,3}\s*END HIDDEN TESTS")),
    "mark scheme": (re.compile(r"#{2,3}\s*BEGIN MARK SCHEME"), re.compile(r"#{2,3}\s*END MARK SCHEME")),
}
# Lines too generic to count as a secret even inside a solution.
TRIVIAL = re.compile(r"^[\s\W]*$|^(pass|else:|try:|return|break|continue)$")


@dataclass(frozen=True)
class Leak:
    notebook: str
    cell_id: str
    kind: str
    line: str

    def __str__(self) -> str:
        return f"{self.notebook}: {self.kind} line from cell {self.cell_id!r} reaches students: {self.line!r}"


def _cell_name(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or cell.get("id", "?")


def secret_lines(notebook) -> list[tuple[str, str, str]]:
    """(kind, cell name, stripped line) for every line inside a secret region of the instructor notebook.

    A line that also stands outside every secret region (say an import shown to students) is
    not a secret and is left out.
    """
    secrets, public = [], set()
    for cell in notebook.cells:
        inside = None
        for line in cell.source.splitlines():
            stripped = line.strip()
            opened = next((k for k, (begin, _) in SECRET_REGIONS.items() if begin.search(line)), None)
            if opened:
                inside = opened
                continue
            if inside and SECRET_REGIONS[inside][1].search(line):
                inside = None
                continue
            if inside:
                if not TRIVIAL.match(stripped):
                    secrets.append((inside, _cell_name(cell), stripped))
            else:
                public.add(stripped)
    return [s for s in secrets if s[2] not in public]


def find_leaks(instructor: Path, student: Path) -> list[Leak]:
    """Secret lines of ``instructor`` that appear anywhere in ``student`` (sources, outputs, metadata)."""
    source_nb = nbformat.read(instructor, as_version=4)
    released_text = student.read_text(encoding="utf-8")
    released = nbformat.reads(released_text, as_version=4)
    released_lines = {line.strip() for cell in released.cells for line in cell.source.splitlines()}
    leaks = []
    for kind, cell_name, line in secret_lines(source_nb):
        # A line can hide inside a larger one or in JSON-escaped outputs; check both.
        if line in released_lines or any(line in other for other in released_lines if len(line) >= 12):
            leaks.append(Leak(student.name, cell_name, kind, line))
    return leaks
