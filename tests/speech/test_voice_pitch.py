"""Pitch movement and loudness from real audio: monotone speech is called monotone,
expressive speech and real voices are not."""

from __future__ import annotations

import numpy as np

from coach.analysis import analyze
from coach.analysis.prosody import HOP_S, voice_track
from coach.analysis.text import from_words
from coach.speech.sources import decode_audio_file
from coach.speech.transcript import Word
from coach.speech.vad import FRAME_S, speech_flags
from tests.conftest import make_speech, shared_clip

STORY = (
    "Last spring a customer called because her order was lost before her daughter's "
    "birthday. My job was to get it to her in time. I called the warehouse and found the "
    "parcel, and it arrived the next morning. I learned to check the tracking first."
)


def _voice(path):  # type: ignore[no-untyped-def]
    audio = decode_audio_file(path)
    return audio, voice_track(audio, speech_flags(audio).tolist(), FRAME_S)


def _feedback(path):  # type: ignore[no-untyped-def]
    audio, track = _voice(path)
    words = STORY.split()
    step = audio.size / 16000 / len(words)
    timed = [Word(i * step, (i + 0.9) * step, f" {w}", 0.9) for i, w in enumerate(words)]
    return analyze(from_words(timed), voice=track)


def test_monotone_speech_is_called_monotone_and_expressive_speech_is_not() -> None:
    flat = make_speech(f'<speak><prosody range="x-low">{STORY}</prosody></speak>', ssml=True)
    lively = make_speech(f'<speak><prosody range="x-high">{STORY}</prosody></speak>', ssml=True)
    monotone, expressive = _feedback(flat), _feedback(lively)
    assert monotone.voice is not None and monotone.voice.monotone
    assert expressive.voice is not None and not expressive.voice.monotone
    assert expressive.voice.pitch_spread_st > 3 * monotone.voice.pitch_spread_st  # type: ignore[operator]
    assert monotone.to_dict()["voice"]["monotone"] is True


def test_real_voices_are_not_monotone() -> None:
    for name in ("jfk.flac", "arctic_a0024.wav"):
        _audio, track = _voice(shared_clip(name))
        voiced = np.isfinite(track.f0)
        assert voiced.sum() * HOP_S > 1.5, "voice found in the clip"
        from coach.analysis.prosody import pitch_spread

        spread = pitch_spread(track)
        assert spread is not None and spread > 1.0, (name, spread)
