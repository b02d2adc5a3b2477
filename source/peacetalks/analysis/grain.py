"""The Black Sea Grain Initiative by the numbers: totals and shares of tonnes."""

from __future__ import annotations

import pandas as pd


def share_of_tonnes(grain: pd.DataFrame, by: str) -> pd.DataFrame:
    """Tonnes and percentage share of the total for each value of column ``by``, largest first.

    Rows whose ``by`` value is missing are kept as "(not known)", so the shares add up to 100.
    """
    groups = grain[by].astype("object").where(grain[by].notna(), "(not known)")
    tonnes = grain.groupby(groups, observed=True)["tonnes"].sum().sort_values(ascending=False)
    table = tonnes.rename("tonnes").to_frame()
    table["share_percent"] = 100 * table["tonnes"] / table["tonnes"].sum()
    return table.rename_axis(by).reset_index()


def tonnes_by_period(grain: pd.DataFrame, freq: str = "W") -> pd.Series:
    """Tonnes leaving port in each period (``W`` weeks, ``M`` months); periods with no sailings count as 0."""
    periods = grain["departure_date"].dt.to_period(freq)
    full = pd.period_range(periods.min(), periods.max(), freq=freq)
    return grain.groupby(periods)["tonnes"].sum().reindex(full, fill_value=0).rename("tonnes")


def tonnes_between(grain: pd.DataFrame, start: str, end: str) -> int:
    """Tonnes that left port from ``start`` to ``end`` inclusive (ISO dates)."""
    inside = grain["departure_date"].between(pd.Timestamp(start), pd.Timestamp(end))
    return int(grain.loc[inside, "tonnes"].sum())
