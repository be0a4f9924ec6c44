"""The Textual app: a thin shell that loads the model and routes between screens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from coach.analysis import AnalysisSettings, AnswerFeedback
from coach.app_settings import SettingsApp
from coach.backends import Backends, InputStatus
from coach.errors import CoachError
from coach.history.store import Store
from coach.packs import Pack
from coach.packs.registry import PackEntry, discover
from coach.practice.controller import PracticeController
from coach.practice.session import MODES, Prompt, SessionPlan
from coach.practice.take import TakeResult
from coach.recovery import Orphan
from coach.refine import WholePass
from coach.screens.base import CoachScreen
from coach.screens.confirm import ConfirmScreen
from coach.screens.feedback import FeedbackScreen
from coach.screens.help import HelpScreen
from coach.screens.home import HomeScreen
from coach.screens.interview import InterviewReportScreen
from coach.screens.record import RecordScreen
from coach.screens.summary import SummaryScreen
from coach.screens.typed import TypedAnswerScreen
from coach.speech.transcriber import Transcriber


class CoachApp(SettingsApp):
    """Offline interview practice."""

    CSS_PATH = "coach.tcss"
    TITLE = "coach"
    SUB_TITLE = "offline interview practice"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", show=False),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    @dataclass
    class ModelProgress(Message):
        fraction: float
        label: str

    @dataclass
    class ModelReady(Message):
        transcriber: Transcriber

    @dataclass
    class ModelFailed(Message):
        error: CoachError

    @dataclass
    class InputChecked(Message):
        status: InputStatus

    @dataclass
    class RecoveryFound(Message):
        orphans: list[Orphan]

    class StatusChanged(Message):
        """Sent to the active screen when the model or input state changes."""

    def __init__(self, backends: Backends) -> None:
        super().__init__()
        self.backends = backends
        self.transcriber: Transcriber | None = None
        self.model_error: CoachError | None = None
        self.input_status: InputStatus | None = None
        self.model_fraction = 0.0
        self.model_label = f"loading {backends.model}"
        entries = discover()
        self.packs: list[Pack] = [e.pack for e in entries if e.pack is not None]
        self.pack_problems: list[PackEntry] = [e for e in entries if e.pack is None]
        """Pack files skipped because they could not be read or are invalid."""
        self.asked: set[tuple[str, str]] = set()
        """(pack id, question id) asked since the app started: new sessions avoid them."""
        self._store: Store | None = None
        self.practice: PracticeController | None = None
        """The session in progress."""
        self.last_practice: PracticeController | None = None
        """The session in progress or the last one (home's summary shows it)."""
        self.orphans: list[Orphan] = []
        """Recordings of answers a crash interrupted, waiting to be recovered."""

    def on_mount(self) -> None:
        self.apply_config()
        mode = self.config.mode if self.config.mode in MODES else "drill"
        self.push_screen(HomeScreen(self.config.pack, mode))
        self.load_model()
        self.check_input()
        self.find_interrupted()
        self.warm_analysis()

    @work(thread=True, group="warm", exit_on_error=False)
    def warm_analysis(self) -> None:
        """Load the sentence encoder and the STAR model now (about half a second) rather
        than when the first answer stops."""
        from coach.analysis import analyze

        analyze("Last year I led the team. We cut wait times by half. I learned a lot.")

    def _db_path(self) -> Path | None:
        return self.backends.data_dir / "coach.sqlite3" if self.backends.data_dir else None

    @property
    def recordings_folder(self) -> Path:
        from coach.locations import recordings_dir

        data = self.backends.data_dir
        return data / "recordings" if data else recordings_dir()

    def keep_for_recovery(self, orphan: Orphan) -> None:
        """An answer the history could not take right now: home offers it again (v)."""
        self.orphans = [*self.orphans, orphan]

    @work(thread=True, group="recovery", exit_on_error=False)
    def find_interrupted(self) -> None:
        from coach.recovery import find_orphans

        store = Store(self._db_path())  # this thread's own connection
        try:
            orphans = find_orphans(store, self.recordings_folder)
        finally:
            store.close()
        if orphans:
            self.post_message(self.RecoveryFound(orphans))

    def on_coach_app_recovery_found(self, message: RecoveryFound) -> None:
        self.orphans = message.orphans
        self.screen.post_message(self.StatusChanged())

    @work(thread=True, exclusive=True, group="recovery", exit_on_error=False)
    def recover_interrupted(self) -> None:
        """Transcribe and save interrupted answers (their recordings are never deleted)."""
        from coach.recovery import recover

        transcriber = self.transcriber
        store = Store(self._db_path())
        saved = 0
        left: list[Orphan] = []
        try:
            for orphan in list(self.orphans):
                if transcriber is None and not orphan.typed:
                    left.append(orphan)
                    continue
                try:
                    recover(orphan, store, transcriber)
                except CoachError:
                    left.append(orphan)  # still kept on disk: offered again
                    continue
                saved += 1
        finally:
            store.close()
        self.orphans = left
        more = f" {len(left)} could not be saved yet; press v to try again." if left else ""
        self.call_from_thread(
            self.notify,
            f"Recovered {saved} interrupted answer(s); they are in the history.{more}",
        )
        # To the screen, not the app: home hides its recovery banner on it.
        self.call_from_thread(self._status_changed)

    def _status_changed(self) -> None:
        self.screen.post_message(self.StatusChanged())

    @work(thread=True, exclusive=True, group="model", exit_on_error=False)
    def load_model(self) -> None:
        def progress(fraction: float, label: str) -> None:
            self.post_message(self.ModelProgress(fraction, label))

        try:
            transcriber = self.backends.load_transcriber(progress)
        except CoachError as exc:
            self.post_message(self.ModelFailed(exc))
            return
        self.post_message(self.ModelReady(transcriber))

    @work(thread=True, group="input", exit_on_error=False)
    def check_input(self) -> None:
        self.post_message(self.InputChecked(self.backends.check_input()))

    def on_coach_app_model_progress(self, message: ModelProgress) -> None:
        self.model_fraction, self.model_label = message.fraction, message.label
        self.screen.post_message(self.StatusChanged())

    def on_coach_app_model_ready(self, message: ModelReady) -> None:
        self.transcriber = message.transcriber
        self.screen.post_message(self.StatusChanged())

    def on_coach_app_model_failed(self, message: ModelFailed) -> None:
        self.model_error = message.error
        self.screen.post_message(self.StatusChanged())

    def on_coach_app_input_checked(self, message: InputChecked) -> None:
        self.input_status = message.status
        self.screen.post_message(self.StatusChanged())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """One place for unexpected worker failures: say so, keep running."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            text = error.message if isinstance(error, CoachError) else repr(error)
            self.notify(text, title="Something went wrong", severity="error", timeout=10)

    @property
    def can_record(self) -> bool:
        status = self.input_status
        return self.transcriber is not None and status is not None and status.ok

    # -- a practice session: the screens ask the app what comes next ---------------

    def start_practice(self, plan: SessionPlan, *, typed: bool) -> None:
        """Begin a new session (saved as its own entry in the history)."""
        self.remember(pack=plan.pack.id, mode=plan.mode)
        self.practice = self.last_practice = PracticeController(
            plan,
            lambda: self.store,
            typed=typed,
            feedback_each=self.config.feedback_each,
            think_s=self.config.think_s,
        )
        self.asked.update((plan.pack.id, q.id) for q in plan.questions)
        self.push_screen(self.screen_for(Prompt.of(plan.questions[0])))

    def screen_for(self, prompt: Prompt, *, think: bool = True) -> Screen[None]:
        """The screen that asks ``prompt``: spoken if we can record, typed otherwise."""
        typed = self.practice is not None and self.practice.typed
        if typed or not self.can_record or self.transcriber is None:
            return TypedAnswerScreen(prompt)
        return RecordScreen(self.transcriber, prompt, think=think)

    def answer_again(self, prompt: Prompt) -> None:
        """Another take of the same question, with its think time (space skips it)."""
        self.switch_screen(self.screen_for(prompt))

    def answer_follow_up(self, text: str, parent_id: int | None) -> None:
        self.switch_screen(self.screen_for(Prompt(text, None, parent_id), think=False))

    def take_done(
        self,
        prompt: Prompt,
        feedback: AnswerFeedback,
        answer_id: int | None,
        whole_pass: WholePass | None = None,
    ) -> None:
        """Where a take leads: its feedback, or in an interview the interviewer's
        follow-up (then the next question) with the feedback kept for the end."""
        practice = self.practice
        if practice is not None and practice.interview:
            follow_up = practice.interviewer_follow_up(prompt, feedback, answer_id)
            if follow_up is not None:
                self.switch_screen(self.screen_for(follow_up, think=False))
            else:
                self.next_in_practice()
            return
        self.switch_screen(
            FeedbackScreen(prompt, feedback, answer_id=answer_id, whole_pass=whole_pass)
        )

    def next_in_practice(self) -> None:
        """The next question, or the session summary (an interview's report) after the
        last one."""
        prompt = self.practice.advance() if self.practice else None
        if prompt is not None:
            self.switch_screen(self.screen_for(prompt))
        elif self.practice is not None and self.practice.interview:
            self.switch_screen(self.interview_report())
        else:
            self.switch_screen(self.summary_screen(final=True))

    def interview_report(self) -> Screen[None]:
        from coach.summary import interview_headline, summarise

        practice = self.practice
        assert practice is not None
        answers = practice.answers()
        return InterviewReportScreen(
            practice.interview_answers(),
            summarise(answers, skipped=practice.skipped),
            interview_headline(answers),
        )

    def summary_screen(self, *, final: bool = False) -> Screen[None]:
        from coach.summary import summarise

        last = self.last_practice
        answers, skipped = (last.answers(), last.skipped) if last else ([], [])
        return SummaryScreen(summarise(answers, skipped=skipped), final=final)

    def end_practice(self) -> None:
        """Back to the home screen; everything answered is already saved."""
        self.practice = None
        while len(self.screen_stack) > 2:  # the default screen, then home
            self.pop_screen()

    @property
    def session(self) -> PracticeController:
        """The session takes are saved to: the one in progress, or a one-off."""
        if self.practice is None:
            self.practice = PracticeController(None, lambda: self.store)
        return self.practice

    def save_take(self, prompt: Prompt, result: TakeResult, settings: AnalysisSettings) -> int:
        return self.session.save(prompt, result, settings)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(
                self.backends.data_dir / "coach.sqlite3" if self.backends.data_dir else None
            )
        return self._store

    @property
    def pack(self) -> Pack | None:
        """The pack of the session in progress."""
        return self.practice.pack if self.practice else None

    async def action_quit(self) -> None:
        """Quit, but ask first if the screen holds work that would be lost."""
        screen = self.screen
        reason = screen.unsaved_reason() if isinstance(screen, CoachScreen) else None
        if not reason:
            self.exit()
            return

        def answer(quit_now: bool | None) -> None:
            if not quit_now:
                return  # "no" keeps the answer going
            if not (isinstance(screen, CoachScreen) and screen.quit_after_saving()):
                self.exit()

        self.push_screen(ConfirmScreen(f"{reason}\n\nQuit coach?", yes="Quit"), answer)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, CoachScreen):
            yield from screen.palette_commands()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.BINDINGS))


def make_app(
    model: str = "base",
    audio_file: str | Path | None = None,
    device: int | str | None = None,
    backends: Backends | None = None,
) -> CoachApp:
    """The one factory used by the CLI and the tests."""
    if backends is None:
        if isinstance(device, str) and device.isdigit():
            device = int(device)
        backends = Backends(
            model=model, audio_file=Path(audio_file) if audio_file else None, device=device
        )
    return CoachApp(backends)
