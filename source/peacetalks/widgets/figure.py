"""plotly's FigureWidget, with plotly's JavaScript sent once per browser page instead of once per figure.

Every FigureWidget carries plotly's whole widget module (about 5 MB) in its state, so each figure on a page
would send it again. ``Figure`` keeps plotly's Python API and browser code unchanged and only replaces the
module in the state with a small loader (figure_loader.js): the first figure on a page asks the kernel for
plotly's module in one binary message, and later figures reuse it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import plotly.graph_objects as go

REQUEST = "peacetalks:figure-module-request"
REPLY = "peacetalks:figure-module"


@cache
def plotly_widget_module() -> bytes:
    """plotly's own widget module: the ``_esm`` that plotly's FigureWidget declares and would have sent."""
    return str(go.FigureWidget._esm).encode()


class Figure(go.FigureWidget):
    """A FigureWidget whose state is a few kilobytes; plotly's module travels once per page, on request."""

    _esm = (Path(__file__).parent / "figure_loader.js").read_text(encoding="utf-8")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_msg(self._answer_module_request)

    def _answer_module_request(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == REQUEST:
            self.send({"type": REPLY}, buffers=[plotly_widget_module()])
