"""Put two timelines side by side, each counted in days from an anchor event of its own."""

from __future__ import annotations

import pandas as pd

from .intervals import event_date


def align_on_anchor(timeline: pd.DataFrame, anchor_id: str, label: str | None = None) -> pd.DataFrame:
    """A copy of ``timeline`` with ``days_from_anchor`` (start minus the anchor's start) and ``series``."""
    anchor = event_date(timeline, anchor_id)
    aligned = timeline.copy()
    aligned["days_from_anchor"] = (aligned["start"] - anchor).dt.days
    aligned["series"] = label or anchor_id
    return aligned.sort_values("days_from_anchor", kind="stable").reset_index(drop=True)


def interval_pairs(left: pd.DataFrame, left_pair: tuple[str, str], right: pd.DataFrame,
                   right_pair: tuple[str, str]) -> pd.DataFrame:
    """The interval in days between a chosen pair of events in each of two timelines, side by side."""
    rows = []
    for name, table, (first, second) in (("left", left, left_pair), ("right", right, right_pair)):
        start, end = event_date(table, first), event_date(table, second)
        rows.append({"timeline": name, "from_event": first, "to_event": second, "from_date": start,
                     "to_date": end, "days": int((end - start).days)})
    return pd.DataFrame(rows)
