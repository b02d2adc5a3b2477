"""The datasets: schema-valid, cited, consistent, and loaded with errors that name the row and column."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from peacetalks.data import DataError, datasets_dir, descriptor, load, load_timeline, table_names

TIMELINES = ["munich_timeline", "ukraine_timeline"]
CITED = ["munich_timeline", "ukraine_timeline", "leader_contacts", "analogy_uses", "historiography"]
MINIMUM_ROWS = {"munich_timeline": 30, "ukraine_timeline": 50, "leader_contacts": 60, "analogy_uses": 12,
                "historiography": 10, "grain_voyages": 1085}


def present(name: str) -> bool:
    entry = next(r for r in descriptor()["resources"] if r["name"] == name)
    return (datasets_dir() / entry["path"]).is_file()


@pytest.mark.parametrize("name", table_names())
def test_every_table_loads_typed(name):
    if not present(name):
        pytest.skip(f"{name} is not in datasets/ yet")
    table = load(name)
    assert isinstance(table, pd.DataFrame)
    for field in next(r for r in descriptor()["resources"] if r["name"] == name)["schema"]["fields"]:
        if field.get("type") == "date":
            assert pd.api.types.is_datetime64_any_dtype(table[field["name"]]), field["name"]


@pytest.mark.parametrize("name", sorted(MINIMUM_ROWS))
def test_tables_reach_their_minimum_size(name):
    if not present(name):
        pytest.skip(f"{name} is not in datasets/ yet")
    assert len(load(name)) >= MINIMUM_ROWS[name]


@pytest.mark.parametrize("name", CITED)
def test_every_row_is_cited(name):
    if not present(name):
        pytest.skip(f"{name} is not in datasets/ yet")
    table = load(name)
    assert table["source"].notna().all() and table["url"].notna().all()
    assert table["url"].str.match(r"https?://").all()


@pytest.mark.parametrize("name", TIMELINES)
def test_timelines_are_consistent(name):
    if not present(name):
        pytest.skip(f"{name} is not in datasets/ yet")
    table = load(name)
    assert table["id"].is_unique
    spans = table.dropna(subset=["end"])
    assert (spans["end"] >= spans["start"]).all()
    period = next(r for r in descriptor()["resources"] if r["name"] == name)["period"]
    assert table["start"].between(period["start"], period["end"]).all()


def test_grain_totals_match_the_raw_file():
    grain = load("grain_voyages")
    assert grain["source"].str.startswith("UN Joint Coordination Centre").all()
    assert grain["tonnes"].sum() == 30_282_396
    assert grain["voyage"].nunique() == 952
    assert grain["departure_date"].min() == pd.Timestamp("2022-08-01")
    assert grain["departure_date"].max() == pd.Timestamp("2023-05-17")


def test_loading_returns_an_independent_copy():
    first = load("munich_timeline")
    first.loc[0, "title"] = "changed"
    assert load("munich_timeline").loc[0, "title"] != "changed"


def test_timeline_round_trips_through_csv(tmp_path):
    munich = load("munich_timeline")
    path = tmp_path / "mine.csv"
    munich.assign(start=munich["start"].dt.strftime("%Y-%m-%d"),
                  end=munich["end"].dt.strftime("%Y-%m-%d")).to_csv(path, index=False)
    again = load_timeline(path)
    pd.testing.assert_frame_equal(again, munich)
    pd.testing.assert_frame_equal(load_timeline(munich), munich)


def test_datapackage_is_valid_frictionless():
    frictionless = pytest.importorskip("frictionless")
    root = datasets_dir()
    package = frictionless.Package(str(root / "datapackage.json"))
    names = [r.name for r in package.resources if (root / r.path).is_file()]
    for name in names:
        report = package.get_resource(name).validate()
        errors = report.flatten(["rowNumber", "fieldName", "type", "note"])
        assert report.valid, f"{name}: {errors[:5]}"


# --- a teacher's own timeline: bad input gets an error naming the file, row and column ---

GOOD = ("id,start,end,precision,title,description,actors,category,source,url,quote,quote_by,note\n"
        "a-event,2020-01-02,,day,A,Something happened.,Ruritania,talks,A source,https://example.org/a,,,\n"
        "b-event,2020-02-03,2020-02-05,day,B,Something else.,Ruritania,agreement,A source,https://example.org/b,,,\n")


def write(tmp_path, text):
    path = tmp_path / "teacher.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_teacher_timeline_loads(tmp_path):
    table = load_timeline(write(tmp_path, GOOD))
    assert list(table["id"]) == ["a-event", "b-event"]
    assert table["category"].dtype == "category"


@pytest.mark.parametrize("change, expected", [
    (lambda t: t.replace(",quote_by,note", ",quote_by"), "column 'note': required column is missing"),
    (lambda t: t.replace("2020-02-03", "2020-02-31"), "row 3, column 'start': '2020-02-31' is not a date"),
    (lambda t: t.replace("2020-01-02", "02/01/2020"), "row 2, column 'start': '02/01/2020' is not a date"),
    (lambda t: t.replace(",A source,https://example.org/b", ",,https://example.org/b"),
     "row 3, column 'source': is empty but required"),
    (lambda t: t.replace("b-event", "a-event"), "row 3, column 'id': 'a-event' appears more than once"),
    (lambda t: t.replace("2020-02-05", "2020-01-05"), "row 3, column 'end': end is before start"),
    (lambda t: t.replace(",talks,", ",chat,"), "row 2, column 'category': 'chat' is not one of"),
    (lambda t: t.replace("Ruritania,talks,A source,https://example.org/a,,,",
                         "Ruritania,talks,A source,https://example.org/a,We will talk.,,"),
     "row 2, column 'quote_by': a quotation needs quote_by"),
])
def test_a_bad_teacher_timeline_names_file_row_and_column(tmp_path, change, expected):
    path = write(tmp_path, change(GOOD))
    with pytest.raises(DataError) as caught:
        load_timeline(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    bad = GOOD.replace("2020-02-03", "someday").replace(",A source,https://example.org/a", ",,https://example.org/a")
    with pytest.raises(DataError) as caught:
        load_timeline(write(tmp_path, bad))
    assert len(caught.value.problems) == 2


@pytest.mark.parametrize("content, expected", [
    ("", "the file is empty"),
    (b"\xff\xfe\x00bad", "is not UTF-8 text"),
])
def test_unreadable_files_are_named(tmp_path, content, expected):
    path = tmp_path / "broken.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(DataError, match=expected):
        load_timeline(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataError, match="nothing.csv: file not found"):
        load_timeline(tmp_path / "nothing.csv")


def test_an_unknown_table_lists_the_known_ones():
    with pytest.raises(KeyError, match="munich_timeline"):
        load("munich")


def test_a_broken_packaged_table_names_its_file(tmp_path, monkeypatch):
    import sys

    import peacetalks.data.package as package

    loader = sys.modules["peacetalks.data.load"]

    copy = tmp_path / "datasets"
    shutil.copytree(datasets_dir(), copy)
    text = (copy / "munich_timeline.csv").read_text(encoding="utf-8").replace("1938-09-29", "1938-09-XX", 1)
    (copy / "munich_timeline.csv").write_text(text, encoding="utf-8")
    package.datasets_dir.cache_clear()
    package.descriptor.cache_clear()
    monkeypatch.setattr(loader, "datasets_dir", lambda: copy)
    try:
        with pytest.raises(DataError, match=r"datasets/munich_timeline.csv, row \d+, column 'start'"):
            load("munich_timeline")
    finally:
        package.datasets_dir.cache_clear()
        package.descriptor.cache_clear()
