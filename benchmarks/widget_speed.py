"""Benchmark: the Python-side cost of one Timeline interaction at 2,000 synthetic events, and lesson sizes.

Prints the median time of a filter change (budget: under 50 ms), the figure messages each one sends (budget: 1),
the ratio to the budget, one figure's widget state against plotly's FigureWidget, and the size of each lesson
once executed (budget: 2 MB; plotly.js never embedded).
Usage: python benchmarks/widget_speed.py [--events 2000] [--repeat 15] [--no-lessons]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd

from peacetalks.course.check import execute_lesson
from peacetalks.widgets import Timeline

REPO = Path(__file__).resolve().parents[1]
BUDGET_MS, BUDGET_BYTES = 50.0, 2_000_000
CATEGORIES = ["agreement", "talks", "military", "annexation", "statement", "breach", "humanitarian", "political"]
ACTORS = ["Ruritania", "Freedonia", "Sylvania", "Latveria", "Genovia", "Elbonia", "Wakanda", "Zubrowka"]


def synthetic_events(count: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("1991-01-01") + pd.to_timedelta(rng.integers(0, 12_000, count), unit="D")
    spans = rng.random(count) < 0.2
    end = pd.Series(start + pd.to_timedelta(rng.integers(1, 30, count), unit="D")).where(spans)
    return pd.DataFrame({
        "id": [f"event-{i}" for i in range(count)], "start": start, "end": end, "precision": "day",
        "title": [f"Event number {i}" for i in range(count)],
        "description": [f"Something happened between {ACTORS[i % 8]} and {ACTORS[(i * 3) % 8]}." for i in range(count)],
        "actors": [f"{ACTORS[i % 8]};{ACTORS[(i * 3) % 8]}" for i in range(count)],
        "category": pd.Categorical(rng.choice(CATEGORIES, count), categories=CATEGORIES),
        "source": "Synthetic", "url": "https://example.org/", "quote": None, "quote_by": None, "note": None,
    })


def time_interactions(events: pd.DataFrame, repeat: int) -> tuple[float, list[int]]:
    timeline = Timeline(events)
    sent: list[str] = []
    original = timeline.figure._send_update_msg
    timeline.figure._send_update_msg = lambda *a, **k: (sent.append("update"), original(*a, **k))
    changes = [lambda: setattr(timeline.category_filter, "value", tuple(CATEGORIES[:4])),
               lambda: setattr(timeline.search, "value", "ruritania"),
               lambda: setattr(timeline.actor_filter, "value", ("Sylvania",)),
               lambda: setattr(timeline.window, "index", (12, 200))]
    timings, messages = [], []
    for round_number in range(repeat):
        change = changes[round_number % len(changes)]
        before = len(sent)
        started = time.perf_counter()
        change()
        timings.append((time.perf_counter() - started) * 1000)
        messages.append(len(sent) - before)
        timeline.reset()
    return statistics.median(timings), messages


def state_sizes() -> tuple[int, int]:
    """Bytes of one figure's widget state: ours, and plotly's plain FigureWidget for the same figure."""
    import json

    import plotly.graph_objects as go

    from peacetalks.widgets.figure import Figure

    figure = go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2]))
    widgets = (Figure(figure), go.FigureWidget(figure))
    return tuple(len(json.dumps(widget.get_state(), default=str)) for widget in widgets)


def executed_size(path: Path) -> tuple[int, float]:
    started = time.perf_counter()
    notebook = execute_lesson(path)
    return len(nbformat.writes(notebook).encode()), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=16)
    parser.add_argument("--no-lessons", action="store_true")
    args = parser.parse_args()
    median_ms, messages = time_interactions(synthetic_events(args.events), args.repeat)
    print(f"filter change at {args.events} events: median {median_ms:.1f} ms "
          f"({median_ms / BUDGET_MS:.2f} of the {BUDGET_MS:.0f} ms budget); "
          f"figure messages per change: {sorted(set(messages))} (budget: [1])")
    ours, plain = state_sizes()
    print(f"widget state of one figure: {ours / 1e3:.1f} kB, plotly's FigureWidget {plain / 1e6:.2f} MB "
          f"({ours / plain:.4f} of it; plotly's module then crosses once per page, not once per figure)")
    if not args.no_lessons:
        for lesson in sorted((REPO / "lessons").glob("*.ipynb")):
            size, seconds = executed_size(lesson)
            print(f"{lesson.name:45s} executed {size / 1e6:5.2f} MB ({size / BUDGET_BYTES:.2f} of the 2 MB budget), "
                  f"{seconds:4.1f} s ({seconds / 20:.2f} of the 20 s budget)")


if __name__ == "__main__":
    main()
