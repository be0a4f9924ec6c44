"""Feedback on one answer: the transcript marked up by STAR part, then what to work on."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.analysis import AnswerFeedback
from coach.app import CoachApp
from coach.packs import Pack
from coach.widgets.feedback_text import (
    areas_text,
    delivery_text,
    follow_up_text,
    star_checklist,
    transcript_text,
)


class FeedbackScreen(Screen[None]):
    BINDINGS = [
        Binding("1", "follow_up(1)", "Answer follow-up 1", id="follow-up-1"),
        Binding("2", "follow_up(2)", "2", id="follow-up-2"),
        Binding("3", "follow_up(3)", "3", id="follow-up-3"),
        Binding("escape,q", "app.pop_screen", "Done", id="feedback-done"),
    ]

    def __init__(
        self,
        question: str,
        feedback: AnswerFeedback,
        *,
        answer_id: int | None = None,
        pack: Pack | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.feedback = feedback
        self.answer_id = answer_id
        self.pack = pack

    def action_follow_up(self, number: int) -> None:
        """Answer the follow-up right away, saved as linked to this answer."""
        if number > len(self.feedback.follow_ups):
            return
        question = self.feedback.follow_ups[number - 1].question
        app = self.app
        assert isinstance(app, CoachApp)
        if app.transcriber is not None and app.input_status is not None and app.input_status.ok:
            from coach.screens.record import RecordScreen

            screen: Screen[None] = RecordScreen(
                app.transcriber, question, parent_id=self.answer_id, pack=self.pack
            )
        else:
            from coach.screens.typed import TypedAnswerScreen

            screen = TypedAnswerScreen(self.pack, None, text=question, parent_id=self.answer_id)
        app.switch_screen(screen)

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
            yield Static(
                "An interviewer might ask next (press 1–3 to answer one now)", classes="label"
            )
            yield Static(follow_up_text(fb), id="follow-ups", classes="panel")
        yield Footer()
