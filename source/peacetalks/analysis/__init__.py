"""Analysis layer: pure functions on the unit's DataFrames (no files, no figures)."""

from .align import align_on_anchor, interval_pairs
from .argument import MOVES, argument_map_template, check_argument_map, fill_argument_map, locate_claims
from .contacts import contacts_per_month, gaps_between_contacts, last_contact_before
from .grain import share_of_tonnes, tonnes_between, tonnes_by_period
from .intervals import days_between, event_date

__all__ = [
    "MOVES", "align_on_anchor", "argument_map_template", "check_argument_map", "contacts_per_month",
    "days_between", "event_date", "fill_argument_map", "gaps_between_contacts", "interval_pairs",
    "last_contact_before", "locate_claims", "share_of_tonnes", "tonnes_between", "tonnes_by_period",
]
