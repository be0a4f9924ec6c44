"""Energy VAD pause timings and the WER helper, on exact synthetic input."""

from __future__ import annotations

import numpy as np

from coach.speech.audio import SAMPLE_RATE, LinearResampler
from coach.speech.vad import silences, speech_flags
from coach.speech.wer import normalize_words, wer


def _tone(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def test_pauses_between_sounds_are_found_with_their_length() -> None:
    audio = np.concatenate([_tone(1.2), _silence(0.6), _tone(0.9), _silence(1.5), _tone(0.6)])
    gaps = silences(speech_flags(audio), min_s=0.25)
    assert len(gaps) == 2
    assert abs(gaps[0][0] - 1.2) < 0.04 and abs(gaps[0][1] - 1.8) < 0.04
    assert abs((gaps[1][1] - gaps[1][0]) - 1.5) < 0.06


def test_short_gaps_are_not_pauses_and_silence_has_none() -> None:
    audio = np.concatenate([_tone(1.0), _silence(0.1), _tone(1.0)])
    assert silences(speech_flags(audio), min_s=0.25) == []
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
