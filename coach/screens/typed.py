"""Type an answer instead of speaking it: works with no microphone at all."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from coach.analysis import AnalysisSettings, QuestionContext, analyze
from coach.app import CoachApp
from coach.packs import Pack, Question
from coach.packs.context import context_for


class TypedAnswerScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Get feedback", id="submit", priority=True),
        Binding("escape", "app.pop_screen", "Back", id="typed-back"),
    ]

    def __init__(
        self,
        pack: Pack | None,
        question: Question | None,
        *,
        text: str | None = None,
        parent_id: int | None = None,
    ) -> None:
        super().__init__()
        self.pack = pack
        self.question = question
        self.question_text = question.text if question else (text or "")
        self.parent_id = parent_id

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="typed"):
            yield Static(Text(self.question_text), id="question")
            yield Static(
                Text("Type your answer as you would say it, then press ctrl+s.", style="dim"),
                id="typed-hint",
            )
            yield TextArea(id="answer", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#answer", TextArea).focus()

    def action_submit(self) -> None:
        text = self.query_one("#answer", TextArea).text.strip()
        if len(text.split()) < 3:
            self.notify("Write a few sentences first.", severity="warning")
            return
        if self.pack is not None and self.question is not None:
            context, settings = context_for(self.pack, self.question)
        else:
            context, settings = QuestionContext(text=self.question_text), AnalysisSettings()
        feedback = analyze(text, question=context, settings=settings)
        app = self.app
        assert isinstance(app, CoachApp)
        answer_id = app.save_answer(
            self.pack,
            question_id=self.question.id if self.question else None,
            question_text=self.question_text,
            transcript=feedback.transcript,
            typed=True,
            feedback=feedback.to_dict(),
            settings=settings.to_dict(),
            parent_id=self.parent_id,
        )
        from coach.screens.feedback import FeedbackScreen

        self.app.switch_screen(
            FeedbackScreen(self.question_text, feedback, answer_id=answer_id, pack=self.pack)
        )
