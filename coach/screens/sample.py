"""The pack's sample answers, marked by STAR part the way the candidate's answer is,
so a candidate sees what a complete answer sounds like."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from coach.analysis import analyze
from coach.packs.model import Question
from coach.screens.base import CoachScreen
from coach.widgets.feedback_text import star_checklist, transcript_text
from coach.widgets.safe import plain
from coach.widgets.theme_colours import palette_for

Sample = tuple[str, str]
"""(title, text)."""


def samples_of(question: Question | Mapping[str, Any] | None) -> tuple[Sample, ...]:
    """A pack question's sample answers, or those of a stored snapshot of one (read as
    untrusted: anything that is not a title and a text is left out)."""
    if question is None:
        return ()
    if isinstance(question, Question):
        return tuple((s.title, s.text) for s in question.sample_answers if s.text.strip())
    raw = question.get("sample_answers")
    out: list[Sample] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, Mapping):
            title, text = item.get("title", ""), item.get("text", "")
            if isinstance(title, str) and isinstance(text, str) and text.strip():
                out.append((title, text))
    return tuple(out)


class SampleAnswerScreen(CoachScreen):
    BINDINGS = [Binding("escape,m", "app.pop_screen", "Back", id="sample-back")]

    def __init__(self, question_text: str, samples: Sequence[Sample]) -> None:
        super().__init__()
        self.question_text = question_text
        self.samples = tuple(samples)

    def compose(self) -> ComposeResult:
        colours = palette_for(self.app)
        yield Header()
        with VerticalScroll(id="samples"):
            yield Static(Text(plain(self.question_text)), id="question")
            for number, (title, text) in enumerate(self.samples, start=1):
                feedback = analyze(text)
                heading = f"Sample answer {number} of {len(self.samples)}"
                if title.strip():
                    heading += f": {title}"
                yield Static(Text(plain(heading)), classes="label")
                yield Static(star_checklist(feedback, colours), classes="panel")
                yield Static(transcript_text(feedback, colours), classes="panel sample-text")
        yield Footer()
