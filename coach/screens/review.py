"""Review a past answer: the same feedback as live, its recording, re-analysis, deletion."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from coach.analysis import AnalysisSettings
from coach.analysis.feedback import star_marks
from coach.errors import CoachError
from coach.history import queries
from coach.history.queries import when
from coach.history.reanalyse import feedback_for
from coach.history.store import StoredAnswer
from coach.screens.base import CoachScreen
from coach.screens.sample import SampleAnswerScreen, samples_of
from coach.speech.player import Player
from coach.widgets.feedback_view import FeedbackView
from coach.widgets.safe import plain


class ReviewScreen(CoachScreen):
    BINDINGS = [
        Binding(
            "space",
            "play",
            "Play/pause",
            id="review-play",
            tooltip="play or pause the recording (click a word to seek)",
        ),
        Binding("left", "skip(-5)", "−5 s", id="review-back5", tooltip="back 5 s"),
        Binding("right", "skip(5)", "+5 s", id="review-fwd5", tooltip="forward 5 s"),
        Binding(
            "left_square_bracket",
            "move(-1)",
            "Previous",
            id="review-prev",
            tooltip="previous answer in the session",
        ),
        Binding(
            "right_square_bracket",
            "move(1)",
            "Next",
            id="review-next",
            tooltip="next answer in the session",
        ),
        Binding(
            "c",
            "compare",
            "Compare takes",
            id="review-compare",
            tooltip="compare two takes side by side",
        ),
        Binding(
            "a",
            "reanalyse",
            "Re-analyse",
            id="review-reanalyse",
            tooltip="re-analyse with today's analysis",
        ),
        Binding("m", "sample", "Sample", id="review-sample", tooltip="the pack's sample answer"),
        Binding(
            "x,delete",
            "delete",
            "Delete",
            id="review-delete",
            tooltip="delete this answer with its recording (asks first)",
        ),
        Binding("escape", "app.pop_screen", "Back", id="review-back"),
    ]

    def __init__(self, answer_ids: list[int], index: int = 0) -> None:
        super().__init__()
        self.answer_ids = answer_ids
        self.index = index
        self.player: Player | None = None
        self._answer: StoredAnswer | None = None
        self._ticker: Timer | None = None

    @property
    def answer(self) -> StoredAnswer:
        """The answer under review, read once (the player's ticker asks four times a second)."""
        if self._answer is None:
            self._answer = self.coach.store.answer(self.answer_ids[self.index])
            assert self._answer is not None
        return self._answer

    def compose(self) -> ComposeResult:
        answer = self.answer
        self.feedback = feedback_for(answer)
        yield Header()
        with VerticalScroll(id="review"):
            yield Static(self._meta(answer), id="review-meta")
            yield Static(Text(plain(answer.question_text)), id="question")
            yield Static(id="player")
            yield Static(id="analysis-note")
            yield FeedbackView(
                self.feedback, follow_up_hint="Follow-up questions to practise", seekable=True
            )
        yield Footer()

    def _meta(self, answer: StoredAnswer) -> Text:
        parts = [when(answer.created_at), plain(answer.pack_id or "no pack")]
        if answer.competency:
            parts.append(plain(answer.competency))
        parts.append(f"take {answer.take}")
        if answer.parent_id is not None:
            parts.append("follow-up")
        parts.append(f"answer {self.index + 1} of {len(self.answer_ids)} in this session")
        return Text(" · ".join(parts), style="dim")

    def on_mount(self) -> None:
        answer = self.answer
        stored = answer.feedback or {}
        now = self.feedback.to_dict()
        then, today = star_marks(stored), star_marks(now)
        if stored and then != today:
            self.query_one("#analysis-note", Static).update(
                Text(
                    "The analysis has changed since this answer was saved "
                    f"(STAR then {then}, now {today}): press a to keep the new one.",
                    style="italic",
                )
            )
        self._show_player()

    def _show_player(self) -> None:
        answer = self.answer
        widget = self.query_one("#player", Static)
        if not answer.audio_path:
            widget.update(Text("Typed answer: no recording.", style="dim"))
            return
        if self.coach.store.folder.recording(answer.audio_path) is None:
            widget.update(Text(f"The recording is gone: {plain(answer.audio_path)}", style="dim"))
            return
        player = self.player
        position = player.position_s if player else 0.0
        total = player.duration_s if player else (answer.duration_s or 0.0)
        state = "❚❚" if player and player.playing else "▶"
        widget.update(
            Text.assemble(
                (f"{state} {_clock(position)} / {_clock(total)}", "bold"),
                "  space plays · ←/→ seek 5 s · click a word to play from it",
            )
        )

    def _load_player(self) -> Player | None:
        if self.player is None:
            path = self.coach.store.folder.recording(self.answer.audio_path)
            if path is None:  # gone, or not a file coach made: never opened
                return None
            from coach.speech.sources import decode_audio_file

            self.player = Player(decode_audio_file(path))
        return self.player

    def action_play(self) -> None:
        try:
            player = self._load_player()
            if player is None:
                self.notify("This answer has no recording to play.")
                return
            player.toggle()
        except CoachError as exc:
            self._cannot_play(exc)
            return
        if self._ticker is None:
            self._ticker = self.set_interval(0.25, self._show_player)
        self._show_player()

    def seek(self, seconds: float) -> None:
        """Jump to ``seconds`` (clicking a transcript word lands here) and play."""
        try:
            player = self._load_player()
            if player is None:
                return
            player.seek(seconds)
            if not player.playing:
                self.action_play()
        except CoachError as exc:
            self._cannot_play(exc)

    def _cannot_play(self, error: CoachError) -> None:
        """Say why, and where the file is, to open it in any player."""
        path = self.coach.store.folder.recording(self.answer.audio_path)
        where = f"\nThe recording is {path}" if path is not None else ""
        hint = f"\n{error.hint}" if error.hint else ""
        self.notify(
            f"{error.message.capitalize()}.{where}{hint}",
            title="Cannot play",
            severity="warning",
            timeout=12,
        )
        self._show_player()

    def action_seek(self, seconds: float) -> None:
        self.seek(seconds)

    def action_skip(self, delta: float) -> None:
        player = self._load_player()
        if player is not None:
            player.seek(player.position_s + delta)
            self._show_player()

    def action_move(self, step: int) -> None:
        target = self.index + step
        if 0 <= target < len(self.answer_ids):
            self.app.switch_screen(ReviewScreen(self.answer_ids, target))

    def action_sample(self) -> None:
        """The pack's sample answer for this question, marked by STAR part."""
        samples = samples_of(self.answer.question)
        if samples:
            self.app.push_screen(SampleAnswerScreen(self.answer.question_text, samples))
        else:
            self.notify("This question's pack has no sample answer.")

    def action_compare(self) -> None:
        answer = self.answer
        takes = queries.takes(self.coach.store, answer)
        if len(takes) < 2:
            self.notify("This question has only one take so far.")
            return
        from coach.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(takes, [t.id for t in takes].index(answer.id)))

    def action_reanalyse(self) -> None:
        """Analyse the saved transcript with today's analysis and keep the result."""
        answer = self.answer
        before = star_marks(answer.feedback or {})
        settings = AnalysisSettings()
        pack = next((p for p in self.coach.packs if p.id == answer.pack_id), None)
        if pack is not None:
            settings = settings.with_overrides(pack.analysis)
        feedback = feedback_for(answer, settings)
        try:
            self.coach.store.update_feedback(answer.id, feedback.to_dict(), settings.to_dict())
        except CoachError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Re-analysed and saved: STAR {before} → {star_marks(feedback.to_dict())}.")
        self.app.switch_screen(ReviewScreen(self.answer_ids, self.index))

    def action_delete(self) -> None:
        from coach.screens.confirm import ConfirmScreen

        answer_id = self.answer_ids[self.index]

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            if self.player is not None:
                self.player.close()
            try:
                removed = self.coach.store.delete_answer(answer_id)
            except CoachError as exc:
                self.notify(str(exc), title="Not deleted", severity="error", timeout=10)
                return
            self.notify(f"Answer deleted{' with its recording' if removed else ''}.")
            remaining = [i for i in self.answer_ids if i != answer_id]
            if remaining:
                self.app.switch_screen(ReviewScreen(remaining, min(self.index, len(remaining) - 1)))
            else:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmScreen("Delete this answer and its recording?", yes="Delete"), answer
        )

    def on_unmount(self) -> None:
        if self.player is not None:
            self.player.close()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
