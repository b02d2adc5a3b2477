"""Clean the Black Sea Grain Initiative vessel-movement table into datasets/grain_voyages.csv.

Usage (from the repository root)::

    python datasets/scripts/clean_grain.py [RAW_CSV] [OUTPUT_CSV]

RAW_CSV defaults to ../shared/data/grain/jcc_vessel_movements_2023-05-17.csv and OUTPUT_CSV to
datasets/grain_voyages.csv, both relative to the repository root (the folder that holds datasets/).
The raw file is only read, never changed.

Source
------
The raw file is an unchanged copy of the table that UNCTAD's public visualisation repository
unctad-infovis/2022-black_sea_grain_initiative (public/assets/data/2022-black_sea_grain_initiative_table.csv,
data commit e9b8435 of 2023-05-17) built from the UN Joint Coordination Centre's (JCC) "vessel movements"
page, https://www.un.org/en/black-sea-grain-initiative/vessel-movements. One row is one cargo: a ship that
carried several cargoes (different goods or destinations) on one voyage has one row per cargo under the
same voyage number ("#").

Limits of the data (say so wherever it is used)
-----------------------------------------------
* It stops on 17 May 2023 (last departure in the file). The Initiative ran until 17 July 2023, two months
  longer. This file adds up to 30,282,396 t on 952 voyages; the UN's closing total was about 32.9 million t
  (reported as "nearly 33 million"; the UN Coordinator's update of 15 July 2023 gave 32.8 million). So it
  covers roughly 92 % of the tonnage and is not the final record.
* Destinations are the countries reported to the JCC when a ship left. The JCC itself warned that routes
  and cargo owners are set by trade and may change on the way. A destination is where a cargo was
  unloaded, not necessarily where it was eaten: ports such as those in Türkiye, Spain, Italy or the
  Netherlands process and re-export grain.
* Income groups and development status describe the destination country, not the buyer or the people
  who ate the food.
* Some destinations were recoded between UNCTAD's versions of the table (the first ship, Razoni, was once
  "TBD and Türkiye" / "Mixed" and is split here into Türkiye and Egypt; the World Food Programme ship
  Brave Commander unloaded in Djibouti for Ethiopia and is listed under Ethiopia). The values are kept as
  the raw file gives them.
* Voyage 148 has one IMO number (9543328) under two vessel names (NAVIN VULTURE, BLUE SHARK); kept as given.
* Cross-check: on 25 May 2023 TASS quoted a Turkish trade ministry official giving 30.3 million t on 953
  vessels, China 23 %, Spain 18 %, Turkey 11.87 %, corn 50 %, wheat 27 %. This file gives China 23.2 %,
  Spain 18.0 %, corn 50.4 %, wheat 27.6 %, and 222 cargoes to Türkiye as he said, but Türkiye's tonnage
  share here is 10.2 % (3.10 million t). Reports of the JCC's own figures gave Türkiye about 10 % too, so
  the 11.87 % is the Turkish official's number, not the JCC's.

Cleaning steps (one function each, run in this order)
-----------------------------------------------------
1.  check_columns: stop unless the raw header has every column the script uses.
2.  trim_text: strip spaces around every text value (ten vessel names have stray spaces). Whitespace
    only, so it is counted in the summary but not flagged.
3.  parse_dates: departure date and inspection-cleared date from M/D/YYYY to ISO 8601 YYYY-MM-DD. A
    departure date must be present; an inspection date may be blank (five cargoes were not yet cleared
    on 17 May 2023) and stays blank. Any value that is not a real M/D/YYYY date stops the script.
4.  tonnes_to_int: "Metric tons" as a whole number of tonnes; anything else stops the script.
5.  normalise_commodity: commodity names trimmed, inner spaces collapsed and written with a capital first
    letter only ("Soya beans", "Sunflower oil"). Names are not merged: "Canola" and "Rapeseed" stay apart
    because the JCC listed them apart. A change beyond whitespace flags "commodity".
6.  flag_destination: destination = the raw "Country". Values that name no single country ("Mixed",
    "TBD", "Unknown", blank) are kept as they are and flagged "destination".
7.  add_m49: M49 region and sub-region of each destination from M49_REGIONS below, which follows the UN
    Statistics Division's "Standard country or area codes for statistical use (M49)",
    https://unstats.un.org/unsd/methodology/m49/ (e.g. Türkiye, Israel, Yemen in Asia / Western Asia;
    Egypt and Sudan in Africa / Northern Africa; Iran in Asia / Southern Asia; Ethiopia, Kenya, Somalia,
    Djibouti in Africa / Sub-Saharan Africa). Flagged destinations get empty region fields. A country
    missing from the mapping stops the script.
8.  add_africa_or_middle_east: true when the destination is in Africa or the Middle East, defined as:
      - Africa = M49 region "Africa" (Northern Africa and Sub-Saharan Africa);
      - Middle East = M49 sub-region "Western Asia" except Armenia, Azerbaijan, Georgia and Cyprus,
        plus Iran (which M49 places in Southern Asia).
    So Türkiye, Israel, Lebanon, Saudi Arabia, Iraq, Jordan, Yemen, Oman, the UAE and Iran count as
    Middle East; Georgia does not. The lesson uses this to test the op-ed's claim that the grain went
    "to Africa and the Middle East". No single official definition of the Middle East exists, and
    counting Türkiye in it (about a fifth of all tonnes) changes the answer a lot, so lessons should show
    the share with and without Türkiye. Empty for flagged destinations.
9.  fill_income_group: the World Bank income group ("World Bank Income Classification"). 86 rows leave
    it blank; each is filled from the same country's value in other rows. If no other row has one, it is
    taken from the World Bank's FY2023 classification (in force from 1 July 2022 to 30 June 2023),
    "World Bank Country and Lending Groups",
    https://datahelpdesk.worldbank.org/knowledgebase/articles/906519-world-bank-country-and-lending-groups
    (WB_FY2023_FALLBACK below; only Iran needs it: lower middle income). Filled cells flag
    "income_group". A country with two different groups, or still without one, stops the script.
10. fill_development_status: UNCTAD's development status as the raw table gives it in "Development
    Status 2": "developed", "other developing" or "least developed" (developing = other developing plus
    least developed; the two-valued raw column "Development Status" is dropped as it says less). Blank
    cells are filled from the same country's other rows; if none, from DEV_STATUS_FALLBACK (only Iran:
    a developing economy in UNCTADstat's classification, https://unctadstat.unctad.org/EN/Classifications.html,
    and not on the UN list of least developed countries,
    https://www.un.org/development/desa/dpad/least-developed-country-category.html). Filled cells flag
    "development_status".
11. add_cargo_id: keep the raw voyage number ("#") and IMO number, and give every row a unique cargo_id
    "<voyage>-<n>", where n counts the cargoes of that voyage in the raw file's order (952-1; 936-1,
    936-2, 936-3). Rows are written in order of voyage number, then n.

Columns dropped: "Flag code" (an emoji code of the destination), "Development Status" (see step 10),
"Departure week" and "Departure Month" (blank in 86 rows and derivable from departure_date).

Output: UTF-8 CSV written with Python's csv module (RFC 4180: CRLF line ends, minimal quoting),
booleans as true/false, empty field = unknown or none. flag_filled lists, separated by ";", the output
columns whose value was filled, recoded or flagged in cleaning for that row. The script prints a
short summary when it is done.
"""

