"""Data layer: the unit's sourced tables, loaded as typed DataFrames and checked against their schemas."""

from .errors import DataError, Problem
from .load import load, load_timeline
from .oped_text import OpedSource, import_oped, oped_as_text, oped_source
from .package import datasets_dir, descriptor, table_names, timeline_schema

__all__ = ["DataError", "OpedSource", "Problem", "datasets_dir", "descriptor", "import_oped", "load", "load_timeline",
           "oped_as_text", "oped_source", "table_names", "timeline_schema"]
