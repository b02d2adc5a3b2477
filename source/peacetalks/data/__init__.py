"""Data layer: the unit's sourced tables, loaded as typed DataFrames and checked against their schemas."""

from .errors import DataError, Problem
from .load import load, load_timeline
from .package import datasets_dir, descriptor, table_names, timeline_schema

__all__ = ["DataError", "Problem", "datasets_dir", "descriptor", "load", "load_timeline", "table_names",
           "timeline_schema"]
