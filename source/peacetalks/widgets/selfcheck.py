"""Self-checks: a small ungraded question with feedback and an explanation."""

from __future__ import annotations

import html
import re
import unicodedata

import ipywidgets as w


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed: 'Peace, for our time!' -> 'peace for our time'."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


class SelfCheck(w.VBox):
    """An ungraded question. Build it with ``SelfCheck.multiple_choice`` or ``SelfCheck.short_answer``."""

    def __init__(self, question: str, answer_widget: w.Widget, is_right, explanation: str, static_answer: str):
        self.question, self.explanation, self._is_right = question, explanation, is_right
        self._static_answer = static_answer
        self.answer_widget = answer_widget
        self.check_button = w.Button(description="check", icon="check", tooltip="Check your answer")
        self.feedback = w.HTML()
        self.check_button.on_click(lambda _: self.check())
        self.attempts = 0
        super().__init__([w.HTML(f"<p><b>Self-check.</b> {html.escape(question)}</p>"), answer_widget,
                          self.check_button, self.feedback])
        self.add_class("peacetalks-selfcheck")

    @classmethod
    def multiple_choice(cls, question: str, options: list[str], answer: int, explanation: str) -> SelfCheck:
        """``answer`` is the index of the right option in ``options``."""
        if not 0 <= answer < len(options):
            raise ValueError(f"answer must be an index into the {len(options)} options")
        choice = w.RadioButtons(options=list(options), value=None, layout=w.Layout(width="auto"))
        return cls(question, choice, lambda: choice.value == options[answer], explanation, options[answer])

    @classmethod
    def short_answer(cls, question: str, accept: list[str], explanation: str) -> SelfCheck:
        """Right if the answer matches any of ``accept`` once case, accents and punctuation are ignored."""
        accepted = {normalise(a) for a in accept}
        box = w.Text(placeholder="your answer")
        return cls(question, box, lambda: normalise(box.value) in accepted, explanation, accept[0])

    def check(self) -> bool:
        """Show feedback for the current answer; returns whether it was right."""
        self.attempts += 1
        if self.answer_widget.value in (None, ""):
            self.feedback.value = "<p>Choose or type an answer first.</p>"
            return False
        right = bool(self._is_right())
        verdict = "Right." if right else "Not quite: think again, or read the explanation."
        self.feedback.value = (f"<p role=\"status\"><b>{verdict}</b></p><details {'open' if right else ''}>"
                               f"<summary>explanation</summary><p>{html.escape(self.explanation)}</p></details>")
        return right

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        options = ""
        if isinstance(self.answer_widget, w.RadioButtons):
            options = "<ul>" + "".join(f"<li>{html.escape(o)}</li>" for o in self.answer_widget.options) + "</ul>"
        static = (f"<div class=\"peacetalks-selfcheck\"><p><b>Self-check.</b> {html.escape(self.question)}</p>"
                  f"{options}<details><summary>answer and explanation</summary><p>{html.escape(self._static_answer)}"
                  f": {html.escape(self.explanation)}</p></details></div>")
        return {"text/html": static, "text/plain": f"Self-check: {self.question}", **bundle}
