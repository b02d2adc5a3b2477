"""Timeline explorer: a plotly timeline with filters, a date window, search, a details panel and an event list."""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import pandas as pd

from ..data import load_timeline
from ..figures import lane_values, timeline_figure, timeline_traces
from .figure import Figure
from .static import event_table_html, static_bundle


def _as_timeline(events: pd.DataFrame, name: str) -> pd.DataFrame:
    """Accept any table in the timeline schema; validate it if it is not typed yet."""
    if pd.api.types.is_datetime64_any_dtype(events.get("start")):
        return events.reset_index(drop=True)
    return load_timeline(events, name=name)


class Timeline(w.VBox):
    """Explore a timeline: filter by category and actor, search, set a date window, click an event for details.

    ``events`` is any DataFrame in the unit's timeline schema (``load("munich_timeline")``, a teacher's own CSV
    through ``load_timeline``). The list of visible events below the chart is the keyboard-reachable alternative.
    """

    def __init__(self, events: pd.DataFrame, lanes: str = "category", title: str | None = None):
        self.events = _as_timeline(events, title or "the timeline")
        self.title = title
        self._lanes = lanes
        self._text = (self.events["title"].fillna("") + " " + self.events["description"].fillna("") + " "
                      + self.events["actors"].fillna("")).str.lower().to_numpy()
        self._actor_sets = [set(a.split(";")) for a in self.events["actors"].fillna("")]
        self._months = pd.date_range(self.events["start"].min().to_period("M").to_timestamp(),
                                     self.events["start"].max().to_period("M").to_timestamp() + pd.offsets.MonthEnd(),
                                     freq="MS")
        self.figure = Figure(timeline_figure(self.events, lanes, title))
        self._build_controls()
        self._syncing = False
        self._resetting = False
        self.figure.layout.xaxis.on_change(self._on_zoom, "range")
        for trace in self.figure.data[:-1]:
            trace.on_click(self._on_click)
        super().__init__([self.controls, self.figure, w.HBox([self.event_list, self.details])])
        self.add_class("peacetalks-timeline")
        self.visible = self.events
        self._show_list(self.events)
        self.details.value = "<p><i>Click an event in the chart, or choose one in the list, to see its details.</i></p>"

    # --- building ---

    def _build_controls(self) -> None:
        categories = list(self.events["category"].cat.categories) if hasattr(self.events["category"], "cat") \
            else sorted(self.events["category"].unique())
        present = [c for c in categories if (self.events["category"] == c).any()]
        actors = sorted({a for s in self._actor_sets for a in s if a})
        labels = [m.strftime("%b %Y") for m in self._months]
        self.window = w.SelectionRangeSlider(options=labels, index=(0, len(labels) - 1), description="dates",
                                             continuous_update=False, layout=w.Layout(width="95%"))
        self.category_filter = w.SelectMultiple(options=present, value=tuple(present), description="category",
                                                rows=min(8, len(present)))
        self.actor_filter = w.SelectMultiple(options=actors, value=(), description="actor", rows=6)
        self.actor_filter.description_tooltip = "Show only events involving these actors (none chosen = all)"
        self.search = w.Text(placeholder="search titles and descriptions", description="search",
                             continuous_update=False)
        self.lane_choice = w.ToggleButtons(options=[("by category", "category"), ("by actor", "actors")],
                                           value=self._lanes, description="lanes")
        self.reset_button = w.Button(description="reset", icon="undo", tooltip="Show every event again")
        self.status = w.HTML()
        self.event_list = w.Select(options=[], rows=10, description="events", layout=w.Layout(width="45%"))
        self.details = w.HTML(layout=w.Layout(width="55%"))
        for control in (self.window, self.category_filter, self.actor_filter, self.search):
            control.observe(self._on_filter, names="value")
        self.lane_choice.observe(self._on_lanes, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.event_list.observe(self._on_choose, names="value")
        self.controls = w.VBox([self.window, w.HBox([self.category_filter, self.actor_filter]),
                                w.HBox([self.search, self.lane_choice, self.reset_button]), self.status])

    # --- filtering ---

    def visible_mask(self) -> np.ndarray:
        """Which events pass every filter now."""
        low, high = self.window.index
        start = self._months[low]
        end = self._months[high] + pd.offsets.MonthEnd()
        dates = self.events["start"].to_numpy()
        mask = (dates >= start.to_datetime64()) & (dates <= end.to_datetime64())
        mask &= self.events["category"].isin(self.category_filter.value).to_numpy()
        chosen = set(self.actor_filter.value)
        if chosen:
            mask &= np.fromiter((bool(s & chosen) for s in self._actor_sets), bool, len(self._actor_sets))
        words = self.search.value.strip().lower()
        if words:
            mask &= np.char.find(self._text.astype(str), words) >= 0
        return mask

    def _lane_order(self) -> list[str]:
        return [trace.name for trace in self.figure.data[:-1]]

    def refresh(self) -> None:
        """Redraw the visible events in one batched figure update."""
        self.visible = self.events[self.visible_mask()]
        traces = timeline_traces(self.visible, self._lanes, self._lane_order())
        with self.figure.batch_update():
            for trace, data in zip(self.figure.data, traces, strict=True):
                trace.x, trace.y = data["x"], data["y"]
                if "text" in data:
                    trace.text, trace.customdata = data["text"], data["customdata"]
        self._show_list(self.visible)

    def _show_list(self, visible: pd.DataFrame) -> None:
        self.event_list.options = [(f"{d:%d %b %Y}  {t}", i) for d, t, i in
                                   zip(visible["start"], visible["title"], visible["id"], strict=True)]
        self.event_list.value = None
        self.status.value = f"<span aria-live=\"polite\">{len(visible)} of {len(self.events)} events shown</span>"

    def _on_filter(self, change) -> None:
        if self._resetting:
            return
        if change["owner"] is self.window and not self._syncing:
            self._syncing = True
            low, high = self.window.index
            self.figure.layout.xaxis.range = [self._months[low], self._months[high] + pd.offsets.MonthEnd()]
            self._syncing = False
        self.refresh()

    def _on_zoom(self, _axis, new_range) -> None:
        """Keep the date slider in step when the student zooms or pans the chart."""
        if self._syncing or not new_range or new_range[0] is None:
            return
        low, high = pd.Timestamp(new_range[0]), pd.Timestamp(new_range[1])
        index = (int(np.clip(self._months.searchsorted(low, side="right") - 1, 0, len(self._months) - 1)),
                 int(np.clip(self._months.searchsorted(high, side="right") - 1, 0, len(self._months) - 1)))
        self._syncing = True
        self.window.index = index
        self._syncing = False

    def _on_lanes(self, change) -> None:
        self._lanes = change["new"]
        fresh = timeline_figure(self.events, self._lanes, self.title)
        order = sorted(lane_values(self.events, self._lanes)["lane"].dropna().unique())
        with self.figure.batch_update():
            self.figure.data = []
            self.figure.add_traces(fresh.data)
            self.figure.layout.height = fresh.layout.height
            self.figure.layout.yaxis.categoryarray = list(reversed(order))
        for trace in self.figure.data[:-1]:
            trace.on_click(self._on_click)
        self.refresh()

    def reset(self) -> None:
        self._resetting = True  # one refresh at the end, not one per control
        try:
            self.search.value = ""
            self.actor_filter.value = ()
            self.category_filter.value = tuple(self.category_filter.options)
            self.window.index = (0, len(self._months) - 1)
        finally:
            self._resetting = False
        self.figure.layout.xaxis.autorange = True
        self.refresh()

    # --- details ---

    def _on_click(self, trace, points, _state) -> None:
        if points.point_inds:
            self.show_event(trace.customdata[points.point_inds[0]][0])

    def _on_choose(self, change) -> None:
        if change["new"]:
            self.show_event(change["new"])

    def show_event(self, event_id: str) -> None:
        """Fill the details panel with one event's date, title, description, actors and source link."""
        event = self.events[self.events["id"] == event_id].iloc[0]
        when = event["start"].strftime("%d %B %Y")
        if pd.notna(event["end"]):
            when += " to " + event["end"].strftime("%d %B %Y")
        quote = ""
        if pd.notna(event.get("quote")):
            said = f"\u201c{html.escape(event['quote'])}\u201d \u2014 {html.escape(event['quote_by'])}"
            quote = f"<blockquote>{said}</blockquote>"
        note = f"<p><small>Note: {html.escape(event['note'])}</small></p>" if pd.notna(event.get("note")) else ""
        self.details.value = (
            f"<div class=\"peacetalks-details\"><p><b>{html.escape(event['title'])}</b><br>{when}</p>"
            f"<p>{html.escape(event['description'])}</p>{quote}<p>Who: {html.escape(event['actors'])}</p>"
            f"<p>Source: <a class=\"peacetalks-source\" href=\"{html.escape(event['url'])}\" target=\"_blank\" "
            f"rel=\"noopener\">{html.escape(event['source'])}</a></p>{note}</div>")
        self.selected = event_id

    # --- several timelines, and the no-kernel view ---

    @classmethod
    def combined(cls, timelines: dict[str, pd.DataFrame], title: str | None = None) -> Timeline:
        """One explorer over several timelines; each event's lane is its timeline's name."""
        frames = []
        for name, events in timelines.items():
            events = _as_timeline(events, name)
            frames.append(events.assign(id=name.lower().replace(" ", "-") + ":" + events["id"].astype(str),
                                        category=name))
        merged = pd.concat(frames, ignore_index=True)
        merged["category"] = pd.Categorical(merged["category"], categories=list(timelines))
        return cls(merged, lanes="category", title=title)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        static = static_bundle(timeline_figure(self.events, self._lanes, self.title),
                               event_table_html(self.events, self.title or "Events"),
                               f"Timeline of {len(self.events)} events")
        return {**static, **bundle}
