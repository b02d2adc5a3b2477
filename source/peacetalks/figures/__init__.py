"""Figures layer: pure plotly figure builders (no files, no widgets)."""

from .palette import SAFE, colour_map
from .timeline import aligned_figure, lane_values, timeline_figure, timeline_traces

__all__ = ["SAFE", "aligned_figure", "colour_map", "lane_values", "timeline_figure", "timeline_traces"]
