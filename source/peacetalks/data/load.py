"""Load the unit's tables (and a teacher's own timelines) as typed, validated DataFrames."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from .errors import DataError, Problem
from .package import datasets_dir, resource, timeline_schema
from .validate import check_period, typed_table

_cache: dict[tuple[str, float], pd.DataFrame] = {}


def read_utf8(path: Path, label: str) -> str:
    """A text file's contents (a byte-order mark dropped), or a DataError naming the file."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError([Problem(label, "file not found")]) from None
    except UnicodeDecodeError as error:
        raise DataError([Problem(label, f"is not UTF-8 text ({error.reason} at byte {error.start})")]) from None


def _read_strings(path: Path, label: str) -> pd.DataFrame:
    """Every cell of a CSV file as a string ('' where empty), or a DataError naming the file."""
    text = read_utf8(path, label)
    if not text.strip():
        raise DataError([Problem(label, "the file is empty (it needs at least a header row)")])
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, csv.Error) as error:
        raise DataError([Problem(label, f"is not a well-formed CSV file: {error}")]) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def load(name: str) -> pd.DataFrame:
    """One of the unit's tables by name (see ``table_names()``), typed and validated.

    Dates become datetimes, enumerations become categories. The result is a fresh copy,
    so a lesson can change it freely.
    """
    entry = resource(name)
    path = datasets_dir() / entry["path"]
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0)
    if key not in _cache:
        label = f"datasets/{entry['path']}"
        table = typed_table(_read_strings(path, label), entry["schema"], label)
        if "period" in entry:
            check_period(table, entry["period"]["field"], entry["period"], label)
        _cache[key] = table
    return _cache[key].copy()


def load_timeline(path_or_frame: str | Path | pd.DataFrame, name: str | None = None) -> pd.DataFrame:
    """A timeline that follows the unit's timeline schema: a CSV path or a DataFrame.

    Use it for a teacher's or a student's own timeline. A bad table raises DataError naming
    the file (or ``name``), the row and the column of every problem.
    """
    if isinstance(path_or_frame, pd.DataFrame):
        label = name or "the timeline table"
        frame = path_or_frame.copy()
        for column in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[column]):
                frame[column] = frame[column].dt.strftime("%Y-%m-%d")
        frame = frame.astype(object).where(frame.notna(), "").astype(str)
    else:
        path = Path(path_or_frame)
        label = name or str(path)
        frame = _read_strings(path, label)
    return typed_table(frame, timeline_schema(), label)
