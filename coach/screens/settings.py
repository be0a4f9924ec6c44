"""Settings: what coach remembers between launches, changed in place.

Receives the current :class:`~coach.config.Config` and returns the new one through
``dismiss`` (None when cancelled); the app saves it and applies the theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from coach.config import MODELS, WHOLE_NUMBERS, Config, set_value
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
            yield from self._choice(
                "Theme", "theme", [(t, t) for t in self.themes], c.theme or self.app.theme
            )
            yield from self._choice(
                "Interview feedback", "interview_feedback", FEEDBACK_CHOICES, c.interview_feedback
            )
            low, high, _what = WHOLE_NUMBERS["interview_questions"]
            counts = [(str(n), n) for n in range(low, high + 1)]
            yield from self._choice(
                "Interview questions", "interview_questions", counts, c.interview_questions
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
            models = [(m, m) for m in MODELS]
            yield from self._choice("Speech model", "model", models, c.model or MODELS[0])
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

    def _choice(
        self, label: str, key: str, options: Sequence[tuple[str, object]], value: object
    ) -> ComposeResult:
        """A setting picked from a list, named ``key`` as in config.toml."""
        return self._row(
            label, Select(options, value=value, allow_blank=False, compact=True, id=key)
        )

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
