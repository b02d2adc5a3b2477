"""Check a table of strings against its Table Schema and convert it to typed columns.

A deliberately small subset of Table Schema (the one the unit's tables use): types string,
date, integer, number and boolean; constraints required, unique, enum, pattern, maxLength,
minimum and maximum; a primary key. frictionless checks the full standard in the tests;
this module is what makes ``load`` fast and its errors name the row and column.
"""

from __future__ import annotations

import re

import pandas as pd

from .errors import DataError, Problem

FIRST_DATA_ROW = 2  # spreadsheet numbering: the header is row 1
TRUE_VALUES = {"true", "True", "TRUE", "1", "yes"}
FALSE_VALUES = {"false", "False", "FALSE", "0", "no"}


def _rows(mask: pd.Series) -> list[int]:
    return [int(i) + FIRST_DATA_ROW for i in mask[mask].index]


def _check_columns(frame: pd.DataFrame, schema: dict, source: str) -> list[Problem]:
    expected = [f["name"] for f in schema["fields"]]
    missing = [name for name in expected if name not in frame.columns]
    extra = [name for name in frame.columns if name not in expected]
    problems = [Problem(source, "required column is missing", column=name) for name in missing]
    problems += [Problem(source, "column is not in the schema (check its spelling)", column=name)
                 for name in extra]
    return problems


def _convert(values: pd.Series, field: dict, source: str, problems: list[Problem]) -> pd.Series:
    """Typed copy of one column; a problem for every cell that is not of the field's type."""
    name, kind = field["name"], field.get("type", "string")
    present = values != ""
    if kind == "date":
        converted = pd.to_datetime(values.where(present), format="%Y-%m-%d", errors="coerce")
        hint = "is not a date of the form YYYY-MM-DD"
    elif kind in ("integer", "number"):
        converted = pd.to_numeric(values.where(present), errors="coerce")
        if kind == "integer":
            whole = converted.isna() | (converted == converted.round())
            converted = converted.where(whole)
            converted = converted.astype("Int64")
        hint = f"is not {'a whole number' if kind == 'integer' else 'a number'}"
    elif kind == "boolean":
        mapped = values.map(lambda v: True if v in TRUE_VALUES else False if v in FALSE_VALUES else None)
        converted = mapped.astype("boolean")
        hint = "is not true or false"
    else:
        return values.where(present, None).astype("string")
    bad = present & converted.isna()
    for row, value in zip(_rows(bad), values[bad], strict=True):
        problems.append(Problem(source, f"{value!r} {hint}", row=row, column=name))
    return converted


def _check_constraints(raw: pd.Series, typed: pd.Series, field: dict, source: str) -> list[Problem]:
    name, rules = field["name"], field.get("constraints", {})
    problems = []
    present = raw != ""

    def report(mask: pd.Series, message) -> None:
        for row in _rows(mask):
            text = message(raw.iloc[row - FIRST_DATA_ROW]) if callable(message) else message
            problems.append(Problem(source, text, row=row, column=name))

    if rules.get("required"):
        report(~present, "is empty but required")
    if "enum" in rules:
        allowed = set(rules["enum"])
        report(present & ~raw.isin(allowed),
               lambda v: f"{v!r} is not one of: {', '.join(map(str, rules['enum']))}")
    if "pattern" in rules:
        pattern = re.compile(rules["pattern"])
        report(present & ~raw.map(lambda v: bool(pattern.fullmatch(v))),
               lambda v: f"{v!r} does not match the pattern {rules['pattern']}")
    if "maxLength" in rules:
        report(raw.str.len() > rules["maxLength"], f"is longer than {rules['maxLength']} characters")
    for bound, outside in (("minimum", typed.__lt__), ("maximum", typed.__gt__)):
        if bound in rules:
            limit = pd.Timestamp(rules[bound]) if field.get("type") == "date" else rules[bound]
            report(outside(limit).fillna(False).astype(bool),
                   lambda v, b=bound: f"{v!r} is outside the allowed range ({b} {rules[b]})")
    if rules.get("unique"):
        report(present & raw.duplicated(keep="first"), lambda v: f"{v!r} appears more than once")
    return problems


def typed_table(frame: pd.DataFrame, schema: dict, source: str) -> pd.DataFrame:
    """Validate a frame of strings against ``schema`` and return it with typed columns.

    Raises DataError listing every problem, each naming ``source``, the row and the column.
    """
    frame = frame.reset_index(drop=True)
    problems = _check_columns(frame, schema, source)
    if problems:
        raise DataError(problems)
    typed = {}
    for field in schema["fields"]:
        raw = frame[field["name"]].fillna("").astype(str).str.strip()
        typed[field["name"]] = _convert(raw, field, source, problems)
        problems += _check_constraints(raw, typed[field["name"]], field, source)
    key = schema.get("primaryKey", [])
    if len(key) > 1 and frame.duplicated(subset=key).any():
        for row in _rows(frame.duplicated(subset=key)):
            problems.append(Problem(source, f"the key ({', '.join(key)}) appears more than once", row=row))
    result = pd.DataFrame(typed)
    problems += _check_rules(result, schema, source)
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    for field in schema["fields"]:
        if "enum" in field.get("constraints", {}) and field.get("type", "string") == "string":
            result[field["name"]] = pd.Categorical(result[field["name"]],
                                                   categories=field["constraints"]["enum"])
    return result


def _check_rules(table: pd.DataFrame, schema: dict, source: str) -> list[Problem]:
    """Rules across columns that Table Schema cannot express, used by the timeline tables."""
    problems = []
    if {"start", "end"} <= set(table.columns):
        backwards = (table["end"] < table["start"]).fillna(False).astype(bool)
        problems += [Problem(source, "end is before start", row=row, column="end") for row in _rows(backwards)]
    if {"quote", "quote_by"} <= set(table.columns):
        unattributed = table["quote"].notna() & table["quote_by"].isna()
        problems += [Problem(source, "a quotation needs quote_by (who said it)", row=row, column="quote_by")
                     for row in _rows(unattributed)]
    return problems


def check_period(table: pd.DataFrame, column: str, period: dict, source: str) -> None:
    """Raise DataError for every date in ``column`` outside ``period`` ({'start': ..., 'end': ...})."""
    start, end = pd.Timestamp(period["start"]), pd.Timestamp(period["end"])
    outside = ((table[column] < start) | (table[column] > end)).fillna(False).astype(bool)
    if outside.any():
        raise DataError([Problem(source, f"{table[column].iloc[row - FIRST_DATA_ROW].date()} lies outside "
                                 f"the table's period {period['start']} to {period['end']}", row=row,
                                 column=column) for row in _rows(outside)])
