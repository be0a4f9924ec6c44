"""The session so far: each answer's STAR marks, pace and fillers, and what to practise next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from coach.screens.base import CoachScreen
from coach.summary import SessionSummary
from coach.widgets.summary_table import advice_text, answers_table
from coach.widgets.theme_colours import palette_for


class SummaryScreen(CoachScreen):
    BINDINGS = [Binding("escape,q", "close", "Back", id="summary-back")]

    def __init__(self, summary: SessionSummary, *, final: bool = False) -> None:
        super().__init__()
        self.summary = summary
        self.final = final
        """The end of a session: closing goes home rather than back to the last answer."""

    def action_close(self) -> None:
        if self.final:
            self.coach.end_practice()
        else:
            self.app.pop_screen()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(
                "Session complete" if self.final else "This session",
                classes="label",
                id="summary-title",
            )
            yield Static(
                answers_table(self.summary, palette_for(self.app)), id="answers", classes="panel"
            )
            yield Static("Practise next", classes="label")
            yield Static(advice_text(self.summary), id="practise-next", classes="panel")
        yield Footer()
