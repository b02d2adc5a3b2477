"""Leaders' contacts: how often, and how long between them."""

from __future__ import annotations

import pandas as pd


def _of(contacts: pd.DataFrame, leader: str | None) -> pd.DataFrame:
    if leader is None:
        return contacts
    chosen = contacts[contacts["leader"] == leader]
    if chosen.empty:
        known = ", ".join(sorted(contacts["leader"].unique()))
        raise KeyError(f"no contacts with {leader!r}; leaders in the table: {known}")
    return chosen


def contacts_per_month(contacts: pd.DataFrame, leader: str | None = None) -> pd.Series:
    """Number of contacts in each calendar month (months without any count as 0), optionally for one leader."""
    chosen = _of(contacts, leader)
    months = pd.period_range(contacts["date"].min(), contacts["date"].max(), freq="M")
    counts = chosen["date"].dt.to_period("M").value_counts()
    return counts.reindex(months, fill_value=0).rename("contacts").rename_axis("month")


def gaps_between_contacts(contacts: pd.DataFrame, leader: str) -> pd.DataFrame:
    """Each contact with one leader and the days since the previous one (distinct dates only)."""
    dates = _of(contacts, leader)["date"].drop_duplicates().sort_values().reset_index(drop=True)
    return pd.DataFrame({"date": dates, "days_since_previous": dates.diff().dt.days.astype("Int64")})


def last_contact_before(contacts: pd.DataFrame, leader: str, when: str | pd.Timestamp) -> pd.Timestamp | None:
    """The date of the last contact with ``leader`` on or before ``when`` (None if there was none)."""
    dates = _of(contacts, leader)["date"]
    earlier = dates[dates <= pd.Timestamp(when)]
    return earlier.max() if not earlier.empty else None
