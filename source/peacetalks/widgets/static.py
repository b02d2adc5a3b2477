"""What a widget shows where no kernel runs: its figure (plotly.js from the CDN, never embedded) and a table."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go


def event_table_html(events: pd.DataFrame, caption: str) -> str:
    """An accessible HTML table of events: date, title, actors and the source as a link."""
    rows = []
    for event in events.itertuples():
        date = event.start.strftime("%d %b %Y")
        if pd.notna(getattr(event, "end", None)):
            date += " to " + event.end.strftime("%d %b %Y")
        rows.append(f"<tr><td>{date}</td><td>{html.escape(str(event.title))}</td>"
                    f"<td>{html.escape(str(event.actors))}</td><td><a href=\"{html.escape(str(event.url))}\" "
                    f"target=\"_blank\" rel=\"noopener\">{html.escape(str(event.source))}</a></td></tr>")
    return (f"<table class=\"peacetalks-events\"><caption>{html.escape(caption)}</caption>"
            "<thead><tr><th scope=\"col\">date</th><th scope=\"col\">event</th><th scope=\"col\">who</th>"
            f"<th scope=\"col\">source</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def static_bundle(figure: go.Figure, table_html: str, summary: str) -> dict[str, str]:
    """text/html (figure + table) and text/plain, to sit beside a widget's live view in a mime bundle."""
    figure_html = figure.to_html(full_html=False, include_plotlyjs="cdn")
    return {"text/html": f"<div class=\"peacetalks-static\">{figure_html}{table_html}</div>", "text/plain": summary}
