"""Type an answer instead of speaking it: works with no microphone at all."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static, TextArea

from coach.analysis.text import visible_controls
from coach.errors import CoachError
from coach.locations import ensure_private_dir
from coach.practice.session import Prompt
from coach.practice.take import answer_note, typed_take
from coach.screens.base import CoachScreen
from coach.widgets.question_header import question_header
from coach.widgets.safe import plain


class TypedAnswerScreen(CoachScreen):
    BINDINGS = [
        Binding(
            "ctrl+s",
            "submit",
            "Get feedback",
            id="submit",
            priority=True,
            tooltip="get feedback on the typed answer",
        ),
        Binding(
            "ctrl+n",
            "skip",
            "Skip",
            id="typed-skip",
            priority=True,
            tooltip="skip to the next question",
        ),
        Binding(
            "escape",
            "leave",
            "Home",
            id="typed-back",
            tooltip="back home (asks first if you typed)",
        ),
    ]

    def __init__(self, prompt: Prompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        app = self.coach
        self.context, self.settings, timings = app.session.context(self.prompt)
        session = app.practice.session if app.practice else None
        yield Header()
        with Vertical(id="typed"):
            yield Static(question_header(session, self.prompt, timings), id="question-meta")
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
        take = typed_take(text, self.context, self.settings)
        feedback = take.feedback
        assert feedback is not None  # there are words
        app = self.coach
        answer_id: int | None = None
        try:
            answer_id = app.save_take(self.prompt, take, self.settings)
        except CoachError as exc:
            if not self._keep_for_recovery(exc, take.text):
                return  # nowhere to keep it: the text stays on screen
        app.take_done(self.prompt, feedback, answer_id)

    def _keep_for_recovery(self, error: CoachError, transcript: str) -> bool:
        """The history refused the answer (busy, full, read-only): keep the words in a
        file recovery offers again. ``False`` if even that failed."""
        from coach.recovery import Orphan, keep_typed_answer

        note = {
            **answer_note(self.prompt, self.coach.pack, self.settings),
            "transcript": transcript,
        }
        try:
            folder = ensure_private_dir(self.coach.recordings_folder)
            kept = keep_typed_answer(folder, note)
        except (OSError, CoachError) as exc:
            self.notify(
                f"{error.message}. It could not be kept on disk either "
                f"({getattr(exc, 'strerror', None) or exc}): your text is still here; "
                "copy it, or free space and press ctrl+s again.",
                title="Not saved",
                severity="error",
                timeout=15,
            )
            return False
        self.coach.keep_for_recovery(Orphan(kept, 0.0, note))
        self.notify(
            f"{error.message}. Your answer is kept in {kept.name}; press v on the home "
            "screen to save it once the history can be written.",
            title="Not saved to history yet",
            severity="warning",
            timeout=15,
        )
        return True

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
