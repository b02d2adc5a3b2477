"""Widgets layer: ipywidgets controls around the figures, for the lessons.

Each widget also renders as a static figure and a table where no kernel runs (an HTML export, a viewer).
"""

from .aligner import AnalogyAligner
from .selfcheck import SelfCheck
from .timeline import Timeline

__all__ = ["AnalogyAligner", "SelfCheck", "Timeline"]
