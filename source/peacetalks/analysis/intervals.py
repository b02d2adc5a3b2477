"""Dates and intervals between events of a timeline."""

from __future__ import annotations

import pandas as pd


def event_date(timeline: pd.DataFrame, event_id: str) -> pd.Timestamp:
    """The start date of one event, or a KeyError that names the id and suggests near matches."""
    match = timeline.loc[timeline["id"] == event_id, "start"]
    if match.empty:
        words = set(event_id.split("-"))
        near = [i for i in timeline["id"] if words & set(str(i).split("-"))][:5]
        hint = f"; did you mean one of: {', '.join(near)}" if near else ""
        raise KeyError(f"no event with id {event_id!r} in this timeline{hint}")
    return match.iloc[0]


def days_between(timeline: pd.DataFrame, first_id: str, second_id: str) -> int:
    """Whole days from the start of ``first_id`` to the start of ``second_id`` (negative if it comes before)."""
    return int((event_date(timeline, second_id) - event_date(timeline, first_id)).days)
