"""Ask one question aloud: think time, then recording with a live level, timer and transcript.

When the answer stops, it is saved (audio, transcript, feedback) and the feedback
screen replaces this one. Nothing said is ever thrown away: a retake, a skip or
leaving mid-answer all keep the take in the history.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from coach.analysis import AnswerFeedback
from coach.analysis.ahead import prepare
from coach.analysis.prosody import VoiceTracker
from coach.errors import CoachError
from coach.locations import ensure_private_dir
from coach.practice.session import Prompt
from coach.practice.take import TakeResult, answer_note, begin_recording, spoken_take
from coach.recovery import clear_pending
from coach.refine import WholePass
from coach.screens.base import CoachScreen
from coach.speech.capture import AnswerCapture, CaptureResult
from coach.speech.streaming import StreamingTranscriber
from coach.speech.transcriber import Transcriber
from coach.speech.transcript import Segment
from coach.speech.vad import FRAME_S, silences
from coach.widgets.level_meter import LevelMeter
from coach.widgets.question_header import question_header
from coach.widgets.safe import plain
from coach.widgets.theme_colours import palette_for
from coach.widgets.timer_text import live_band

Phase = Literal["thinking", "recording", "paused", "stopping", "done"]
AfterStop = Literal["feedback", "retake", "skip", "leave", "quit"]


class RecordScreen(CoachScreen):
    BINDINGS = [
        Binding(
            "space",
            "start_stop",
            "Start/stop",
            id="start-stop",
            tooltip="start now (skips think time) / stop answering",
        ),
        Binding("p", "pause", "Pause", id="pause", tooltip="pause or resume the recording"),
        Binding("r", "retake", "Retake", id="retake", tooltip="retake (every take is kept)"),
        Binding(
            "n",
            "skip",
            "Skip",
            id="skip",
            tooltip="skip to the next question (what you said is kept)",
        ),
        Binding(
            "escape", "leave", "Home", id="leave", tooltip="back home (asks first while recording)"
        ),
        Binding(
            "f",
            "feedback",
            "Feedback",
            show=False,
            tooltip="the feedback on what was heard (after a fault)",
        ),
    ]

    @dataclass
    class Level(Message):
        seconds: float
        dbfs: float

    @dataclass
    class Committed(Message):
        text: str

    @dataclass
    class Finished(Message):
        result: CaptureResult
        take: TakeResult
        whole_pass: WholePass | None = None

    @dataclass
    class Failed(Message):
        error: CoachError

    def __init__(self, transcriber: Transcriber, prompt: Prompt, *, think: bool = True) -> None:
        super().__init__()
        self.transcriber = transcriber
        self.prompt = prompt
        self.think = think
        self.capture: AnswerCapture | None = None
        self.voice = VoiceTracker()
        self.phase: Phase = "thinking"
        self.after_stop: AfterStop = "feedback"
        self.seconds = 0.0
        self._think_left = 0
        self._ticker: Timer | None = None
        self._partial: tuple[AnswerFeedback, int | None] | None = None
        self.silences: list[tuple[float, float]] = []

    def compose(self) -> ComposeResult:
        app = self.coach
        self.context, self.settings, self.timings = app.session.context(self.prompt)
        yield Header()
        session = app.practice.session if app.practice else None
        yield Static(question_header(session, self.prompt, self.timings), id="question-meta")
        yield Static(Text(plain(self.prompt.text)), id="question")
        yield Static(id="timer")
        yield LevelMeter(id="level")
        with VerticalScroll(id="transcript-box"):
            yield Static(id="transcript")
        yield Footer()

    def on_mount(self) -> None:
        if self.think and self.timings.think_s > 0:
            self._show_words(
                Text(
                    "Think about your answer: which time, what you did, how it ended. "
                    "Recording starts when the think time ends, or press space.",
                    style="dim",
                )
            )
            self._think_left = int(self.timings.think_s)
            self._show_think()
            self._ticker = self.set_interval(1.0, self._tick)
        else:
            self.start_recording()

    # -- think time ---------------------------------------------------------------

    def _show_think(self) -> None:
        minutes, seconds = divmod(self._think_left, 60)
        self._timer(
            Text.assemble(
                ("◔ think ", "bold"),
                f"{minutes}:{seconds:02d} left · press space to start answering now",
            )
        )

    def _tick(self) -> None:
        self._think_left -= 1
        if self._think_left <= 0:
            self.start_recording()
        else:
            self._show_think()

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    # -- recording ----------------------------------------------------------------

    def start_recording(self) -> None:
        self._stop_ticker()
        try:
            self._start_capture()
        except CoachError as exc:  # the data folder cannot be written, no device...
            self.post_message(self.Failed(exc))

    def _start_capture(self) -> None:
        app = self.coach
        folder = ensure_private_dir(app.recordings_folder)
        streamer = StreamingTranscriber(self.transcriber, on_commit=self._committed)
        # What this recording answers, in case the app dies before it is saved.
        wav, problem = begin_recording(folder, answer_note(self.prompt, app.pack, self.settings))
        if problem is not None:
            self.notify(f"Cannot write to {folder}: {problem.strerror}", severity="error")
        self.voice = VoiceTracker()
        self.capture = AnswerCapture(
            app.backends.new_source(),
            wav,
            streamer,
            on_level=lambda secs, db: self.post_message(self.Level(secs, db)),
            max_seconds=self.timings.hard_cap_s,
            taps=(self.voice.feed,),
        )
        self.phase = "recording"
        recording = f"bold {palette_for(self.app).bad}"
        self._timer(Text.assemble(("● recording ", recording), "0:00  listening…"))
        self._show_words(Text("Listening… speak your answer, then press space.", style="dim"))
        self.run_capture()

    def _committed(self, _new: list[Segment], text: str) -> None:
        """In the transcription thread: show the text, and read the finished sentences
        now so the feedback at stop has only the last ones left to read."""
        self.post_message(self.Committed(text))
        # After stop the last phrase's reading is left to the analysis: done here it
        # would only delay the end of transcription.
        if self.capture is not None and self.phase in ("recording", "paused"):
            with suppress(CoachError):  # a damaged encoder is reported at stop
                prepare(self.capture.streamer.words, self.context)

    @work(thread=True, exclusive=True, group="capture", exit_on_error=False)
    def run_capture(self) -> None:
        capture = self.capture
        assert capture is not None
        try:
            result = capture.run()
        except CoachError as exc:
            self.post_message(self.Failed(exc))
            return
        whole_pass = None
        flags = capture.streamer.vad.flags
        self.silences = silences(flags)
        voice = self.voice.track(flags, FRAME_S) if result.transcript.text else None
        take = spoken_take(
            result.transcript,
            result.audio_path,
            tuple(self.silences),
            self.context,
            self.settings,
            voice,
        )
        if take.feedback is not None:
            whole_pass = WholePass(
                self.transcriber,
                result.audio_path,
                result.transcript,
                self.silences,
                self.context,
                self.settings,
                voice,
            )
        self.post_message(self.Finished(result, take, whole_pass))

    def stop(self, then: AfterStop) -> None:
        """End the recording; what happens next waits until the answer is saved."""
        self.after_stop = then
        if self.capture is not None and self.phase in ("recording", "paused"):
            self.phase = "stopping"
            self.capture.stop()
            self._timer(Text("■ stopping… transcribing the last words"))

    def on_record_screen_level(self, message: Level) -> None:
        if self.phase != "recording":
            return
        self.seconds = message.seconds
        self.query_one(LevelMeter).level = message.dbfs
        minutes, seconds = divmod(int(message.seconds), 60)
        band, tone = live_band(message.seconds, self.settings)
        colours = palette_for(self.app)
        style = getattr(colours, tone) if tone else ""
        cap_m, cap_s = divmod(int(self.timings.hard_cap_s), 60)
        self._timer(
            Text.assemble(
                ("● recording ", f"bold {colours.bad}"),
                (f"{minutes}:{seconds:02d}", f"bold {style}"),
                f"  {band} · stops at {cap_m}:{cap_s:02d}",
            )
        )

    def on_record_screen_committed(self, message: Committed) -> None:
        self._show_words(Text(plain(message.text)))

    def _show_words(self, text: Text) -> None:
        """The live transcript, kept scrolled to the newest words."""
        self.query_one("#transcript", Static).update(text)
        box = self.query_one("#transcript-box", VerticalScroll)
        self.call_after_refresh(box.scroll_end, animate=False)  # once the new text is laid out

    def on_record_screen_failed(self, message: Failed) -> None:
        self.phase = "done"
        self._timer(
            Text("■ the recording could not start", style=f"bold {palette_for(self.app).bad}")
        )
        self.query_one("#transcript", Static).update(
            Text(f"{message.error}\n\nPress r to try again, n to skip, escape for home.")
        )

    def on_record_screen_finished(self, message: Finished) -> None:
        self.phase = "done"
        result, feedback = message.result, message.take.feedback
        app = self.coach
        answer_id: int | None = None
        try:
            answer_id = app.save_take(self.prompt, message.take, self.settings)
        except CoachError as exc:
            self.notify(str(exc), title="Not saved to history", severity="error", timeout=10)
        else:
            clear_pending(result.audio_path)
        self.query_one(LevelMeter).level = -100.0
        if result.overflows:
            self.notify(
                f"{result.overflows} short piece(s) of audio were dropped because the computer "
                "was busy; close heavy programs or use --model tiny.en",
                title="Audio gaps",
                severity="warning",
                timeout=10,
            )
        then = self.after_stop
        if then == "quit":
            app.exit()
        elif then == "leave":
            app.end_practice()
        elif then == "retake":
            app.answer_again(self.prompt)
        elif then == "skip":
            app.next_in_practice()
        elif feedback is not None and result.error is None:
            app.take_done(self.prompt, feedback, answer_id, message.whole_pass)
        else:
            self._show_result(result, feedback, answer_id)

    def _show_result(
        self, result: CaptureResult, feedback: AnswerFeedback | None, answer_id: int | None
    ) -> None:
        """An answer that ended badly (no speech, a device fault) stays here, explained."""
        self._timer(Text(f"■ stopped at {result.seconds:.1f} s — saved {result.audio_path.name}"))
        body = Text(plain(result.transcript.text) or "(no speech heard)")
        if result.error is not None:
            body.append(f"\n\n{result.error}", style="bold")
        body.append("\n\nPress r to try again, n for the next question, escape for home.")
        if feedback is not None:
            body.append(" f shows the feedback on what was heard.")
            self._partial = (feedback, answer_id)
        self.query_one("#transcript", Static).update(body)

    # -- keys -----------------------------------------------------------------------

    def action_start_stop(self) -> None:
        if self.phase == "thinking":
            self.start_recording()
        elif self.phase in ("recording", "paused"):
            self.stop("feedback")

    def action_pause(self) -> None:
        if self.capture is None or self.phase not in ("recording", "paused"):
            return
        paused = self.phase == "recording"
        self.capture.pause(paused)
        self.phase = "paused" if paused else "recording"
        if paused:
            minutes, seconds = divmod(int(self.seconds), 60)
            self._timer(
                Text.assemble(
                    ("❚❚ paused ", "bold"), f"at {minutes}:{seconds:02d} · press p to go on"
                )
            )

    def action_retake(self) -> None:
        session = self.coach.session
        allowed = session.takes_allowed(self.prompt)
        if self.phase in ("recording", "paused"):
            if session.is_last_take(self.prompt):
                self.notify(f"This is the last of {allowed} takes.", severity="warning")
                return
            self.stop("retake")
        elif self.phase == "done":
            if session.takes_left(self.prompt):
                self.coach.answer_again(self.prompt)
            else:
                self.notify(f"All {allowed} takes used.", severity="warning")

    def action_skip(self) -> None:
        if self.phase in ("recording", "paused"):
            self.stop("skip")  # what was said is still saved
        elif self.phase in ("thinking", "done"):
            self._stop_ticker()
            self.coach.next_in_practice()

    def action_leave(self) -> None:
        if self.phase not in ("recording", "paused"):
            self._stop_ticker()
            self.coach.end_practice()
            return
        from coach.screens.confirm import ConfirmScreen

        def answer(leave: bool | None) -> None:
            if leave:
                self.stop("leave")

        self.app.push_screen(
            ConfirmScreen(
                "Stop this answer and go back home?\n"
                "What you have said so far is saved to your history.",
                yes="Stop and go home",
            ),
            answer,
        )

    def action_feedback(self) -> None:
        if self._partial is None:
            return
        from coach.screens.feedback import FeedbackScreen

        feedback, answer_id = self._partial
        self.coach.switch_screen(FeedbackScreen(self.prompt, feedback, answer_id=answer_id))

    def unsaved_reason(self) -> str | None:
        """Asked by the app before quitting."""
        if self.phase in ("recording", "paused"):
            return "You are in the middle of an answer. If you quit, it is saved without feedback."
        return None

    def quit_after_saving(self) -> bool:
        """Quit once the answer is saved; False when there is nothing to wait for."""
        if self.phase not in ("recording", "paused"):
            return False
        self.stop("quit")
        return True

    def on_unmount(self) -> None:
        """However the screen goes, the recording ends; what was said is on disk."""
        self._stop_ticker()
        if self.capture is not None:
            self.capture.stop()

    def _timer(self, text: Text) -> None:
        self.query_one("#timer", Static).update(text)
