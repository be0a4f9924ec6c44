"""Feedback on one answer: the transcript marked up by STAR part, then what to work on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from coach.analysis import AnswerFeedback
from coach.errors import CoachError
from coach.practice.session import Prompt
from coach.practice.take import TakeResult
from coach.refine import Refined, WholePass
from coach.screens.base import CoachScreen
from coach.screens.sample import SampleAnswerScreen, samples_of
from coach.widgets.feedback_view import FeedbackView
from coach.widgets.safe import plain


class FeedbackScreen(CoachScreen):
    BINDINGS = [
        Binding(
            "1",
            "follow_up(1)",
            "Follow-up",
            id="follow-up-1",
            tooltip="answer the first recommended follow-up now",
        ),
        Binding(
            "2",
            "follow_up(2)",
            "Follow-up 2",
            id="follow-up-2",
            show=False,
            tooltip="answer the second follow-up",
        ),
        Binding(
            "3",
            "follow_up(3)",
            "Follow-up 3",
            id="follow-up-3",
            show=False,
            tooltip="answer the third follow-up",
        ),
        Binding(
            "n,enter",
            "next",
            "Next",
            id="next",
            tooltip="next question, or the summary after the last",
        ),
        Binding("r", "retake", "Retake", id="feedback-retake", tooltip="retake this question"),
        Binding("s", "summary", "So far", id="feedback-summary", tooltip="the session so far"),
        Binding(
            "m",
            "sample",
            "Sample",
            id="feedback-sample",
            tooltip="the pack's sample answer, marked by STAR part",
        ),
        Binding("escape", "home", "Home", id="feedback-home", tooltip="back home"),
    ]

    @dataclass
    class WholePassDone(Message):
        refined: Refined | None
        """None when the whole-recording pass kept the streamed transcript."""

    def __init__(
        self,
        prompt: Prompt,
        feedback: AnswerFeedback,
        *,
        answer_id: int | None = None,
        whole_pass: WholePass | None = None,
    ) -> None:
        super().__init__()
        self.prompt = prompt
        self.feedback = feedback
        self.answer_id = answer_id
        self.whole_pass = whole_pass
        self.refined = False
        """Whether the transcript shown is the whole-recording pass's."""
        self.settled = whole_pass is None
        """Whether the feedback shown is final (no whole-recording pass to come)."""

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)
        if self.whole_pass is not None:
            self.run_whole_pass(self.whole_pass)

    @work(thread=True, exclusive=True, group="whole-pass", exit_on_error=False)
    def run_whole_pass(self, whole_pass: WholePass) -> None:
        """Transcribe the whole recording while the feedback is read; given up (between
        30-s windows) when the candidate moves on, which cancels this worker."""
        worker = get_current_worker()
        refined = whole_pass.run(lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.post_message(self.WholePassDone(refined))

    async def on_feedback_screen_whole_pass_done(self, message: WholePassDone) -> None:
        """Swap the better transcript in, in place, and keep it in history."""
        try:
            if message.refined is not None:
                await self._swap_in(message.refined)
        finally:
            self.settled = True

    async def _swap_in(self, refined: Refined) -> None:
        transcript, feedback = refined.transcript, refined.feedback
        if self.answer_id is not None and self.whole_pass is not None:
            take = TakeResult(transcript, feedback, tuple(self.whole_pass.silences))
            try:
                self.coach.store.update_transcript(
                    self.answer_id, transcript.text, take.transcript_data or {}, feedback.to_dict()
                )
            except CoachError:
                return  # history keeps the streamed text; so does the screen
        self.feedback = feedback
        self.refined = True
        view = self.query_one(FeedbackView)
        view.feedback = feedback
        await view.recompose()

    def _theme_changed(self) -> None:
        self.refresh(recompose=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow_up":
            number = parameters[0] if parameters else 0
            return isinstance(number, int) and number <= len(self.feedback.follow_ups)
        if action == "retake":
            return self._takes_left()
        if action == "sample":
            return bool(samples_of(self.prompt.question))
        if action == "next":  # only within a planned session
            practice = self.coach.practice
            return practice is not None and practice.session is not None
        return True

    def _takes_left(self) -> bool:
        practice = self.coach.practice
        return practice is not None and practice.takes_left(self.prompt)

    def action_follow_up(self, number: int) -> None:
        """Answer the follow-up right away, saved as linked to this answer."""
        if number > len(self.feedback.follow_ups):
            return
        question = self.feedback.follow_ups[number - 1].question
        self.coach.answer_follow_up(question, self.answer_id)

    def action_next(self) -> None:
        self.coach.next_in_practice()

    def action_retake(self) -> None:
        if self._takes_left():
            self.coach.answer_again(self.prompt)

    def action_sample(self) -> None:
        """The pack's sample answer, marked by STAR part like this one."""
        samples = samples_of(self.prompt.question)
        if samples:
            self.app.push_screen(SampleAnswerScreen(self.prompt.text, samples))

    def action_summary(self) -> None:
        self.app.push_screen(self.coach.summary_screen())

    def action_home(self) -> None:
        self.coach.end_practice()

    def palette_commands(self) -> Iterable[SystemCommand]:
        for number, follow_up in enumerate(self.feedback.follow_ups[:3], start=1):
            yield SystemCommand(
                f"Answer follow-up {number}",
                follow_up.question,
                lambda n=number: self.action_follow_up(n),
            )
        yield SystemCommand("Next question", "Move on in this session", self.action_next)
        yield SystemCommand("Session summary", "Every answer so far", self.action_summary)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="feedback"):
            yield Static(Text(plain(self.prompt.text)), id="question")
            yield FeedbackView(self.feedback)
        yield Footer()