from __future__ import annotations

import csv
import re
import sys
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RAW = ROOT / ".." / "shared" / "data" / "grain" / "jcc_vessel_movements_2023-05-17.csv"
DEFAULT_OUT = ROOT / "datasets" / "grain_voyages.csv"

RAW_COLUMNS = [
    "#",
    "Vessel name",
    "IMO",
    "Departure port",
    "Country",
    "Commodity",
    "Metric tons",
    "Departure date",
    "Inspection cleared",
    "Development Status 2",
    "World Bank Income Classification",
]

ROW_SOURCE = "UN Joint Coordination Centre, Black Sea Grain Initiative vessel movements (UNCTAD copy, 2023-05-17)"

OUTPUT_COLUMNS = [
    "cargo_id",
    "voyage",
    "vessel",
    "imo",
    "departure_port",
    "departure_date",
    "inspection_date",
    "destination",
    "m49_region",
    "m49_subregion",
    "africa_or_middle_east",
    "income_group",
    "development_status",
    "commodity",
    "tonnes",
    "flag_filled",
    "source",
]

# Destinations that name no single country: kept as given, flagged, no region.
NOT_A_COUNTRY = {"", "mixed", "tbd", "unknown", "n/a", "various"}

# UN Statistics Division, Standard country or area codes for statistical use (M49),
# https://unstats.un.org/unsd/methodology/m49/
# Destination (as spelt in the raw file) -> (region, sub-region).
M49_REGIONS: dict[str, tuple[str, str]] = {
    # Africa
    "Algeria": ("Africa", "Northern Africa"),
    "Egypt": ("Africa", "Northern Africa"),
    "Libya": ("Africa", "Northern Africa"),
    "Morocco": ("Africa", "Northern Africa"),
    "Sudan": ("Africa", "Northern Africa"),
    "Tunisia": ("Africa", "Northern Africa"),
    "Djibouti": ("Africa", "Sub-Saharan Africa"),
    "Ethiopia": ("Africa", "Sub-Saharan Africa"),
    "Kenya": ("Africa", "Sub-Saharan Africa"),
    "Somalia": ("Africa", "Sub-Saharan Africa"),
    # Asia
    "China": ("Asia", "Eastern Asia"),
    "Japan": ("Asia", "Eastern Asia"),
    "Republic of Korea": ("Asia", "Eastern Asia"),
    "Indonesia": ("Asia", "South-eastern Asia"),
    "Malaysia": ("Asia", "South-eastern Asia"),
    "Thailand": ("Asia", "South-eastern Asia"),
    "Viet Nam": ("Asia", "South-eastern Asia"),
    "Afghanistan": ("Asia", "Southern Asia"),
    "Bangladesh": ("Asia", "Southern Asia"),
    "India": ("Asia", "Southern Asia"),
    "Iran": ("Asia", "Southern Asia"),
    "Pakistan": ("Asia", "Southern Asia"),
    "Sri Lanka": ("Asia", "Southern Asia"),
    "Georgia": ("Asia", "Western Asia"),
    "Iraq": ("Asia", "Western Asia"),
    "Israel": ("Asia", "Western Asia"),
    "Jordan": ("Asia", "Western Asia"),
    "Lebanon": ("Asia", "Western Asia"),
    "Oman": ("Asia", "Western Asia"),
    "Saudi Arabia": ("Asia", "Western Asia"),
    "Türkiye": ("Asia", "Western Asia"),
    "United Arab Emirates": ("Asia", "Western Asia"),
    "Yemen": ("Asia", "Western Asia"),
    # Europe
    "Bulgaria": ("Europe", "Eastern Europe"),
    "Romania": ("Europe", "Eastern Europe"),
    "Ireland": ("Europe", "Northern Europe"),
    "United Kingdom": ("Europe", "Northern Europe"),
    "Greece": ("Europe", "Southern Europe"),
    "Italy": ("Europe", "Southern Europe"),
    "Portugal": ("Europe", "Southern Europe"),
    "Spain": ("Europe", "Southern Europe"),
    "Belgium": ("Europe", "Western Europe"),
    "France": ("Europe", "Western Europe"),
    "Germany": ("Europe", "Western Europe"),
    "The Netherlands": ("Europe", "Western Europe"),
}

