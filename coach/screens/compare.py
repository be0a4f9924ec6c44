"""Two takes of one question side by side: the words that changed and the figures."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.history.compare import TakeComparison, compare_takes
from coach.history.queries import when
from coach.history.store import StoredAnswer
from coach.widgets.safe import plain
from coach.widgets.theme_colours import palette_for


class CompareScreen(Screen[None]):
    BINDINGS = [
        Binding("left_square_bracket", "other(-1)", "Earlier take", id="compare-prev"),
        Binding("right_square_bracket", "other(1)", "Later take", id="compare-next"),
        Binding("escape", "app.pop_screen", "Back", id="compare-back"),
    ]

    def __init__(self, takes: list[StoredAnswer], index: int) -> None:
        super().__init__()
        self.takes = takes
        self.index = index
        """The take being reviewed; it is compared with the one before it (or after)."""
        other = index - 1 if index > 0 else index + 1
        first, second = sorted((index, other))
        self.pair = (first, second)

    def compose(self) -> ComposeResult:
        first, second = self.pair
        comparison = compare_takes(self.takes[first], self.takes[second])
        colours = palette_for(self.app)
        yield Header()
        with VerticalScroll(id="compare"):
            yield Static(Text(plain(self.takes[first].question_text)), id="question")
            yield Static(self._metrics(comparison, colours.good, colours.bad), id="metrics")
            with Horizontal(id="compare-columns"):
                yield Static(
                    self._side(comparison, "removed", colours.bad), id="before", classes="panel"
                )
                yield Static(
                    self._side(comparison, "added", colours.good), id="after", classes="panel"
                )
        yield Footer()

    def _metrics(self, comparison: TakeComparison, good: str, bad: str) -> Table:
        table = Table(box=None, pad_edge=False, expand=False)
        table.add_column("")
        table.add_column(f"take {comparison.before.take}", justify="right")
        table.add_column(f"take {comparison.after.take}", justify="right")
        table.add_column("")
        for change in comparison.metrics:
            verdict = {True: ("better", good), False: ("worse", bad), None: ("", "")}[change.better]
            table.add_row(change.name, change.before, change.after, Text(*verdict))
        return table

    def _side(self, comparison: TakeComparison, changed: str, style: str) -> Text:
        answer = comparison.before if changed == "removed" else comparison.after
        out = Text(f"Take {answer.take} · {when(answer.created_at)}\n\n", style="bold")
        marker = "-" if changed == "removed" else "+"
        for op, words in comparison.words:
            if op == "same":
                out.append(words + " ")
            elif op == changed:  # marked by a sign too, so it reads without colour
                out.append(f"{marker}[{words}] ", style=f"bold {style}")
        return out

    def action_other(self, step: int) -> None:
        target = self.index + step
        if 0 <= target < len(self.takes):
            self.app.switch_screen(CompareScreen(self.takes, target))
