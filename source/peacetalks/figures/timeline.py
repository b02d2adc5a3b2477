"""Timeline figures: events as points, spans as bars, in lanes by category or by actor."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .palette import colour_map

HOVER = "<b>%{text}</b><br>%{customdata[1]}<extra></extra>"


def lane_values(events: pd.DataFrame, lanes: str) -> pd.DataFrame:
    """One row per (event, lane): ``lane`` is the category, or each actor of a ';'-separated list."""
    if lanes == "category":
        return events.assign(lane=events["category"].astype(str))
    if lanes == "actors":
        exploded = events.assign(lane=events["actors"].astype(str).str.split(";")).explode("lane")
        return exploded.assign(lane=exploded["lane"].str.strip())
    raise ValueError(f"lanes must be 'category' or 'actors', not {lanes!r}")


def _date_label(row_start: pd.Series, row_end: pd.Series) -> np.ndarray:
    start = row_start.dt.strftime("%d %b %Y")
    end = row_end.dt.strftime("%d %b %Y")
    return np.where(row_end.notna(), start + " to " + end.fillna(""), start)


def timeline_traces(events: pd.DataFrame, lanes: str, lane_order: list[str]) -> list[dict]:
    """Plain data for one marker trace per lane and one trace for all spans; used to build and to update."""
    rows = lane_values(events, lanes)
    labels = _date_label(rows["start"], rows["end"])
    traces = []
    for lane in lane_order:
        mask = (rows["lane"] == lane).to_numpy()
        traces.append({"x": rows["start"].to_numpy()[mask], "y": rows["lane"].to_numpy()[mask],
                       "text": rows["title"].to_numpy()[mask],
                       "customdata": np.stack([rows["id"].to_numpy()[mask], labels[mask]], axis=-1)
                       if mask.any() else np.empty((0, 2), dtype=object)})
    spans = rows[rows["end"].notna()]
    xs, ys = [], []
    for start, end, lane in zip(spans["start"], spans["end"], spans["lane"], strict=True):
        xs += [start, end, None]
        ys += [lane, lane, None]
    traces.append({"x": xs, "y": ys})
    return traces


def timeline_figure(events: pd.DataFrame, lanes: str = "category", title: str | None = None,
                    lane_order: list[str] | None = None) -> go.Figure:
    """A timeline of ``events`` (the timeline schema): a marker per event, a bar per multi-day span."""
    order = lane_order or sorted(lane_values(events, lanes)["lane"].dropna().unique())
    colours = colour_map(order)
    data = timeline_traces(events, lanes, order)
    figure = go.Figure()
    for lane, trace in zip(order, data[:-1], strict=True):
        figure.add_trace(go.Scatter(mode="markers", name=lane, marker={"size": 11, "color": colours[lane],
                                    "line": {"width": 1, "color": "#333"}}, hovertemplate=HOVER, **trace))
    figure.add_trace(go.Scatter(mode="lines", name="lasted several days", line={"width": 6, "color": "#888"},
                                hoverinfo="skip", showlegend=True, **data[-1]))
    figure.update_layout(title=title, height=160 + 34 * len(order), margin={"l": 10, "r": 10, "t": 50, "b": 40},
                         xaxis={"type": "date", "title": None}, yaxis={"title": None, "categoryorder": "array",
                                                                        "categoryarray": list(reversed(order))},
                         legend={"orientation": "h", "y": -0.25}, hovermode="closest", template="plotly_white")
    return figure


def aligned_figure(left: pd.DataFrame, right: pd.DataFrame, left_label: str, right_label: str,
                   marked: dict[str, list[str]] | None = None) -> go.Figure:
    """Two timelines on one axis of days before and after each one's anchor (``days_from_anchor``)."""
    colours = colour_map([left_label, right_label])
    figure = go.Figure()
    for table, label in ((left, left_label), (right, right_label)):
        chosen = set((marked or {}).get(label, []))
        sizes = np.where(table["id"].isin(chosen), 18, 10)
        figure.add_trace(go.Scatter(
            x=table["days_from_anchor"], y=[label] * len(table), mode="markers", name=label, text=table["title"],
            customdata=np.stack([table["id"], table["start"].dt.strftime("%d %b %Y")], axis=-1),
            marker={"size": sizes, "color": colours[label], "line": {"width": 1, "color": "#333"}},
            hovertemplate="<b>%{text}</b><br>%{customdata[1]}, day %{x}<extra></extra>"))
    figure.add_vline(x=0, line_dash="dash", line_color="#555")
    figure.update_layout(height=260, margin={"l": 10, "r": 10, "t": 40, "b": 40}, template="plotly_white",
                         xaxis={"title": "days from the anchor event (negative = before)", "zeroline": False},
                         yaxis={"title": None}, showlegend=False)
    return figure