# Western Asia members left out of "Middle East", and Southern Asia members put in (see step 8).
NOT_MIDDLE_EAST = {"Armenia", "Azerbaijan", "Georgia", "Cyprus"}
EXTRA_MIDDLE_EAST = {"Iran"}

# World Bank FY2023 income groups (1 July 2022 - 30 June 2023), "World Bank Country and Lending Groups",
# https://datahelpdesk.worldbank.org/knowledgebase/articles/906519-world-bank-country-and-lending-groups
# Used only where no other row of the same country has a value.
WB_FY2023_FALLBACK = {"Iran": "Lower middle income"}

# UNCTADstat classification (developing economy) and UN LDC list (Iran is not an LDC); see step 10.
DEV_STATUS_FALLBACK = {"Iran": "other developing"}

INCOME_GROUPS = {"High income", "Upper middle income", "Lower middle income", "Low income"}
DEV_STATUSES = {"developed", "other developing", "least developed"}

DATE_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class CleaningError(ValueError):
    """A raw value the script cannot clean safely; the message names the raw row."""


def where(df: pd.DataFrame, idx: int) -> str:
    """Name a row for error messages: its line in the raw file, voyage number and vessel."""
    return f"raw line {df.at[idx, 'raw_line']} (voyage #{df.at[idx, '#']}, {df.at[idx, 'Vessel name']})"


