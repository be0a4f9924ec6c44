"""Record one answer: live level, timer and transcript; then the final transcript."""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from coach.analysis import AnalysisSettings, AnswerFeedback, QuestionContext, analyze
from coach.app import CoachApp
from coach.errors import CoachError
from coach.locations import ensure_private_dir, recordings_dir
from coach.packs import Pack, PackTimings, Question
from coach.packs.context import context_for
from coach.speech.capture import AnswerCapture, CaptureResult
from coach.speech.streaming import StreamingTranscriber
from coach.speech.transcriber import Transcriber
from coach.speech.vad import silences
from coach.widgets.level_meter import LevelMeter

PROMPT = "Tell me about a time you turned an unhappy customer into a loyal one."


class RecordScreen(Screen[None]):
    BINDINGS = [
        Binding("space", "stop", "Stop", id="stop"),
        Binding("escape", "back", "Back", id="back"),
        Binding("f", "feedback", "Full feedback", id="full-feedback"),
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
        feedback: AnswerFeedback | None

    def __init__(
        self,
        transcriber: Transcriber,
        question: str | None = None,
        *,
        pack: Pack | None = None,
        pack_question: Question | None = None,
        parent_id: int | None = None,
    ) -> None:
        super().__init__()
        self.transcriber = transcriber
        self.question = pack_question.text if pack_question else (question or PROMPT)
        self.pack = pack
        self.pack_question = pack_question
        self.parent_id = parent_id
        self.answer_id: int | None = None
        if pack is not None and pack_question is not None:
            self.context, self.settings = context_for(pack, pack_question)
        else:
            self.context, self.settings = QuestionContext(text=self.question), AnalysisSettings()
        self.timings = pack_question.timings if pack_question else PackTimings(think_s=0)
        self.feedback: AnswerFeedback | None = None
        self.capture: AnswerCapture | None = None
        self.recording = False
        self.thinking = False
        self._think_left = 0
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(self.question), id="question")
        yield Static(id="timer")
        yield LevelMeter(id="level")
        with VerticalScroll(id="transcript-box"):
            yield Static(
                Text("Listening… speak your answer, then press space.", style="dim"),
                id="transcript",
            )
        yield Footer()

    def on_mount(self) -> None:
        if self.timings.think_s > 0:
            self.thinking = True
            self._think_left = int(self.timings.think_s)
            self._show_think()
            self._ticker = self.set_interval(1.0, self._tick)
        else:
            self.start_recording()

    def _show_think(self) -> None:
        minutes, seconds = divmod(self._think_left, 60)
        self.query_one("#timer", Static).update(
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

    def start_recording(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.thinking = False
        self.query_one("#timer", Static).update(
            Text.assemble(("● recording ", "bold red"), "0:00  listening…")
        )
        app = self.app
        assert isinstance(app, CoachApp)
        data = app.backends.data_dir
        folder = ensure_private_dir(data / "recordings" if data else recordings_dir())
        stamp = time.strftime("%Y%m%d-%H%M%S")
        streamer = StreamingTranscriber(
            self.transcriber,
            on_commit=lambda _new, text: self.post_message(self.Committed(text)),
        )
        self.capture = AnswerCapture(
            app.backends.new_source(),
            folder / f"answer-{stamp}.wav",
            streamer,
            on_level=lambda secs, db: self.post_message(self.Level(secs, db)),
            max_seconds=self.timings.hard_cap_s,
        )
        self.recording = True
        self.run_capture()

    @work(thread=True, exclusive=True, group="capture", exit_on_error=False)
    def run_capture(self) -> None:
        assert self.capture is not None
        try:
            result = self.capture.run()
        except CoachError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        feedback = None
        if result.transcript.text:
            feedback = analyze(
                result.transcript,
                silences=silences(self.capture.streamer.vad.flags),
                question=self.context,
                settings=self.settings,
            )
        self.post_message(self.Finished(result, feedback))

    def _failed(self, exc: CoachError) -> None:
        self.recording = False
        self.query_one("#transcript", Static).update(Text(str(exc), style="red"))

    def on_record_screen_level(self, message: Level) -> None:
        self.query_one(LevelMeter).level = message.dbfs
        minutes, seconds = divmod(int(message.seconds), 60)
        band, style = live_band(message.seconds, self.settings)
        cap_m, cap_s = divmod(int(self.timings.hard_cap_s), 60)
        self.query_one("#timer", Static).update(
            Text.assemble(
                ("● recording ", "bold red"),
                (f"{minutes}:{seconds:02d}", f"bold {style}"),
                f"  {band} · stops at {cap_m}:{cap_s:02d}",
            )
        )

    def on_record_screen_committed(self, message: Committed) -> None:
        self.query_one("#transcript", Static).update(Text(message.text))

    def on_record_screen_finished(self, message: Finished) -> None:
        self.recording = False
        result = message.result
        self.feedback = message.feedback
        app = self.app
        assert isinstance(app, CoachApp)
        try:
            self.answer_id = app.save_answer(
                self.pack,
                question_id=self.pack_question.id if self.pack_question else None,
                question_text=self.question,
                transcript=result.transcript.text,
                audio_path=result.audio_path,
                transcript_data=result.transcript.to_dict(),
                feedback=message.feedback.to_dict() if message.feedback else None,
                parent_id=self.parent_id,
            )
        except CoachError as exc:
            self.notify(str(exc), title="Not saved to history", severity="error", timeout=10)
        self.query_one("#timer", Static).update(
            Text(f"■ stopped at {result.seconds:.1f} s — saved {result.audio_path.name}")
        )
        self.query_one(LevelMeter).level = -100.0
        body = Text(result.transcript.text or "(no speech heard)")
        if result.error is not None:
            body.append(f"\n\n{result.error}", style="yellow")
        if message.feedback is not None:
            body.append("\n\n")
            body.append_text(feedback_summary(message.feedback))
        self.query_one("#transcript", Static).update(body)

    def action_stop(self) -> None:
        if self.thinking:
            self.start_recording()
            return
        if self.capture is not None and self.recording:
            self.capture.stop()
            self.query_one("#timer", Static).update(Text("■ stopping… transcribing the last words"))

    def on_unmount(self) -> None:
        """Leaving the screen (or quitting) ends the recording; what was said is on disk."""
        if self._ticker is not None:
            self._ticker.stop()
        if self.capture is not None:
            self.capture.stop()

    def action_feedback(self) -> None:
        if self.feedback is None:
            return
        from coach.screens.feedback import FeedbackScreen

        self.app.push_screen(
            FeedbackScreen(self.question, self.feedback, answer_id=self.answer_id, pack=self.pack)
        )

    def action_back(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
        if self.recording and self.capture is not None:
            self.capture.stop()
        self.app.pop_screen()


def feedback_summary(feedback: AnswerFeedback) -> Text:
    """A compact first look at the feedback; the full feedback screen comes later."""
    out = Text()
    out.append("STAR  ", style="bold")
    for name, part in feedback.star.items():
        out.append(
            f"{'✓' if part.present else '✗'} {name}  ", style="green" if part.present else "red"
        )
    pace = feedback.pacing
    if pace.wpm is not None:
        out.append(
            f"\nPace  {pace.wpm:.0f} wpm · length {pace.duration_s:.0f} s ({pace.length_band})"
        )
    out.append(f"\nFillers  {len(feedback.fillers)}")
    if feedback.fillers_per_minute is not None:
        out.append(f" ({feedback.fillers_per_minute:.1f}/min)")
    if feedback.follow_ups:
        out.append("\nAn interviewer might ask next:", style="bold")
        for follow_up in feedback.follow_ups[:3]:
            out.append(f"\n  • {follow_up.question}")
    return out


def live_band(seconds: float, settings: AnalysisSettings) -> tuple[str, str]:
    """Where a running answer stands against the target length, and its colour.

    Neutral until the answer could be long enough, so the timer never nags at the start.
    """
    green, amber = settings.green_s, settings.amber_s
    if seconds < amber[0]:
        return f"aim for {green[0]:.0f}–{green[1]:.0f} s", ""
    if seconds < green[0]:
        return "almost long enough", "yellow"
    if seconds <= green[1]:
        return "good length", "green"
    if seconds <= amber[1]:
        return "time to wrap up", "yellow"
    return "too long", "red"
