"""Analogy aligner: two timelines side by side, each counted in days from an anchor event of its own."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..analysis import align_on_anchor, interval_pairs
from ..figures import aligned_figure
from .figure import Figure
from .static import static_bundle
from .timeline import _as_timeline


class AnalogyAligner(w.VBox):
    """Align two timelines on one anchor each and read the interval between chosen pairs of events.

    For example Munich Agreement -> occupation of Prague beside Minsk II -> full-scale invasion:
    ``AnalogyAligner(munich, ukraine, "munich-agreement", "minsk-ii-package-of-measures", "Munich", "Ukraine",
    left_to="germany-occupies-prague", right_to="full-scale-invasion")``. ``left_to``/``right_to`` default to
    the event after each anchor.
    """

    def __init__(self, left: pd.DataFrame, right: pd.DataFrame, left_anchor: str | None = None,
                 right_anchor: str | None = None, left_label: str = "left", right_label: str = "right",
                 left_to: str | None = None, right_to: str | None = None):
        self.left, self.right = _as_timeline(left, left_label), _as_timeline(right, right_label)
        self.left_label, self.right_label = left_label, right_label
        sides = {}
        for name, table, anchor, then in (("left", self.left, left_anchor, left_to),
                                          ("right", self.right, right_anchor, right_to)):
            options = [(f"{d:%d %b %Y}  {t}", i) for d, t, i in zip(table["start"], table["title"], table["id"],
                                                                     strict=True)]
            anchor = anchor or table["id"].iloc[0]
            later = table.loc[table["start"] > table.loc[table["id"] == anchor, "start"].iloc[0], "id"]
            sides[name] = {
                "anchor": w.Dropdown(options=options, value=anchor, description="anchor"),
                "to": w.Dropdown(options=options, value=then or (later.iloc[0] if len(later) else anchor),
                                 description="then"),
            }
        self.sides = sides
        self.figure = Figure(self._figure())
        self.readout = w.HTML()
        self.table = w.HTML()
        for side in sides.values():
            for control in side.values():
                control.observe(lambda _: self.refresh(), names="value")
        columns = [w.VBox([w.HTML(f"<b>{html.escape(label)}</b>"), sides[name]["anchor"], sides[name]["to"]])
                   for name, label in (("left", left_label), ("right", right_label))]
        super().__init__([w.HBox(columns), self.figure, self.readout, self.table])
        self.add_class("peacetalks-aligner")
        self.refresh()

    def _aligned(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return (align_on_anchor(self.left, self.sides["left"]["anchor"].value, self.left_label),
                align_on_anchor(self.right, self.sides["right"]["anchor"].value, self.right_label))

    def _figure(self) -> go.Figure:
        left, right = self._aligned()
        marked = {self.left_label: [self.sides["left"]["anchor"].value, self.sides["left"]["to"].value],
                  self.right_label: [self.sides["right"]["anchor"].value, self.sides["right"]["to"].value]}
        return aligned_figure(left, right, self.left_label, self.right_label, marked)

    def intervals(self) -> pd.DataFrame:
        """The chosen pairs and the days between them, as a table."""
        table = interval_pairs(self.left, (self.sides["left"]["anchor"].value, self.sides["left"]["to"].value),
                               self.right, (self.sides["right"]["anchor"].value, self.sides["right"]["to"].value))
        table["timeline"] = [self.left_label, self.right_label]
        return table

    def refresh(self) -> None:
        fresh = self._figure()
        with self.figure.batch_update():
            for trace, new in zip(self.figure.data, fresh.data, strict=True):
                trace.x, trace.y, trace.text, trace.customdata = new.x, new.y, new.text, new.customdata
                trace.marker.size = new.marker.size
        pairs = self.intervals()
        lines = [f"<li>{html.escape(r.timeline)}: {r.from_date:%d %b %Y} to {r.to_date:%d %b %Y} = "
                 f"<b>{r.days} days</b></li>" for r in pairs.itertuples()]
        self.readout.value = f"<ul aria-live=\"polite\">{''.join(lines)}</ul>"
        self.table.value = self._table_html()

    def _table_html(self) -> str:
        left, right = self._aligned()
        both = pd.concat([left, right])[["series", "days_from_anchor", "start", "title"]]
        window = both[both["days_from_anchor"].abs() <= 730].sort_values(["days_from_anchor", "series"])
        rows = "".join(f"<tr><td>{r.days_from_anchor}</td><td>{html.escape(r.series)}</td><td>{r.start:%d %b %Y}"
                       f"</td><td>{html.escape(r.title)}</td></tr>" for r in window.itertuples())
        return ("<details><summary>table of events within two years of each anchor</summary><table>"
                "<thead><tr><th scope=\"col\">day</th><th scope=\"col\">timeline</th><th scope=\"col\">date</th>"
                f"<th scope=\"col\">event</th></tr></thead><tbody>{rows}</tbody></table></details>")

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        pairs = self.intervals()
        summary = "; ".join(f"{r.timeline}: {r.days} days" for r in pairs.itertuples())
        static = static_bundle(self._figure(), self._table_html().replace("<details>", "<details open>"), summary)
        return {**static, **bundle}