def add_flag(df: pd.DataFrame, mask: pd.Series, column: str) -> int:
    """Append an output column name to flag_filled on the rows in mask; return how many rows."""
    for idx in df.index[mask]:
        flags = df.at[idx, "flag_filled"]
        df.at[idx, "flag_filled"] = f"{flags};{column}" if flags else column
    return int(mask.sum())


def read_raw(path: Path) -> pd.DataFrame:
    """Read the raw CSV with every value as text, so nothing is guessed or turned into NaN."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    df["raw_line"] = range(2, len(df) + 2)  # line 1 is the header; no field spans two lines
    df["flag_filled"] = ""
    return df


def check_columns(df: pd.DataFrame) -> int:
    """Stop unless every raw column the script uses is present (guards against a changed export)."""
    missing = [c for c in RAW_COLUMNS if c not in df.columns]
    if missing:
        raise CleaningError(f"raw file lacks columns: {', '.join(missing)}")
    return 0


def trim_text(df: pd.DataFrame) -> int:
    """Strip surrounding spaces from every raw text value; return how many cells changed.

    Stray spaces (e.g. 'ARGO I ') would make one vessel look like two; removing them changes no meaning.
    """
    changed = 0
    for col in RAW_COLUMNS:
        stripped = df[col].str.strip()
        changed += int((stripped != df[col]).sum())
        df[col] = stripped
    return changed


def to_iso(value: str, df: pd.DataFrame, idx: int, column: str) -> str:
    """Turn one M/D/YYYY value into YYYY-MM-DD, or stop naming the row if it is not a real date."""
    match = DATE_RE.fullmatch(value)
    if not match:
        raise CleaningError(f"{where(df, idx)}: cannot parse {column} {value!r} as M/D/YYYY")
    month, day, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError as exc:
        raise CleaningError(f"{where(df, idx)}: {column} {value!r} is not a real date ({exc})") from exc


def parse_dates(df: pd.DataFrame) -> int:
    """Write departure and inspection-cleared dates as ISO 8601, the project's date format.

    Departure must be present; a blank inspection date means not yet cleared and stays blank.
    Returns how many inspection dates are blank.
    """
    departures, inspections = [], []
    for idx in df.index:
        dep = df.at[idx, "Departure date"]
        if not dep:
            raise CleaningError(f"{where(df, idx)}: departure date is blank")
        departures.append(to_iso(dep, df, idx, "departure date"))
        insp = df.at[idx, "Inspection cleared"]
        inspections.append(to_iso(insp, df, idx, "inspection date") if insp else "")
    df["departure_date"] = departures
    df["inspection_date"] = inspections
    return sum(1 for v in inspections if not v)


def tonnes_to_int(df: pd.DataFrame) -> int:
    """Read 'Metric tons' as whole tonnes so totals and shares can be summed exactly."""
    values = []
    for idx in df.index:
        raw = df.at[idx, "Metric tons"].replace(",", "")
        if not raw.isdigit() or int(raw) <= 0:
            raise CleaningError(
                f"{where(df, idx)}: metric tons {df.at[idx, 'Metric tons']!r} is not a whole number"
            )
        values.append(int(raw))
    df["tonnes"] = values
    return 0


def normalise_commodity(df: pd.DataFrame) -> int:
    """Give commodity names one spelling: trimmed, single spaces, capital first letter only.

    The same good written 'Sunflower Oil' and 'Sunflower oil' would be counted as two goods.
    """

    def tidy(name: str) -> str:
        name = " ".join(name.split())
        return name[:1].upper() + name[1:].lower()

    df["commodity"] = df["Commodity"].map(tidy)
    return add_flag(df, df["commodity"] != df["Commodity"], "commodity")


def flag_destination(df: pd.DataFrame) -> int:
    """Keep the raw destination, but flag values that name no single country ('Mixed', 'TBD', blank)."""
    df["destination"] = df["Country"]
    df["no_country"] = df["destination"].str.lower().isin(NOT_A_COUNTRY)
    return add_flag(df, df["no_country"], "destination")


def add_m49(df: pd.DataFrame) -> int:
    """Add the UN M49 region and sub-region of each destination country, so places group the UN's way."""
    regions, subregions = [], []
    for idx in df.index:
        country = df.at[idx, "destination"]
        if df.at[idx, "no_country"]:
            regions.append("")
            subregions.append("")
            continue
        if country not in M49_REGIONS:
            raise CleaningError(f"{where(df, idx)}: destination {country!r} has no M49 region in M49_REGIONS")
        region, subregion = M49_REGIONS[country]
        regions.append(region)
        subregions.append(subregion)
    df["m49_region"] = regions
    df["m49_subregion"] = subregions
    return int((df["m49_region"] != "").sum())


