"""Feedback on one answer: the transcript marked up by STAR part, then what to work on."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.analysis import AnswerFeedback
from coach.widgets.feedback_text import (
    areas_text,
    delivery_text,
    follow_up_text,
    star_checklist,
    transcript_text,
)


class FeedbackScreen(Screen[None]):
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Done", id="feedback-done")]

    def __init__(self, question: str, feedback: AnswerFeedback) -> None:
        super().__init__()
        self.question = question
        self.feedback = feedback

    def compose(self) -> ComposeResult:
        fb = self.feedback
        yield Header()
        with VerticalScroll(id="feedback"):
            yield Static(Text(self.question), id="question")
            with Horizontal(id="feedback-top"):
                with Vertical(id="star-panel", classes="panel"):
                    yield Static("STAR", classes="label")
                    yield Static(star_checklist(fb), id="star")
                with Vertical(id="delivery-panel", classes="panel"):
                    yield Static("Delivery", classes="label")
                    yield Static(delivery_text(fb), id="delivery")
            yield Static("Your answer", classes="label")
            yield Static(transcript_text(fb), id="marked-transcript", classes="panel")
            if fb.areas:
                yield Static("Areas to cover", classes="label")
                yield Static(areas_text(fb), id="areas", classes="panel")
            yield Static("An interviewer might ask next", classes="label")
            yield Static(follow_up_text(fb), id="follow-ups", classes="panel")
        yield Footer()
