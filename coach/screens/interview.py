"""The end of a mock interview: every question's feedback, its follow-ups, the verdict.

In an interview the candidate hears nothing until the end, as in a real one; this
screen is where the feedback arrives, in the order the questions were asked.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from coach.analysis import AnswerFeedback
from coach.practice.controller import InterviewAnswer
from coach.screens.base import CoachScreen
from coach.summary import SessionSummary
from coach.widgets.feedback_view import FeedbackView
from coach.widgets.safe import plain
from coach.widgets.summary_table import advice_text, answers_table
from coach.widgets.theme_colours import palette_for

OTHER_FOLLOW_UPS = "Other follow-ups an interviewer might ask"


class InterviewReportScreen(CoachScreen):
    BINDINGS = [
        Binding("v", "verdict", "Verdict", id="report-verdict", tooltip="jump to the verdict"),
        Binding("t", "top", "Top", id="report-top", tooltip="back to the first question"),
        Binding("escape,q", "close", "Home", id="report-home", tooltip="back home"),
    ]

    def __init__(
        self, answers: list[InterviewAnswer], summary: SessionSummary, headline: str
    ) -> None:
        super().__init__()
        self.answers = answers
        self.summary = summary
        self.headline = headline

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)
        self.query_one("#report", VerticalScroll).focus()

    def _theme_changed(self) -> None:
        self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        total = len(self.answers)
        yield Header()
        with VerticalScroll(id="report"):
            yield Static("Interview complete: your feedback", classes="label", id="report-title")
            yield Static(Text(self.headline), id="report-headline", classes="panel")
            for number, answer in enumerate(self.answers, start=1):
                yield Static(f"Question {number} of {total}", classes="label report-question")
                yield Static(Text(plain(answer.prompt.text)), classes="question")
                asked = {f.prompt.text for f in answer.follow_ups}
                yield from self._feedback(answer.feedback, asked)
                for follow_up in answer.follow_ups:
                    yield Static("The interviewer followed up", classes="label")
                    yield Static(Text("↳ " + plain(follow_up.prompt.text)), classes="question")
                    yield from self._feedback(follow_up.feedback)
            yield Static("Verdict", classes="label", id="verdict")
            yield Static(
                answers_table(self.summary, palette_for(self.app)), id="answers", classes="panel"
            )
            yield Static("Practise next", classes="label")
            yield Static(advice_text(self.summary), id="practise-next", classes="panel")
        yield Footer()

    def _feedback(
        self, feedback: AnswerFeedback | None, asked: Collection[str] = ()
    ) -> ComposeResult:
        if feedback is None:
            yield Static(Text("No words were heard for this answer.", style="dim"))
            return
        # The follow-up already asked is shown with its answer, not offered again.
        others = tuple(f for f in feedback.follow_ups if f.question not in asked)
        yield FeedbackView(replace(feedback, follow_ups=others), follow_up_hint=OTHER_FOLLOW_UPS)

    def action_verdict(self) -> None:
        self.query_one("#verdict", Static).scroll_visible(top=True, animate=False)

    def action_top(self) -> None:
        self.query_one("#report", VerticalScroll).scroll_home(animate=False)

    def action_close(self) -> None:
        self.coach.end_practice()