def is_africa_or_middle_east(country: str, region: str, subregion: str) -> bool:
    """Apply the step-8 definition: M49 Africa, or Western Asia less the Caucasus and Cyprus, plus Iran."""
    if region == "Africa":
        return True
    if subregion == "Western Asia":
        return country not in NOT_MIDDLE_EAST
    return country in EXTRA_MIDDLE_EAST


def add_africa_or_middle_east(df: pd.DataFrame) -> int:
    """Mark cargoes bound for Africa or the Middle East, to test the op-ed's claim about where grain went."""
    values = []
    for idx in df.index:
        if df.at[idx, "no_country"]:
            values.append("")
            continue
        flag = is_africa_or_middle_east(
            df.at[idx, "destination"], df.at[idx, "m49_region"], df.at[idx, "m49_subregion"]
        )
        values.append("true" if flag else "false")
    df["africa_or_middle_east"] = values
    return values.count("true")


def fill_from_country(
    df: pd.DataFrame, raw_col: str, out_col: str, fallback: dict[str, str], allowed: set[str]
) -> int:
    """Copy raw_col to out_col, filling blanks from the same country's other rows, then from fallback.

    A country's group is a property of the country, so a blank cell can take the value its other rows
    carry. Stops if a country has two different values, a value is not an allowed one, or a real
    country is still blank. Flags the filled cells with out_col and returns how many were filled.
    """
    known = df[(df[raw_col] != "") & ~df["no_country"]]
    per_country = known.groupby("destination")[raw_col].unique()
    for country, vals in per_country.items():
        if len(vals) > 1:
            raise CleaningError(f"{raw_col}: {country!r} has conflicting values {sorted(vals)}")
    lookup = {country: vals[0] for country, vals in per_country.items()}
    values = []
    for idx in df.index:
        value, country = df.at[idx, raw_col], df.at[idx, "destination"]
        if not value and not df.at[idx, "no_country"]:
            value = lookup.get(country) or fallback.get(country, "")
            if not value:
                raise CleaningError(f"{where(df, idx)}: no {out_col} for {country!r}; add it to the fallback")
        if value and value not in allowed:
            raise CleaningError(f"{where(df, idx)}: unexpected {out_col} {value!r}")
        values.append(value)
    df[out_col] = values
    return add_flag(df, (df[raw_col] == "") & (df[out_col] != ""), out_col)


