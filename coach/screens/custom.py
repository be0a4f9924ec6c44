"""Choose a custom session: competencies, difficulty, how many, in what order."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Switch

from coach.packs import Pack


@dataclass(frozen=True, slots=True)
class CustomChoice:
    competencies: tuple[str, ...]
    difficulties: tuple[str, ...]
    count: int
    shuffle: bool


class CustomScreen(ModalScreen[CustomChoice | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "start", "Start", priority=True),
    ]

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack

    def compose(self) -> ComposeResult:
        competencies = sorted({q.competency for q in self.pack.questions if q.competency})
        levels = [d for d, n in self.pack.difficulty_mix.items() if n]
        with Vertical(id="custom"):
            yield Label(Text(f"Custom session from {self.pack.title}"), id="custom-title")
            with Horizontal(id="custom-lists"):
                yield SelectionList[str](*((Text(c), c) for c in competencies), id="competencies")
                yield SelectionList[str](*((d, d) for d in levels), id="difficulties")
            with Horizontal(id="custom-options"):
                yield Label("Questions")
                yield Input("3", type="integer", max_length=2, id="count")
                yield Label("Shuffle")
                yield Switch(value=True, id="shuffle")
            yield Label(
                "Nothing ticked means all. Space ticks, tab moves, ctrl+s starts.",
                classes="hint",
            )
            with Horizontal(id="custom-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Start", variant="primary", id="start")

    def on_mount(self) -> None:
        self.query_one("#competencies", SelectionList).border_title = "Competencies"
        self.query_one("#difficulties", SelectionList).border_title = "Difficulty"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_start(self) -> None:
        raw = self.query_one("#count", Input).value.strip()
        count = int(raw) if raw.isdigit() else 0
        if not 1 <= count <= len(self.pack.questions):
            self.notify(
                f"Choose between 1 and {len(self.pack.questions)} questions.", severity="warning"
            )
            return
        self.dismiss(
            CustomChoice(
                competencies=tuple(self.query_one("#competencies", SelectionList).selected),
                difficulties=tuple(self.query_one("#difficulties", SelectionList).selected),
                count=count,
                shuffle=self.query_one("#shuffle", Switch).value,
            )
        )
