"""The Textual app: a thin shell that loads the model and routes between screens."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.worker import Worker, WorkerState

from coach.backends import Backends, InputStatus
from coach.errors import CoachError
from coach.packs import Pack, Question
from coach.packs.registry import discover
from coach.speech.transcriber import Transcriber
from coach.store import Store


class CoachApp(App[int]):
    """Offline interview practice."""

    CSS_PATH = "coach.tcss"
    TITLE = "coach"
    SUB_TITLE = "offline interview practice"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit"),
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
        self.packs: list[Pack] = [e.pack for e in discover() if e.pack is not None]
        self._asked: set[tuple[str, str]] = set()
        self._store: Store | None = None
        self.session_id: int | None = None

    def on_mount(self) -> None:
        from coach.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        self.load_model()
        self.check_input()

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

    def next_question(self, pack: Pack) -> Question:
        """A random question from ``pack`` not yet asked in this session, if any is left."""
        fresh = [q for q in pack.questions if (pack.id, q.id) not in self._asked]
        pool = fresh or list(pack.questions)
        question = random.choice(pool) if self.backends.shuffle else pool[0]
        self._asked.add((pack.id, question.id))
        return question

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(
                self.backends.data_dir / "coach.sqlite3" if self.backends.data_dir else None
            )
        return self._store

    def save_answer(self, pack: Pack | None, **answer: Any) -> int:
        """Save one answer at once, starting the session on the first one."""
        if self.session_id is None:
            self.session_id = self.store.start_session(
                "drill", pack.id if pack else None, pack.version if pack else None
            )
        return self.store.add_answer(self.session_id, **answer)

    def action_help(self) -> None:
        from coach.screens.help import HelpScreen

        self.push_screen(HelpScreen())


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