def fill_income_group(df: pd.DataFrame) -> int:
    """Fill blank World Bank income groups from other rows, else from the World Bank FY2023 list."""
    return fill_from_country(
        df, "World Bank Income Classification", "income_group", WB_FY2023_FALLBACK, INCOME_GROUPS
    )


def fill_development_status(df: pd.DataFrame) -> int:
    """Fill blank UNCTAD development statuses from other rows, else from DEV_STATUS_FALLBACK."""
    return fill_from_country(
        df, "Development Status 2", "development_status", DEV_STATUS_FALLBACK, DEV_STATUSES
    )


def add_cargo_id(df: pd.DataFrame) -> int:
    """Keep voyage number and IMO; add cargo_id '<voyage>-<n>' so every cargo row has its own key."""
    for idx in df.index:
        if not df.at[idx, "#"].isdigit():
            raise CleaningError(f"{where(df, idx)}: voyage number {df.at[idx, '#']!r} is not a number")
        if not re.fullmatch(r"\d{7}", df.at[idx, "IMO"]):
            raise CleaningError(f"{where(df, idx)}: IMO {df.at[idx, 'IMO']!r} is not seven digits")
    df["voyage"] = df["#"].astype(int)
    df["imo"] = df["IMO"]
    df["vessel"] = df["Vessel name"]
    df["departure_port"] = df["Departure port"]
    df["cargo_no"] = df.groupby("voyage").cumcount() + 1
    df["cargo_id"] = df["voyage"].astype(str) + "-" + df["cargo_no"].astype(str)
    if df["cargo_id"].duplicated().any():
        raise CleaningError("cargo_id is not unique")
    return int((df["cargo_no"] > 1).sum())


STEPS = [
    check_columns,
    trim_text,
    parse_dates,
    tonnes_to_int,
    normalise_commodity,
    flag_destination,
    add_m49,
    add_africa_or_middle_east,
    fill_income_group,
    fill_development_status,
    add_cargo_id,
]

STEP_NOTES = {
    "trim_text": "text cells trimmed",
    "parse_dates": "inspection dates left blank",
    "normalise_commodity": "commodity names recoded",
    "flag_destination": "destinations flagged (no single country)",
    "add_m49": "rows given an M49 region",
    "add_africa_or_middle_east": "rows to Africa or the Middle East",
    "fill_income_group": "income groups filled",
    "fill_development_status": "development statuses filled",
    "add_cargo_id": "2nd or later cargoes of a voyage",
}


def clean(raw_path: Path) -> tuple[pd.DataFrame, dict[str, int]]:
    """Run every step in order on the raw file; return the output table and a count per step."""
    df = read_raw(raw_path)
    counts = {step.__name__: step(df) for step in STEPS}
    out = df.sort_values(["voyage", "cargo_no"], kind="stable")
    out["source"] = ROW_SOURCE  # every row carries its citation, as the unit's other tables do
    return out[OUTPUT_COLUMNS].reset_index(drop=True), counts


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write UTF-8 CSV with Python's csv module (RFC 4180 quoting), header row first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)  # RFC 4180: CRLF line ends, minimal quoting
        writer.writerow(OUTPUT_COLUMNS)
        writer.writerows(df.itertuples(index=False, name=None))


def summarise(df: pd.DataFrame, counts: dict[str, int], out_path: Path) -> str:
    """Return a short report: rows, voyages, tonnes, date range and rows touched per step."""
    lines = [
        f"wrote {out_path}",
        f"rows: {len(df):,}  voyages: {df['voyage'].nunique():,}  tonnes: {df['tonnes'].sum():,}",
        f"departures: {df['departure_date'].min()} to {df['departure_date'].max()}",
    ]
    lines += [f"  {name}: {counts[name]:,} {note}" for name, note in STEP_NOTES.items()]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Read the raw CSV (argv[1]) and write the clean one (argv[2]); print a summary."""
    raw_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_RAW
    out_path = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    try:
        df, counts = clean(raw_path)
    except CleaningError as exc:
        print(f"clean_grain: error: {exc}", file=sys.stderr)
        return 1
    write_csv(df, out_path)
    print(summarise(df, counts, out_path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
