"""The feedback on one answer as panels: used live (feedback screen) and in review."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from coach.analysis import AnswerFeedback
from coach.widgets.feedback_text import (
    areas_text,
    delivery_text,
    follow_up_text,
    star_checklist,
    transcript_text,
)
from coach.widgets.theme_colours import palette_for


class FeedbackView(Vertical):
    DEFAULT_CSS = """
    FeedbackView { height: auto; }
    """

    def __init__(
        self,
        feedback: AnswerFeedback,
        *,
        follow_up_hint: str = "An interviewer might ask next (press 1–3 to answer one now)",
        seekable: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.feedback = feedback
        self.follow_up_hint = follow_up_hint
        self.seekable = seekable

    def compose(self) -> ComposeResult:
        fb = self.feedback
        colours = palette_for(self.app)
        with Horizontal(id="feedback-top"):
            with Vertical(id="star-panel", classes="panel"):
                heading = {"follow_up": "Follow-up answer", "too_short": "Structure"}
                yield Static(heading.get(fb.verdict.checklist, "STAR"), classes="label")
                yield Static(star_checklist(fb, colours), id="star")
            with Vertical(id="delivery-panel", classes="panel"):
                yield Static("Delivery", classes="label")
                yield Static(delivery_text(fb, colours), id="delivery")
        yield Static("Your answer", classes="label")
        yield Static(
            transcript_text(fb, colours, seekable=self.seekable),
            id="marked-transcript",
            classes="panel",
        )
        if fb.areas:
            yield Static("Areas to cover", classes="label")
            yield Static(areas_text(fb, colours), id="areas", classes="panel")
        if fb.follow_ups:
            yield Static(Text(self.follow_up_hint), classes="label")
            yield Static(follow_up_text(fb), id="follow-ups", classes="panel")
