"""Widgets, driven from Python: controls change the figure's traces, details show the source link."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from peacetalks.data import load
from peacetalks.widgets import AnalogyAligner, SelfCheck, Timeline
from peacetalks.widgets.figure import REPLY as FIGURE_MODULE_REPLY
from peacetalks.widgets.figure import REQUEST as FIGURE_MODULE_REQUEST
from peacetalks.widgets.figure import plotly_widget_module


@pytest.fixture(scope="module")
def munich():
    return load("munich_timeline")


@pytest.fixture(scope="module")
def ukraine():
    return load("ukraine_timeline")


def shown_ids(timeline: Timeline) -> set[str]:
    ids = set()
    for trace in timeline.figure.data[:-1]:
        if trace.customdata is not None and len(trace.customdata):
            ids |= {row[0] for row in trace.customdata}
    return ids


def count_updates(figure, monkeypatch) -> list:
    sent = []
    for name in ("_send_update_msg", "_send_restyle_msg", "_send_relayout_msg"):
        original = getattr(figure, name)
        monkeypatch.setattr(figure, name, lambda *a, _o=original, _n=name, **k: (sent.append(_n), _o(*a, **k)))
    return sent


def test_every_event_is_drawn_in_its_category_lane(munich):
    timeline = Timeline(munich)
    assert shown_ids(timeline) == set(munich["id"])
    lanes = {trace.name for trace in timeline.figure.data[:-1]}
    assert lanes == set(munich["category"].astype(str))


def test_a_category_filter_sends_one_update_and_hides_the_rest(munich, monkeypatch):
    timeline = Timeline(munich)
    sent = count_updates(timeline.figure, monkeypatch)
    timeline.category_filter.value = ("agreement",)
    assert sent == ["_send_update_msg"]
    assert shown_ids(timeline) == set(munich.loc[munich["category"] == "agreement", "id"])
    assert len(timeline.event_list.options) == len(shown_ids(timeline))


def test_search_and_actor_filters_combine(munich):
    timeline = Timeline(munich)
    timeline.actor_filter.value = ("Czechoslovakia",)
    with_czechoslovakia = set(munich.loc[munich["actors"].str.contains("Czechoslovakia"), "id"])
    assert shown_ids(timeline) == with_czechoslovakia
    timeline.search.value = "MUNICH"
    assert shown_ids(timeline) <= with_czechoslovakia and "munich-agreement" in shown_ids(timeline)
    timeline.reset()
    assert shown_ids(timeline) == set(munich["id"])


def test_the_date_window_follows_the_chart_zoom_and_back(munich):
    timeline = Timeline(munich)
    timeline.figure.layout.xaxis.range = ["1938-01-01", "1938-12-31"]
    assert timeline.window.value == ("Jan 1938", "Dec 1938")
    assert all(pd.Timestamp("1938-01-01") <= d <= pd.Timestamp("1938-12-31") for d in timeline.visible["start"])
    timeline.window.value = ("Mar 1939", "Sep 1939")
    assert pd.Timestamp(timeline.figure.layout.xaxis.range[0]) == pd.Timestamp("1939-03-01")


def test_choosing_an_event_shows_its_source_link(munich):
    timeline = Timeline(munich)
    timeline.event_list.value = "munich-agreement"
    row = munich.set_index("id").loc["munich-agreement"]
    assert row["title"] in timeline.details.value
    assert f'href="{row["url"]}"' in timeline.details.value


def test_lanes_switch_to_actors(munich):
    timeline = Timeline(munich)
    timeline.lane_choice.value = "actors"
    lanes = {trace.name for trace in timeline.figure.data[:-1]}
    assert {"Germany", "United Kingdom", "Czechoslovakia"} <= lanes


def test_combined_timelines_keep_every_event(munich, ukraine):
    both = Timeline.combined({"Munich": munich, "Ukraine": ukraine})
    assert len(both.events) == len(munich) + len(ukraine)
    assert {trace.name for trace in both.figure.data[:-1]} == {"Munich", "Ukraine"}


def test_a_teachers_frame_is_validated(munich):
    raw = munich.assign(start=munich["start"].dt.strftime("%Y-%m-%d"), end=munich["end"].dt.strftime("%Y-%m-%d"))
    assert len(Timeline(raw).events) == len(munich)


def test_without_a_kernel_a_widget_renders_a_figure_and_a_table(munich, ukraine):
    for widget in (Timeline(munich, title="Munich"),
                   AnalogyAligner(munich, ukraine, "munich-agreement", "minsk-ii-package-of-measures")):
        bundle = widget._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        page = bundle["text/html"]
        assert "<table" in page and "plotly" in page.lower()
        assert "plotly.min.js" not in page or "cdn.plot.ly" in page  # a link, never the library itself
        assert len(page) < 400_000


def test_aligner_reads_the_interval_between_chosen_pairs(munich, ukraine):
    aligner = AnalogyAligner(munich, ukraine, "munich-agreement", "minsk-ii-package-of-measures", "Munich", "Ukraine")
    aligner.sides["left"]["to"].value = "germany-occupies-prague"
    aligner.sides["right"]["to"].value = "full-scale-invasion"
    days = dict(zip(aligner.intervals()["timeline"], aligner.intervals()["days"], strict=True))
    assert days == {"Munich": 167, "Ukraine": (pd.Timestamp("2022-02-24") - pd.Timestamp("2015-02-12")).days}
    assert "167 days" in aligner.readout.value
    anchor_x = [x for trace in aligner.figure.data for x, i in zip(trace.x, trace.customdata[:, 0], strict=True)
                if i in ("munich-agreement", "minsk-ii-package-of-measures")]
    assert anchor_x == [0, 0]


def test_the_pairs_can_be_chosen_when_the_aligner_is_made(munich, ukraine):
    aligner = AnalogyAligner(munich, ukraine, "munich-agreement", "minsk-ii-package-of-measures",
                             left_to="germany-occupies-prague", right_to="full-scale-invasion")
    assert list(aligner.intervals()["to_event"]) == ["germany-occupies-prague", "full-scale-invasion"]


def test_changing_the_anchor_moves_day_zero(munich, ukraine):
    aligner = AnalogyAligner(munich, ukraine, "munich-agreement", "minsk-ii-package-of-measures")
    aligner.sides["left"]["anchor"].value = "anschluss"
    trace = aligner.figure.data[0]
    position = int(np.flatnonzero(trace.customdata[:, 0] == "anschluss")[0])
    assert trace.x[position] == 0


@pytest.mark.parametrize("given, right", [("b", True), ("a", False)])
def test_multiple_choice_self_check(given, right):
    check = SelfCheck.multiple_choice("Which?", ["a", "b"], answer=1, explanation="Because b.")
    check.answer_widget.value = given
    assert check.check() is right
    assert "Because b." in check.feedback.value


@pytest.mark.parametrize("given, right", [("Peace, for our TIME!", True), ("peace in our time", False), ("", False)])
def test_short_answer_self_check_accepts_equivalent_answers(given, right):
    check = SelfCheck.short_answer("Chamberlain's words?", ["peace for our time"], explanation="He said 'for'.")
    check.answer_widget.value = given
    assert check.check() is right


def test_a_self_check_has_a_static_answer():
    bundle = SelfCheck.multiple_choice("Which?", ["a", "b"], 0, "Because a.")._repr_mimebundle_()
    assert "<details>" in bundle["text/html"] and "Because a." in bundle["text/html"]


def test_a_figure_sends_plotly_s_module_on_request_not_in_its_state(monkeypatch, munich):
    timeline = Timeline(munich)
    state = json.dumps(timeline.figure.get_state(), default=str)
    assert len(state) < 100_000 and "FigureModel" not in state  # plotly's module is not in the state
    sent = []
    monkeypatch.setattr(timeline.figure, "send", lambda content, buffers=None: sent.append((content, buffers)))
    timeline.figure._handle_custom_msg({"type": "something else"}, [])
    assert sent == []
    timeline.figure._handle_custom_msg({"type": FIGURE_MODULE_REQUEST}, [])
    assert len(sent) == 1 and sent[0][0] == {"type": FIGURE_MODULE_REPLY}
    assert sent[0][1] == [plotly_widget_module()] and b"FigureModel" in plotly_widget_module()
