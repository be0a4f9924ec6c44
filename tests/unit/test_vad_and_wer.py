"""Voice activity and pause timings on real speech with silences of known length, a
tone that is no voice, and the WER helper."""

from __future__ import annotations

import numpy as np

from coach.speech.audio import SAMPLE_RATE, LinearResampler
from coach.speech.sources import decode_audio_file
from coach.speech.vad import silences, speech_flags
from coach.speech.wer import normalize_words, wer
from tests.conftest import shared_clip


def _speech(seconds: float) -> np.ndarray:
    """Real speech (a recorded sentence), trimmed of its own leading silence."""
    audio = decode_audio_file(shared_clip("arctic_a0024.wav"))
    loud = np.flatnonzero(np.abs(audio) > 0.02)
    return audio[loud[0] : loud[0] + int(seconds * SAMPLE_RATE)].astype(np.float32)


def _tone(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def test_pauses_between_phrases_are_found_with_their_length() -> None:
    phrase = _speech(1.0)
    audio = np.concatenate([phrase, _silence(0.8), phrase, _silence(1.5), phrase])
    gaps = silences(speech_flags(audio), min_s=0.25)
    long_ones = [g for g in gaps if g[1] - g[0] >= 0.6]
    assert len(long_ones) == 2, gaps
    first, second = long_ones
    assert abs(first[0] - 1.0) < 0.15 and abs((first[1] - first[0]) - 0.8) < 0.2
    assert abs((second[1] - second[0]) - 1.5) < 0.2


def test_a_tone_or_silence_is_no_voice() -> None:
    """Hum and beeps are not speech: an energy threshold took them for it."""
    assert not speech_flags(_tone(3.0)).any()
    assert not speech_flags(_silence(3.0)).any()
    assert silences(speech_flags(_silence(3.0))) == []


def test_wer_ignores_case_and_punctuation_but_counts_fillers() -> None:
    assert wer("Ask not, what your country...", "ask NOT what your country") == 0.0
    assert normalize_words("Um, so: well-known") == ["um", "so", "well", "known"]
    assert wer("um so I went", "so I went") == 0.25


def test_resampler_keeps_duration_and_pitch() -> None:
    rate = 48_000
    t = np.arange(rate) / rate
    audio = np.sin(2 * np.pi * 440 * t).astype(np.float32)
    resample = LinearResampler(rate)
    out = np.concatenate([resample(audio[i : i + 4800]) for i in range(0, rate, 4800)])
    assert abs(out.size - SAMPLE_RATE) <= 2
    spectrum = np.abs(np.fft.rfft(out[:SAMPLE_RATE]))
    assert abs(np.argmax(spectrum) * SAMPLE_RATE / out[:SAMPLE_RATE].size - 440) < 2
