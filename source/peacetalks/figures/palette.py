"""Colour-blind-safe colours (plotly's qualitative "Safe" palette, after Paul Tol)."""

from __future__ import annotations

import plotly.express as px

SAFE: list[str] = list(px.colors.qualitative.Safe)


def colour_map(values) -> dict[str, str]:
    """A stable colour for each value, in the order given."""
    return {value: SAFE[i % len(SAFE)] for i, value in enumerate(values)}
