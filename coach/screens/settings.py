"""Settings: what coach remembers between launches, changed in place.

Receives the current :class:`~coach.config.Config` and returns the new one through
``dismiss`` (None when cancelled); the app saves it and applies the theme.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from coach.config import MODELS, Config, set_value
from coach.errors import UsageError

FEEDBACK_CHOICES = [
    ("At the end, as in a real interview", "end"),
    ("After each question", "each"),
]


class SettingsScreen(ModalScreen[Config | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="close without saving"),
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="save and close"),
    ]

    def __init__(self, config: Config, themes: list[str]) -> None:
        super().__init__()
        self.config = config
        self.themes = themes

    def compose(self) -> ComposeResult:
        c = self.config
        with Vertical(id="settings"):
            yield Label(
                "Settings (kept in config.toml; `coach config` lists them)", id="settings-title"
            )
            yield from self._row(
                "Theme",
                Select(
                    [(t, t) for t in self.themes],
                    value=c.theme or self.app.theme,
                    allow_blank=False,
                    compact=True,
                    id="theme",
                ),
            )
            yield from self._row(
                "Interview feedback",
                Select(
                    FEEDBACK_CHOICES,
                    value=c.interview_feedback,
                    allow_blank=False,
                    compact=True,
                    id="interview_feedback",
                ),
            )
            yield from self._row(
                "Interview questions",
                Select(
                    [(str(n), n) for n in (3, 4, 5)],
                    value=c.interview_questions,
                    allow_blank=False,
                    compact=True,
                    id="interview_questions",
                ),
            )
            yield from self._row(
                "Think time (s)",
                Input(
                    "" if c.think_s is None else str(c.think_s),
                    type="integer",
                    placeholder="the pack's",
                    max_length=3,
                    id="think_s",
                    compact=True,
                ),
            )
            yield from self._row(
                "Speech model",
                Select(
                    [(m, m) for m in MODELS],
                    value=c.model or MODELS[0],
                    allow_blank=False,
                    compact=True,
                    id="model",
                ),
            )
            yield from self._row(
                "Input device",
                Input(c.device or "", placeholder="the system default", id="device", compact=True),
            )
            yield Label(
                "Model and device apply from the next start. Tab moves, ctrl+s saves.",
                classes="hint",
            )
            with Horizontal(id="settings-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", variant="primary", id="save")

    @staticmethod
    def _row(label: str, widget: Select[object] | Input) -> ComposeResult:
        with Horizontal(classes="setting"):
            yield Label(label, classes="setting-label")
            yield widget

    def on_mount(self) -> None:
        self.query_one("#theme", Select).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        config = replace(
            self.config,
            theme=str(self.query_one("#theme", Select).value),
            interview_feedback=str(self.query_one("#interview_feedback", Select).value),  # type: ignore[arg-type]
        )
        model = str(self.query_one("#model", Select).value)
        if model != (self.config.model or MODELS[0]):  # the default stays unset
            config = replace(config, model=model)
        try:
            config = set_value(
                config,
                "interview_questions",
                str(self.query_one("#interview_questions", Select).value),
            )
            for key in ("think_s", "device"):
                text = self.query_one(f"#{key}", Input).value.strip()
                config = set_value(config, key, text or None)
        except UsageError as exc:
            self.notify(exc.message, title="Not saved", severity="warning")
            return
        self.dismiss(config)
