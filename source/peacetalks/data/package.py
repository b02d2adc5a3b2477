"""Where the datasets live and what datapackage.json says about them."""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from pathlib import Path

PACKAGE_FILE = "datapackage.json"
OVERRIDE_VARIABLE = "PEACETALKS_DATASETS"


@cache
def datasets_dir() -> Path:
    """The folder holding the CSV tables and datapackage.json.

    An installed wheel carries them as ``peacetalks/datasets``; an editable install of the
    repository reads ``datasets/`` at the repository root. ``PEACETALKS_DATASETS`` points to a
    copy elsewhere, e.g. a course's own copy next to a shared, read-only installation.
    """
    override = os.environ.get(OVERRIDE_VARIABLE)
    if override:
        chosen = Path(override).expanduser()
        if not (chosen / PACKAGE_FILE).is_file():
            raise FileNotFoundError(f"{OVERRIDE_VARIABLE}={override}: that folder has no {PACKAGE_FILE}")
        return chosen
    shipped = Path(str(resources.files("peacetalks"))) / "datasets"
    if (shipped / PACKAGE_FILE).is_file():
        return shipped
    in_repo = Path(__file__).resolve().parents[3] / "datasets"
    if (in_repo / PACKAGE_FILE).is_file():
        return in_repo
    raise FileNotFoundError(f"peacetalks cannot find its datasets: looked in {shipped} and {in_repo}")


@cache
def descriptor() -> dict:
    """The parsed datapackage.json, with every resource's schema resolved to a dict."""
    root = datasets_dir()
    package = json.loads((root / PACKAGE_FILE).read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if isinstance(resource.get("schema"), str):
            resource["schema"] = json.loads((root / resource["schema"]).read_text(encoding="utf-8"))
    return package


def table_names() -> list[str]:
    """Names of the tables that ``load`` accepts."""
    return [r["name"] for r in descriptor()["resources"] if r.get("format", "csv") == "csv"]


def resource(name: str) -> dict:
    """The datapackage entry of one table; a clear KeyError for an unknown name."""
    for entry in descriptor()["resources"]:
        if entry["name"] == name:
            return entry
    raise KeyError(f"no table named {name!r}; the tables are: {', '.join(table_names())}")


def timeline_schema() -> dict:
    """The schema shared by every timeline table (a teacher's own CSV included)."""
    path = datasets_dir() / "schemas" / "timeline.json"
    return json.loads(path.read_text(encoding="utf-8"))
