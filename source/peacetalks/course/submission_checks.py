"""Checks on a submission before nbgrader runs it: each returns a reason it cannot be graded, or None."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat.reader import NotJSONError


def missing_notebooks(folder: Path, expected: list[str]) -> str | None:
    """Every expected notebook is absent (one missing notebook alone nbgrader scores as 0 itself)."""
    if not folder.is_dir():
        return f"no submission folder {folder.name}"
    if not any((folder / f"{name}.ipynb").is_file() for name in expected):
        found = ", ".join(sorted(p.name for p in folder.iterdir())) or "nothing"
        return f"no notebook named {', '.join(n + '.ipynb' for n in expected)} (found: {found})"
    return None


def unreadable_notebooks(folder: Path, expected: list[str]) -> str | None:
    """A submitted notebook that is not valid JSON or not a valid notebook."""
    for name in expected:
        path = folder / f"{name}.ipynb"
        if not path.is_file():
            continue
        try:
            notebook = nbformat.read(path, as_version=4)
        except json.JSONDecodeError as error:
            return f"{path.name} is not valid JSON (line {error.lineno}, column {error.colno}): not a notebook"
        except NotJSONError:
            return f"{path.name} is not valid JSON: not a notebook (was it saved from Jupyter?)"
        except (UnicodeDecodeError, OSError) as error:
            return f"{path.name} cannot be read: {error}"
        except Exception as error:  # nbformat raises several kinds for a malformed file
            return f"{path.name} is not a notebook: {str(error).splitlines()[0]}"
        if not isinstance(notebook.get("cells"), list):
            return f"{path.name} is not a notebook: it has no list of cells"
    return None


CHECKS = (missing_notebooks, unreadable_notebooks)


def why_ungradable(folder: Path, expected: list[str]) -> str | None:
    for check in CHECKS:
        reason = check(folder, expected)
        if reason:
            return reason
    return None
