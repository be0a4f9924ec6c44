"""Type an answer instead of speaking it: works with no microphone at all."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static, TextArea

from coach.analysis import analyze
from coach.analysis.text import visible_controls
from coach.errors import CoachError
from coach.screens.base import CoachScreen
from coach.session import Prompt, prompt_context
from coach.widgets.question_header import question_header
from coach.widgets.safe import plain


class TypedAnswerScreen(CoachScreen):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Get feedback", id="submit", priority=True),
        Binding("ctrl+n", "skip", "Skip", id="typed-skip", priority=True),
        Binding("escape", "leave", "Home", id="typed-back"),
    ]

    def __init__(self, prompt: Prompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        app = self.coach
        self.context, self.settings, timings = prompt_context(app.pack, self.prompt)
        yield Header()
        with Vertical(id="typed"):
            yield Static(question_header(app.practice, self.prompt, timings), id="question-meta")
            yield Static(Text(plain(self.prompt.text)), id="question")
            yield Static(
                Text("Type your answer as you would say it, then press ctrl+s.", style="dim"),
                id="typed-hint",
            )
            yield TextArea(id="answer", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#answer", TextArea).focus()

    @property
    def text(self) -> str:
        return visible_controls(self.query_one("#answer", TextArea).text.strip())

    def action_submit(self) -> None:
        text = self.text
        if len(text.split()) < 3:
            self.notify("Write a few sentences first.", severity="warning")
            return
        feedback = analyze(text, question=self.context, settings=self.settings)
        app = self.coach
        try:
            answer_id: int | None = app.save_answer(
                self.prompt,
                transcript=feedback.transcript,
                typed=True,
                feedback=feedback.to_dict(),
                settings=self.settings.to_dict(),
            )
        except CoachError as exc:
            self.notify(str(exc), title="Not saved to history", severity="error", timeout=10)
            answer_id = None
        from coach.screens.feedback import FeedbackScreen

        app.switch_screen(FeedbackScreen(self.prompt, feedback, answer_id=answer_id))

    def unsaved_reason(self) -> str | None:
        """Asked before anything would throw the typed text away."""
        return "Your typed answer has not been submitted and would be lost." if self.text else None

    def _confirm_then(self, action: str, go: Callable[[], None]) -> None:
        reason = self.unsaved_reason()
        if reason is None:
            go()
            return
        from coach.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                go()

        self.app.push_screen(ConfirmScreen(f"{reason}\n\n{action}?", yes=action), answer)

    def action_skip(self) -> None:
        self._confirm_then("Skip this question", self.coach.next_in_practice)

    def action_leave(self) -> None:
        self._confirm_then("Discard it and go home", self.coach.end_practice)
