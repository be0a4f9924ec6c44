"""Streaming transcription: as accurate as whole-file, with little left at the end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from coach.refine import better
from coach.speech.capture import AnswerCapture
from coach.speech.sources import FileSource, decode_audio_file
from coach.speech.streaming import StreamingTranscriber
from coach.speech.wer import wer, word_errors
from tests.conftest import JFK_TEXT, shared_clip

pytestmark = pytest.mark.model


def _stream(transcriber, audio: np.ndarray) -> tuple[str, StreamingTranscriber]:  # type: ignore[no-untyped-def]
    commits: list[str] = []
    streamer = StreamingTranscriber(transcriber, on_commit=lambda _new, text: commits.append(text))
    for start in range(0, audio.size, 1600):
        streamer.feed(audio[start : start + 1600])
    return streamer.finish().text, streamer


VOICES = ("en-gb-x-rp", "en-us", "en-gb")


def test_two_minute_answers_end_as_accurate_as_whole_file(
    base_transcriber,
    speech: Callable[..., Path],
    answer_text: str,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The same 2-minute answer in three espeak-ng voices, streamed through the real
    capture path at paced speed (2.5x real time, which still leaves the worker idle
    time as a live answer would), against whole-file transcription. The app draws
    feedback from the streamed text, then swaps in the whole-recording pass where it
    is plausible (coach.refine): that final text is as accurate as whole-file, and
    the streamed one, refined by 20-s windows while speaking, is at most two points
    behind (8.7 % against 9.4 % when written; three points behind was allowed
    before the windows). WER is pooled over the voices:
    on synthetic speech one clip's WER moves by several points with inaudible
    changes, so a single clip cannot resolve a one-point difference."""
    errors = {"whole": 0, "streamed": 0, "final": 0}
    total = 0
    for voice in VOICES:
        audio = decode_audio_file(speech(answer_text, voice=voice, speed=150, gap=2))
        assert audio.size / 16000 >= 110, "a two-minute answer"
        streamer = StreamingTranscriber(base_transcriber)
        result = AnswerCapture(
            FileSource(audio, speed=2.5), tmp_path / f"{voice}.wav", streamer
        ).run()
        assert streamer.stats.phrases >= 5, "text was committed while speaking, not at the end"
        assert streamer.stats.windows >= 1, "committed phrases were heard again in windows"
        whole = base_transcriber.transcribe(audio)
        final = whole if better(result.transcript, whole) else result.transcript
        for name, text in (
            ("streamed", result.transcript.text),
            ("whole", whole.text),
            ("final", final.text),
        ):
            wrong, words = word_errors(answer_text, text)
            errors[name] += wrong
        total += words
    wers = {name: wrong / total for name, wrong in errors.items()}
    assert wers["final"] <= wers["whole"] + 0.01, wers
    assert wers["streamed"] <= wers["whole"] + 0.02, wers


def test_live_commits_arrive_in_order_and_build_the_final_text(base_transcriber) -> None:  # type: ignore[no-untyped-def]
    audio = decode_audio_file(shared_clip("jfk.flac"))
    commits: list[str] = []
    streamer = StreamingTranscriber(
        base_transcriber, on_commit=lambda _n, text: commits.append(text)
    )
    for start in range(0, audio.size, 1600):
        streamer.feed(audio[start : start + 1600])
    final = streamer.finish()
    # Text only grows as phrases are committed (a later window may reword, not shrink it),
    # and the last commit shown is the final transcript.
    counts = [len(text.split()) for text in commits]
    assert commits and counts == sorted(counts)
    assert commits[-1] == final.text
    assert wer(JFK_TEXT, final.text) <= 0.10
    starts = [w.start for w in final.words]
    assert starts == sorted(starts)


def test_capture_writes_the_answer_and_returns_its_transcript(
    base_transcriber,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    clip = shared_clip("jfk.flac")
    capture = AnswerCapture(
        FileSource(clip, realtime=False), tmp_path / "a.wav", StreamingTranscriber(base_transcriber)
    )
    result = capture.run()
    assert result.audio_path.exists()
    assert abs(result.seconds - 11.0) < 0.2
    assert wer(JFK_TEXT, result.transcript.text) <= 0.10
    assert np.allclose(decode_audio_file(result.audio_path), decode_audio_file(clip), atol=2e-4)


def test_a_stop_mid_phrase_keeps_the_last_words_and_encodes_them_short(
    base_transcriber, speech: Callable[..., Path]
) -> None:  # type: ignore[no-untyped-def]
    """The speaker is cut off by the timer in the middle of a sentence: the words
    said before the cut are in the final transcript, from the short last phrase."""
    text = (
        "Last spring our support queue doubled after a launch. I sorted the tickets by "
        "urgency and wrote saved replies for the common problems. Then I called the "
        "customers who had waited longest and apologised to each of them personally"
    )
    audio = decode_audio_file(speech(text, speed=160))
    audio = audio[: int(audio.size * 0.93)]  # stop a few words before the end
    said, streamer = _stream(base_transcriber, audio)
    assert "waited longest" in said.lower(), said
    assert streamer.stats.phrases >= 2


def test_a_stop_mid_sentence_keeps_the_words_said_before_it(base_transcriber) -> None:  # type: ignore[no-untyped-def]
    """Cut off inside "your" of "...ask what you can do for your country": the last
    phrase is transcribed from the audio there is, and nothing said is lost."""
    audio = decode_audio_file(shared_clip("jfk.flac"))[: int(10.0 * 16000)]
    streamer = StreamingTranscriber(base_transcriber)
    for start in range(0, audio.size, 1600):
        streamer.feed(audio[start : start + 1600])
    text = streamer.finish().text.lower()
    assert "ask what you can do for" in text.replace(",", ""), text
    assert "country can do for you" in text.replace(",", ""), text
