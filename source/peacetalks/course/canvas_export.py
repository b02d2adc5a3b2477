"""An nbgrader export plugin writing Canvas's gradebook-import CSV.

Use it through nbgrader's configuration, e.g.
``nbgrader export --ExportApp.plugin_class=peacetalks.course.canvas_export.CanvasExportPlugin``,
or ``peacetalks export --format canvas``.

Canvas matches a row to a student by its ID, SIS User ID or SIS Login ID column; we put the
nbgrader student id in "SIS Login ID" (and in "SIS User ID" too), since most schools use the
same login in both systems. New assignment columns become new Canvas assignments; the
"Points Possible" row tells Canvas each one's maximum.
"""

from __future__ import annotations

import csv

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Unicode

FIXED_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


class CanvasExportPlugin(ExportPlugin):
    """Export every student's score on every assignment in Canvas's gradebook layout."""

    section = Unicode("", help="Canvas section name written on every row (optional).").tag(config=True)

    def _student_name(self, student) -> str:
        parts = [p for p in (student.last_name, student.first_name) if p]
        return ", ".join(parts) if parts else student.id

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or "canvas.csv"
        assignments = [a for a in gradebook.assignments if not self.assignment or a.name in self.assignment]
        students = [s for s in gradebook.students if not self.student or s.id in self.student]
        self.log.info("Exporting %d students x %d assignments to %s", len(students), len(assignments), dest)
        with open(dest, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(FIXED_COLUMNS + [a.name for a in assignments])
            writer.writerow(["Points Possible", "", "", "", ""] + [f"{a.max_score:g}" for a in assignments])
            for student in sorted(students, key=lambda s: s.id):
                row = [self._student_name(student), "", student.id, student.id, self.section]
                for assignment in assignments:
                    try:
                        submission = gradebook.find_submission(assignment.name, student.id)
                    except MissingEntry:
                        row.append("0")
                        continue
                    score = max(0.0, submission.score - submission.late_submission_penalty)
                    row.append(f"{score:g}")
                writer.writerow(row)
