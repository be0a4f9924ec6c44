"""Any transcript with any timings gives a valid feedback object: no exception, no NaN."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.analysis import analyze
from coach.speech.transcript import Segment, Transcript, Word

TOKENS = st.one_of(
    st.sampled_from(
        ["um", "uh,", "like", "I", "we", "led", "the", "team.", "Result:", "40%", "so", "?", "—"]
    ),
    st.text(min_size=1, max_size=12),
)


@st.composite
def transcripts(draw: st.DrawFn) -> tuple[Transcript, list[tuple[float, float]]]:
    tokens = draw(st.lists(TOKENS, max_size=120))
    t = draw(st.floats(0, 5))
    words = []
    for token in tokens:
        gap = draw(st.floats(-0.5, 8))  # overlapping, touching or far apart
        length = draw(st.floats(0, 2))
        start = max(0.0, t + gap)
        words.append(Word(start, start + length, f" {token}", draw(st.floats(0, 1))))
        t = start + length
    silences = draw(
        st.lists(st.tuples(st.floats(0, 600), st.floats(0, 30)).map(lambda p: (p[0], p[0] + p[1])))
    )
    text = "".join(w.word for w in words)
    segment = Segment(0.0, t, text, tuple(words))
    return Transcript((segment,) if words else (), draw(st.floats(0, 700)), "base"), silences


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts())
def test_any_transcript_and_timings_give_valid_feedback(case) -> None:  # type: ignore[no-untyped-def]
    transcript, silences = case
    feedback = analyze(transcript, silences=silences)
    data = feedback.to_dict()
    json.dumps(data, allow_nan=False)  # raises on NaN or infinity anywhere
    assert set(data["star"]) == {"situation", "task", "action", "result", "reflection"}
    assert data["speech"]["fillers"]["count"] >= 0


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_any_typed_text_gives_valid_feedback(text: str) -> None:
    json.dumps(analyze(text).to_dict(), allow_nan=False)
