"""The session so far: each answer's STAR marks, pace and fillers, and what to practise next."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from coach.analysis.star import COMPONENT_LETTERS
from coach.screens.base import CoachScreen
from coach.summary import SessionSummary
from coach.widgets.safe import plain


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
            yield Static(self._table(), id="answers", classes="panel")
            yield Static("Practise next", classes="label")
            advice = Text()
            for line in self.summary.practise_next or ("Nothing stood out: keep going.",):
                advice.append(f"• {line}\n")
            yield Static(advice, id="practise-next", classes="panel")
        yield Footer()

    def _table(self) -> Table | Text:
        if not self.summary.answers and not self.summary.skipped:
            return Text("No answers yet: press r or t on the home screen.", style="dim")
        table = Table(box=None, expand=True, pad_edge=False)
        table.add_column("Question", ratio=1, overflow="fold")
        table.add_column("STAR", no_wrap=True)
        table.add_column("wpm", justify="right", no_wrap=True)
        table.add_column("fillers", justify="right", no_wrap=True)
        for line in self.summary.answers:
            marks = Text(line.verdict, style="yellow") if line.verdict else Text()
            for part, present in line.parts.items() if not line.verdict else ():
                marks.append(
                    COMPONENT_LETTERS[part] if present else "·",
                    style="green" if present else "dim",
                )
            question = Text(("↳ " if line.follow_up else "") + plain(line.question))
            if line.take > 1:
                question.append(f" (take {line.take})", style="dim")
            wpm = "typed" if line.typed else (f"{line.wpm:.0f}" if line.wpm else "—")
            table.add_row(question, marks, wpm, str(line.fillers))
        for text in self.summary.skipped:
            table.add_row(Text(f"{plain(text)} (skipped)", style="dim"), "", "", "")
        return table
