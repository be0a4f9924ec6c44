"""Spoken fillers survive the whole path: espeak-ng speech → base model → analysis."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.cli import main

pytestmark = pytest.mark.model

SPOKEN = (
    "Um, so last winter I was working at a bike shop. Uh, a customer came in really angry "
    "because his repair was late. You know, he had a race that weekend. Um, I apologised and, "
    "uh, I moved his bike to the front of the queue. You know, I also called him when it was "
    "ready. Uh, he picked it up the next morning, and um, he still comes to us."
)


def test_default_model_and_analysis_count_most_spoken_fillers(
    speech: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    words = SPOKEN.lower().replace(",", " ").replace(".", " ").split()
    expected = sum(w in ("um", "uh") for w in words) + SPOKEN.lower().count("you know")
    assert (
        main(["analyze", str(speech(SPOKEN, voice="en-gb-x-rp", speed=150, gap=2)), "--json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    counted = [
        i
        for i in data["speech"]["fillers"]["items"]
        if i["text"].lower() in ("um", "uh", "you know")
    ]
    assert len(counted) >= 0.8 * expected, data["transcript"]
    assert all(item["start"] is not None for item in counted)
    assert data["speech"]["wpm"] and 100 < data["speech"]["wpm"] < 200
    assert data["star"]["action"]["present"]
