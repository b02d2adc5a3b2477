"""The error raised for a table that breaks its schema."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a table, located as precisely as possible.

    ``row`` counts like a spreadsheet: the header is row 1, the first data row is row 2.
    """

    source: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.source]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(ValueError):
    """A table could not be loaded because it breaks its schema; lists every problem found."""

    shown = 12

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [str(p) for p in problems[: self.shown]]
        if len(problems) > self.shown:
            lines.append(f"... and {len(problems) - self.shown} more problems")
        super().__init__("\n".join(lines))
