"""The op-ed's published text: imported from a teacher's plain-text copy, shown with its credit line.

The unit reproduces the op-ed under Reader Supported News's permission to republish with credit
and a link back. The text must be the one on RSN's page, word for word, so the import keeps every
character of each paragraph and only rejoins lines that a copy-and-paste wrapped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from .errors import DataError, Problem
from .load import read_utf8
from .package import datasets_dir, resource
from .validate import typed_table

TITLE = "Negotiating With Putin, Keeping it Real"
AUTHOR = "Marc Ash"
SOURCE_FILE = "oped_source.json"
MIN_PARAGRAPHS = 3

# Lines a copy of the page often starts with that are not part of the op-ed's body.
_DATE_LINE = (r"(?:\w+,?\s+)?(?:\d{1,2}\s+\w+,?\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4})"  # (Thursday,) 27 October 2022
              r"(?:,?\s+\d{1,2}:\d{2}(?:\s*[ap]m)?)?")                                     # (13:20)
_HEADER_LINE = re.compile(
    rf"^(?:{re.escape(TITLE)}|(?:by\s+)?{AUTHOR}(?:\s*,.*)?|reader supported news|{_DATE_LINE})\W*$",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"</?(?:p|div|span|br|a)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class OpedSource:
    """Where the imported text comes from, and the credit line RSN's permission asks for."""

    url: str
    credit: str
    published: str | None = None  # ISO date as shown on the page; None when not confirmed
    imported: str = ""

    @property
    def date_note(self) -> str:
        if self.published:
            return f"published {self.published} (date as shown on the article's page)"
        return "publication date unverified (late October 2022)"


def paragraphs_from_text(text: str, label: str) -> tuple[list[str], list[str]]:
    """The op-ed's paragraphs from plain text, and the header lines left out.

    Paragraphs are separated by blank lines; lines inside a paragraph are joined with one space.
    Leading lines that repeat the headline, the byline, the outlet or a date are left out and
    returned, so the caller can say what was dropped.
    """
    if _MARKUP.search(text):
        raise DataError([Problem(label, "looks like HTML: copy the article's text from the page, not its source")])
    blocks = [block for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
              if block.strip()]
    paragraphs = [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks]
    dropped: list[str] = []
    while paragraphs:
        lines = [line.strip() for line in blocks[len(dropped)].splitlines() if line.strip()]
        if not all(_HEADER_LINE.match(line) for line in lines):
            break
        dropped.append(paragraphs.pop(0))
    if len(paragraphs) < MIN_PARAGRAPHS:
        raise DataError([Problem(label, f"found {len(paragraphs)} paragraph(s) of text; separate the op-ed's "
                                        f"paragraphs with a blank line, as on the page")])
    return paragraphs, dropped


def _check_url(url: str, label: str) -> None:
    if not re.fullmatch(r"https?://\S+", url or ""):
        raise DataError([Problem(label, f"the article's address must be a web address (got {url!r})")])


def _check_date(published: str | None, label: str) -> None:
    if published is None:
        return
    try:
        day = date.fromisoformat(published)
    except ValueError:
        raise DataError([Problem(label, f"the publication date must be YYYY-MM-DD (got {published!r})")]) from None
    if not date(2022, 10, 1) <= day <= date(2022, 12, 31):
        raise DataError([Problem(label, f"publication date {published} is outside autumn 2022: check the page")])


def _csv_text(paragraphs: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["paragraph", "text"])
    writer.writerows((number, text) for number, text in enumerate(paragraphs, start=1))
    return out.getvalue()


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def import_oped(text_file: str | Path, source: OpedSource, folder: Path | None = None,
                replace: bool = False) -> tuple[list[str], list[str]]:
    """Write ``oped.csv`` and ``oped_source.json`` from a plain-text copy of the op-ed.

    Returns the paragraphs and the header lines left out. Refuses to overwrite a different text
    already imported unless ``replace``; nothing is written unless the whole import is valid.
    """
    text_file = Path(text_file)
    label = str(text_file)
    text = read_utf8(text_file, label)
    paragraphs, dropped = paragraphs_from_text(text, label)
    _check_url(source.url, label)
    _check_date(source.published, label)
    if not source.credit.strip():
        raise DataError([Problem(label, "the credit line is empty: copy RSN's permission line from the page")])

    folder = folder or datasets_dir()
    entry = resource("oped")
    table_path = folder / entry["path"]
    numbered = pd.DataFrame({"paragraph": [str(n) for n in range(1, len(paragraphs) + 1)], "text": paragraphs})
    typed_table(numbered, entry["schema"], label)  # the table's own schema, before anything is written
    new_table = _csv_text(paragraphs)
    if table_path.exists() and not replace:
        current = table_path.read_text(encoding="utf-8")
        has_text = len(current.strip().splitlines()) > 1  # more than the header row
        if has_text and current != new_table:
            raise DataError([Problem(str(table_path), "already holds a different text of the op-ed; "
                                                      "import again with --replace to overwrite it")])
    stamped = OpedSource(url=source.url, credit=source.credit.strip(), published=source.published,
                         imported=source.imported or date.today().isoformat())
    _write_atomically(folder / SOURCE_FILE, json.dumps(asdict(stamped), indent=1, ensure_ascii=False) + "\n")
    _write_atomically(table_path, new_table)
    return paragraphs, dropped


def oped_source(folder: Path | None = None) -> OpedSource | None:
    """The recorded provenance of the imported text, or None before any import."""
    path = (folder or datasets_dir()) / SOURCE_FILE
    if not path.is_file():
        return None
    try:
        return OpedSource(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise DataError([Problem(str(path), f"is not a valid record of the op-ed's source: {error}")]) from None


def oped_as_text(oped: pd.DataFrame, source: OpedSource | None) -> str:
    """The op-ed as numbered paragraphs under its title, byline and credit line."""
    if oped.empty:
        return ("The op-ed's text is not in the unit's data yet. Use your printed copy; your teacher can add the "
                "text with `peacetalks import-oped` (see the teacher guide).")
    lines = [TITLE, f"by {AUTHOR}, Reader Supported News"]
    if source is not None:
        lines += [source.date_note, source.credit, source.url]
    lines.append("")
    lines += [f"[{row.paragraph}] {row.text}\n" for row in oped.itertuples()]
    return "\n".join(lines)
