"""After the stop: the whole recording transcribed at once, to replace the streamed text.

Feedback is drawn at once from the streamed transcript. Streamed phrases are
transcribed with only a few seconds of context, and Whisper does better on 30-s
windows; refinement windows while speaking close most of that gap, but not for the
stretch since the last one. On two held-back answers in three voices
(``benchmarks/streaming_wer.py``, base model) whole-file WER was 10.5 % against
11.4 % streamed at 140 words a minute; on harder voices the gap is wider (15.5 %
against 20.0 %). Once the feedback is on screen the recording is transcribed whole
in the background and, if the result is plausible, analysed and swapped in.

Plausible means what a window had to be: it does not loop, and its length agrees with
the streamed text's (3 words + 20 %), so a sentence Whisper skipped in one pass is
never lost. The pass gives up between 30-s windows when asked (the candidate moved
on), so it never holds the model from the next answer for long.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.analysis import AnswerFeedback, QuestionContext, analyze
from coach.analysis.prosody import VoiceTrack
from coach.analysis.settings import AnalysisSettings
from coach.errors import CoachError
from coach.speech.sources import MAX_ANSWER_S, decode_audio_file
from coach.speech.streaming import plausible_refinement
from coach.speech.transcriber import Transcriber, TranscriptionCancelled, loops
from coach.speech.transcript import Transcript


@dataclass(frozen=True, slots=True)
class Refined:
    transcript: Transcript
    feedback: AnswerFeedback


@dataclass(frozen=True, slots=True)
class WholePass:
    """Everything needed to transcribe one saved answer again and judge it again."""

    transcriber: Transcriber
    audio_path: Path
    streamed: Transcript
    silences: Sequence[tuple[float, float]]
    question: QuestionContext
    settings: AnalysisSettings
    voice: VoiceTrack | None

    def run(self, cancelled: Callable[[], bool]) -> Refined | None:
        """The better transcript and its feedback, or None (cancelled, unreadable,
        implausible, or the same words)."""
        try:
            audio = decode_audio_file(self.audio_path, max_seconds=MAX_ANSWER_S)
            whole = self.transcriber.transcribe(audio, cancelled=cancelled)
        except (CoachError, TranscriptionCancelled):
            return None
        if not better(self.streamed, whole):
            return None
        feedback = analyze(
            whole,
            silences=list(self.silences),
            question=self.question,
            settings=self.settings,
            voice=self.voice,
        )
        return Refined(whole, feedback)


def better(streamed: Transcript, whole: Transcript) -> bool:
    """Whether ``whole`` may replace ``streamed``: different words, and plausible."""
    if not whole.text.strip() or whole.text.split() == streamed.text.split():
        return False
    if loops(streamed.segments) and not loops(whole.segments):
        return True  # the stream looped: its length is no yardstick
    return plausible_refinement(list(streamed.segments), list(whole.segments))
