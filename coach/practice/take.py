"""One take of one question, from its recording file to a saved answer.

The question screen, the typed-answer screen and crash recovery all go through
these steps, so an answer is judged the same way however it reached the history:

* :func:`begin_recording` names the recording and notes beside it what it answers
  (recovery reads that note back after a crash);
* :func:`spoken_take` / :func:`typed_take` analyse what was said into a
  :class:`TakeResult`;
* :func:`new_answer` turns the result into the row the store saves.

Plain Python, no Textual.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.analysis import AnalysisSettings, AnswerFeedback, QuestionContext, analyze
from coach.analysis.prosody import VoiceTrack
from coach.history.store import NewAnswer
from coach.packs import Pack
from coach.packs.context import context_from_dict
from coach.practice.session import Prompt
from coach.speech.transcript import Transcript

Silences = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class TakeResult:
    """What one take produced: the words (timed when spoken), the pauses heard, the
    feedback (None when nothing was said) and the recording, if there is one."""

    transcript: Transcript | str
    feedback: AnswerFeedback | None
    silences: Silences = ()
    audio_path: Path | None = None

    @property
    def typed(self) -> bool:
        return isinstance(self.transcript, str)

    @property
    def text(self) -> str:
        if isinstance(self.transcript, str):
            # A typed answer is saved as the analysis read it (controls made visible).
            return self.feedback.transcript if self.feedback else self.transcript
        return self.transcript.text

    @property
    def transcript_data(self) -> dict[str, Any] | None:
        """Words with their timings and the pauses, as Review reads them back."""
        if isinstance(self.transcript, str):
            return None
        return {
            **self.transcript.to_dict(),
            "silences": [[round(a, 3), round(b, 3)] for a, b in self.silences],
        }


def answer_note(prompt: Prompt, pack: Pack | None, settings: AnalysisSettings) -> dict[str, Any]:
    """What an answer answers, as recovery reads it back: the question (and its pack
    snapshot), the earlier answer a follow-up follows, and the analysis settings."""
    question = prompt.question
    return {
        "question_text": prompt.text,
        "question_id": question.id if question else None,
        "question": question.to_dict() if question else None,
        "parent_id": prompt.parent_id,
        "pack_id": pack.id if pack else None,
        "pack_version": pack.version if pack else None,
        "settings": settings.to_dict(),
    }


def recording_path(folder: Path) -> Path:
    """A new, unique name for a recording in ``folder``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return folder / f"answer-{stamp}-{time.time_ns() % 1_000_000:06d}.wav"


def begin_recording(folder: Path, note: dict[str, Any]) -> tuple[Path, OSError | None]:
    """The recording's path, with ``note`` written beside it first (so a crash while
    recording leaves an answer recovery can place). A note that cannot be written is
    returned as the error, not raised: the recording itself may still work."""
    from coach.recovery import write_pending

    wav = recording_path(folder)
    try:
        write_pending(wav, note)
    except OSError as exc:
        return wav, exc
    return wav, None


def spoken_take(
    transcript: Transcript,
    audio_path: Path | None,
    silences: Silences,
    context: QuestionContext,
    settings: AnalysisSettings,
    voice: VoiceTrack | None = None,
) -> TakeResult:
    feedback = (
        analyze(
            transcript, silences=list(silences), question=context, settings=settings, voice=voice
        )
        if transcript.text
        else None
    )
    return TakeResult(transcript, feedback, silences, audio_path)


def typed_take(text: str, context: QuestionContext, settings: AnalysisSettings) -> TakeResult:
    feedback = analyze(text, question=context, settings=settings) if text.strip() else None
    return TakeResult(text, feedback)


def note_context(note: dict[str, Any]) -> tuple[QuestionContext, AnalysisSettings]:
    """The question and settings an interrupted answer was to be judged by, read from
    its (untrusted) note the way Review reads a saved answer."""
    from coach.analysis.text import visible_controls

    text = visible_controls(str(note.get("question_text") or "An answer interrupted by a crash"))
    question = note.get("question")
    context = context_from_dict(
        text,
        question if isinstance(question, dict) else None,
        is_follow_up=isinstance(note.get("parent_id"), int),
    )
    return context, AnalysisSettings.saved(note.get("settings"))


def new_answer(
    prompt: Prompt, result: TakeResult, settings: AnalysisSettings, *, take: int = 1
) -> NewAnswer:
    """The row to save for ``result``, a take of ``prompt``."""
    question = prompt.question
    return answer_row_for(
        result,
        settings,
        question_text=prompt.text,
        question_id=question.id if question else None,
        question=question.to_dict() if question else None,
        parent_id=prompt.parent_id,
        take=take,
    )


def answer_row_for(
    result: TakeResult,
    settings: AnalysisSettings,
    *,
    question_text: str,
    question_id: str | None,
    question: dict[str, Any] | None,
    parent_id: int | None,
    take: int = 1,
) -> NewAnswer:
    """The row to save for ``result`` when the question is known only as saved data
    (recovery reads it from a note)."""
    return NewAnswer(
        question_text=question_text,
        transcript=result.text,
        question_id=question_id,
        question=question,
        parent_id=parent_id,
        take=take,
        typed=result.typed,
        audio_path=result.audio_path,
        transcript_data=result.transcript_data,
        feedback=result.feedback.to_dict() if result.feedback else None,
        settings=settings.to_dict(),
    )
