"""Importing the op-ed's text, mapping its argument and locating its claims.

The op-ed's published text is not in these tests: a stand-in text, written here and marked as such, plays its
part, with the fragments the claims table quotes so that the claims can be located in it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from peacetalks.analysis import argument_map_template, check_argument_map, fill_argument_map, locate_claims
from peacetalks.cli import main
from peacetalks.data import DataError, OpedSource, datasets_dir, import_oped, load, oped_as_text, oped_source, package

REPO = Path(__file__).resolve().parents[1]
URL = "https://readersupportednews.org/opinion2/example-stand-in"
CREDIT = "Stand-in credit line used only by the tests."

STAND_IN = """Negotiating With Putin, Keeping it Real

By Marc Ash, Reader Supported News
Thursday, 27 October 2022 13:20

STAND-IN PARAGRAPH ONE, written for the tests and not the op-ed: a letter
signed by 30 House Progressives was withdrawn within 24 hours.

Stand-in paragraph two: someone said "peace in our time" long ago.

Stand-in paragraph three: a leader seemingly talks to Putin every week,
and grain went to Africa and the Middle East.

Stand-in paragraph four: negotiation has been tried.
"""


@pytest.fixture
def datasets(tmp_path, monkeypatch):
    """A private copy of the datasets, which the unit then loads instead of its own."""
    copy = tmp_path / "datasets"
    shutil.copytree(datasets_dir(), copy)
    monkeypatch.setenv(package.OVERRIDE_VARIABLE, str(copy))
    package.datasets_dir.cache_clear()
    package.descriptor.cache_clear()
    yield copy
    monkeypatch.delenv(package.OVERRIDE_VARIABLE)
    package.datasets_dir.cache_clear()
    package.descriptor.cache_clear()


@pytest.fixture
def stand_in(tmp_path) -> Path:
    path = tmp_path / "oped.txt"
    path.write_text(STAND_IN, encoding="utf-8")
    return path


def test_import_joins_wrapped_lines_and_leaves_out_the_header(datasets, stand_in):
    paragraphs, dropped = import_oped(stand_in, OpedSource(URL, CREDIT, "2022-10-27"))
    assert len(paragraphs) == 4 and len(dropped) == 2
    assert paragraphs[0].startswith("STAND-IN PARAGRAPH ONE") and "\n" not in paragraphs[0]
    assert "written for the tests and not the op-ed: a letter signed by 30" in paragraphs[0]
    oped = load("oped")
    assert oped["paragraph"].tolist() == [1, 2, 3, 4]
    assert oped["text"].tolist() == paragraphs
    source = oped_source()
    assert (source.url, source.credit, source.published) == (URL, CREDIT, "2022-10-27") and source.imported
    shown = oped_as_text(oped, source)
    assert CREDIT in shown and URL in shown and "[4] Stand-in paragraph four" in shown


def test_imported_table_passes_frictionless(datasets, stand_in):
    frictionless = pytest.importorskip("frictionless")
    import_oped(stand_in, OpedSource(URL, CREDIT))
    package_file = datasets / "datapackage.json"
    report = frictionless.Resource(json.loads(package_file.read_text())["resources"][0] | {"path": "oped.csv"},
                                   basepath=str(datasets)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])


def test_without_a_date_the_date_stays_unverified(datasets, stand_in):
    import_oped(stand_in, OpedSource(URL, CREDIT))
    assert "unverified" in oped_source().date_note


@pytest.mark.parametrize(("text", "source", "expected"), [
    ("<p>One</p>\n\n<p>Two</p>\n\n<p>Three</p>", OpedSource(URL, CREDIT), "looks like HTML"),
    ("only one paragraph\nwrapped over two lines", OpedSource(URL, CREDIT), "found 1 paragraph"),
    (STAND_IN, OpedSource("readersupportednews.org", CREDIT), "must be a web address"),
    (STAND_IN, OpedSource(URL, CREDIT, "27/10/2022"), "must be YYYY-MM-DD"),
    (STAND_IN, OpedSource(URL, CREDIT, "2023-10-27"), "outside autumn 2022"),
    (STAND_IN, OpedSource(URL, "  "), "credit line is empty"),
])
def test_a_bad_import_names_the_file_and_writes_nothing(datasets, tmp_path, text, source, expected):
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    before = (datasets / "oped.csv").read_bytes()
    with pytest.raises(DataError, match=expected) as caught:
        import_oped(path, source)
    assert str(path) in str(caught.value)
    assert (datasets / "oped.csv").read_bytes() == before
    assert not (datasets / "oped_source.json").exists()


def test_a_different_text_is_only_replaced_when_asked(datasets, stand_in, tmp_path):
    import_oped(stand_in, OpedSource(URL, CREDIT))
    import_oped(stand_in, OpedSource(URL, CREDIT))  # the same text again is fine
    other = tmp_path / "other.txt"
    other.write_text("First.\n\nSecond.\n\nThird.\n", encoding="utf-8")
    with pytest.raises(DataError, match="--replace"):
        import_oped(other, OpedSource(URL, CREDIT))
    assert len(load("oped")) == 4
    import_oped(other, OpedSource(URL, CREDIT), replace=True)
    assert load("oped")["text"].tolist() == ["First.", "Second.", "Third."]


def test_the_command_imports_and_reports(datasets, stand_in, capsys):
    assert main(["import-oped", str(stand_in), "--url", URL, "--credit", CREDIT, "--date", "2022-10-27"]) == 0
    out = capsys.readouterr().out
    assert "imported 4 paragraphs" in out and "left out a header line" in out
    assert "claim c01: paragraph 1" in out and "claim c05: paragraph 4" in out
    assert main(["import-oped", str(stand_in), "--url", "nowhere", "--credit", CREDIT]) == 1
    assert "nothing was written" in capsys.readouterr().err


def test_an_override_folder_without_a_package_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv(package.OVERRIDE_VARIABLE, str(tmp_path))
    package.datasets_dir.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="PEACETALKS_DATASETS"):
            package.datasets_dir()
    finally:
        monkeypatch.delenv(package.OVERRIDE_VARIABLE)
        package.datasets_dir.cache_clear()


def test_claims_are_located_in_the_paragraphs_that_make_them(datasets, stand_in):
    import_oped(stand_in, OpedSource(URL, CREDIT))
    located = locate_claims(load("oped_claims"), load("oped")).set_index("id")["found_in"]
    assert located["c01"] == [1]    # both quoted fragments must be in the same paragraph
    assert located["c02"] == [2]    # case and quotation marks do not matter
    assert located["c03"] == [3] and located["c04"] == [3]
    assert located["c05"] == [4]


def test_a_claim_quoting_a_fragment_the_text_lacks_is_not_located(datasets, stand_in):
    stand_in.write_text(STAND_IN.replace("within 24 hours", "the next day"), encoding="utf-8")
    import_oped(stand_in, OpedSource(URL, CREDIT))
    located = locate_claims(load("oped_claims"), load("oped")).set_index("id")["found_in"]
    assert located["c01"] == []


def test_argument_map_is_checked_in_plain_words():
    oped = load("oped") if len(load("oped")) else None
    template = argument_map_template(oped if oped is not None else 4)
    assert template.columns.tolist() == ["paragraph", "opening", "move", "summary"]
    partial = fill_argument_map(template, {1: "main claim", 2: "reasn"}, {1: "We should not negotiate now",
                                                                        2: " ".join(["word"] * 11)})
    problems = check_argument_map(partial)
    assert any("'reasn' is not one of the moves" in p for p in problems)
    assert any("11 words" in p for p in problems)
    assert any(p.startswith("paragraph 3: no move yet") for p in problems)
    complete = fill_argument_map(template, dict.fromkeys(template["paragraph"], "reason") | {1: "main claim"},
                                 dict.fromkeys(template["paragraph"], "short summary"))
    assert check_argument_map(complete) == []
    no_main = fill_argument_map(template, dict.fromkeys(template["paragraph"], "reason"),
                                dict.fromkeys(template["paragraph"], "short"))
    assert check_argument_map(no_main) == ["no paragraph is marked as the main claim: which one states what the "
                                           "author wants?"]


def test_the_shipped_op_ed_and_its_claims_agree():
    """Once the text is in: a source record, at least three paragraphs, each claim in the paragraph it names."""
    oped = load("oped")
    if oped.empty:
        assert oped_source() is None
        assert load("oped_claims")["paragraph"].isna().all(), "claims name paragraphs of a text that is not in"
        return
    assert len(oped) >= 3 and oped_source() is not None
    located = locate_claims(load("oped_claims"), oped)
    for claim in located.itertuples():
        assert claim.found_in, f"{claim.id}: its sentence is not in the op-ed's text"
        if claim.recorded_paragraph == claim.recorded_paragraph:  # not NaN
            assert int(claim.recorded_paragraph) in claim.found_in, f"{claim.id}: recorded in the wrong paragraph"


@pytest.mark.slow
def test_lesson_1_maps_the_paragraphs_from_the_data(datasets, stand_in):
    from peacetalks.course.check import execute_lesson

    import_oped(stand_in, OpedSource(URL, CREDIT, "2022-10-27"))
    executed = execute_lesson(REPO / "lessons" / "01-reading-the-oped.ipynb")  # the kernel inherits the override
    text = "\n".join(str(output) for cell in executed.cells if cell.cell_type == "code" for output in cell.outputs)
    assert "[1] STAND-IN PARAGRAPH ONE" in text and CREDIT in text
    assert "paragraph 4: no move yet" in text and "paragraph 5" not in text  # the map has the data's 4 paragraphs
    assert "[1]" in text.split("found_in")[-1]  # claim c01 located in paragraph 1
