"""Analysis layer: pure functions on the unit's DataFrames (no files, no figures)."""

from .align import align_on_anchor, interval_pairs
from .contacts import contacts_per_month, gaps_between_contacts, last_contact_before
from .grain import share_of_tonnes, tonnes_between, tonnes_by_period
from .intervals import days_between, event_date

__all__ = [
    "align_on_anchor", "contacts_per_month", "days_between", "event_date", "gaps_between_contacts",
    "interval_pairs", "last_contact_before", "share_of_tonnes", "tonnes_between", "tonnes_by_period",
]
