"""Real model, real voices: accuracy, word timings, fillers kept, silence left silent."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from coach.cli import main
from coach.speech.audio import SAMPLE_RATE
from coach.speech.sources import decode_audio_file
from coach.speech.wer import normalize_words, wer
from tests.conftest import ARCTIC_TEXT, JFK_TEXT, shared_clip

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("clip", "reference"), [("jfk.flac", JFK_TEXT), ("arctic_a0024.wav", ARCTIC_TEXT)]
)
def test_default_model_transcribes_real_speech_within_10_percent_wer(
    base_transcriber,
    clip: str,
    reference: str,  # type: ignore[no-untyped-def]
) -> None:
    transcript = base_transcriber.transcribe(decode_audio_file(shared_clip(clip)))
    assert wer(reference, transcript.text) <= 0.10, transcript.text


def test_words_carry_ordered_timestamps_and_probabilities(base_transcriber) -> None:  # type: ignore[no-untyped-def]
    transcript = base_transcriber.transcribe(decode_audio_file(shared_clip("jfk.flac")))
    words = transcript.words
    assert len(words) >= 20
    assert all(0 <= w.start <= w.end <= transcript.duration_s + 0.1 for w in words)
    assert all(a.start <= b.start for a, b in itertools.pairwise(words))
    assert all(0.0 <= w.probability <= 1.0 for w in words)


def test_silence_and_noise_give_no_invented_text(base_transcriber) -> None:  # type: ignore[no-untyped-def]
    silence = np.zeros(5 * SAMPLE_RATE, dtype=np.float32)
    hiss = (0.003 * np.random.default_rng(0).standard_normal(5 * SAMPLE_RATE)).astype(np.float32)
    assert base_transcriber.transcribe(silence).text == ""
    assert base_transcriber.transcribe(hiss).text == ""


FILLER_ANSWER = (
    "Um, so last year I was, uh, leading the support team at a software company. "
    "You know, we had a customer who was, um, really upset about a billing error. "
    "Uh, I called him back the same day and, you know, fixed the invoice."
)


@pytest.mark.parametrize("model", ["base_transcriber", "tiny_transcriber"])
def test_fillers_survive_transcription(
    model: str, request: pytest.FixtureRequest, speech: Callable[..., Path]
) -> None:
    transcriber = request.getfixturevalue(model)
    text = transcriber.transcribe(decode_audio_file(speech(FILLER_ANSWER))).text
    words = normalize_words(text)
    fillers = words.count("um") + words.count("uh") + " ".join(words).count("you know")
    assert fillers >= 5, text  # 6 spoken: 2 um, 2 uh, 2 "you know"


def test_cli_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(shared_clip("arctic_a0024.wav")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"text", "duration_s", "model", "segments"}
    assert data["model"] == "base"
    assert abs(data["duration_s"] - 3.9) < 0.5
    segment = data["segments"][0]
    assert set(segment) == {"start", "end", "text", "words"}
    assert set(segment["words"][0]) == {"start", "end", "word", "probability"}
    assert wer(ARCTIC_TEXT, data["text"]) <= 0.10


def test_cli_text_with_the_small_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(shared_clip("jfk.flac")), "--model", "tiny.en"]) == 0
    assert wer(JFK_TEXT, capsys.readouterr().out) <= 0.15
