"""Every analysis setting changes something a user sees, or it would not exist: a pack
that sets it must not be silently ignored (dead settings were removed, issue 15)."""

from __future__ import annotations

import itertools
from dataclasses import fields

import numpy as np
import pytest
from rich.console import Group
from rich.text import Text

from coach.analysis import AnalysisSettings, QuestionContext, analyze
from coach.analysis.prosody import HOP_S, VoiceTrack
from coach.speech.transcript import Segment, Transcript, Word
from coach.widgets.feedback_text import delivery_text, star_checklist

SENTENCES = [
    "Last spring um our support queue doubled after a big release.",
    "I was asked to clear the backlog uh within two weeks.",
    "So I sorted the tickets by cause and like wrote saved replies.",
    "Then I paired with two developers on the worst bug every morning.",
    "The backlog fell from 400 to 60 tickets in nine days.",
    "Satisfaction rose by twelve points and the team kept the replies.",
    "I learned to look for the cause before I promise anything.",
]


def timed(
    sentences: list[str], wps: float, pauses: dict[int, float], mid: dict[int, float]
) -> Transcript:
    """Words at ``wps`` a second, with a pause of ``pauses[i]`` s after sentence i and
    of ``mid[i]`` s after its third word."""
    words, t = [], 0.5
    for i, sentence in enumerate(sentences):
        for n, token in enumerate(sentence.split()):
            words.append(Word(t, t + 0.8 / wps, f" {token}", 0.95))
            t += 1 / wps + (mid.get(i, 0.0) if n == 2 else 0.0)
        t += pauses.get(i, 0.25)
    text = " ".join(sentences)
    return Transcript((Segment(0.5, t, text, tuple(words)),), t + 0.5, "base")


def silences_of(transcript: Transcript) -> list[tuple[float, float]]:
    words = [w for s in transcript.segments for w in s.words]
    gaps = [(a.end, b.start) for a, b in itertools.pairwise(words)]
    return [(a, b) for a, b in gaps if b - a >= 0.2]


def voice_for(transcript: Transcript, spread_hz: float) -> VoiceTrack:
    """A voice that moves by ``spread_hz`` and drops 8 dB at the end of each sentence."""
    hops = int(transcript.duration_s / HOP_S) + 1
    times = np.arange(hops) * HOP_S
    f0 = 140 + spread_hz * np.sin(times * 2.1)
    dbfs = np.full(hops, -20.0)
    words = [w for s in transcript.segments for w in s.words]
    for a, b in itertools.pairwise(words):
        if a.word.strip().endswith(".") and b.start - a.end > 0.2:
            dbfs[int((a.end - 0.5) / HOP_S) : int(a.end / HOP_S)] = -28.0
    return VoiceTrack(f0.astype(np.float64), dbfs)


def samples() -> list[tuple[Transcript, QuestionContext, VoiceTrack]]:
    question = QuestionContext(
        "Tell me about a time you fixed a backlog.",
        areas_to_cover=("how you chose what to fix first", "what changed for customers"),
        follow_ups=("What would you do differently?",),
    )
    fast = timed(SENTENCES * 3, 3.3, {2: 1.2, 5: 2.6, 9: 4.0, 12: 6.0}, {3: 0.8, 7: 1.3})
    slow = timed(SENTENCES * 2, 1.7, {1: 3.4, 8: 1.1}, {4: 1.8, 10: 2.4, 12: 3.5})
    short = timed(SENTENCES[:2], 2.5, {}, {})
    follow_up = QuestionContext("What would you do differently?", is_follow_up=True)
    middle = timed(SENTENCES[:4], 2.4, {1: 1.5}, {2: 0.5})
    brisk = timed(SENTENCES[:4], 3.0, {}, {})  # enough words, under 20 s
    long_follow_up = timed(SENTENCES * 2, 2.2, {}, {})  # past the follow-up band
    return [
        (brisk, question, voice_for(brisk, 12.0)),
        (long_follow_up, follow_up, voice_for(long_follow_up, 12.0)),
        (fast, question, voice_for(fast, 30.0)),
        (slow, question, voice_for(slow, 6.0)),
        (short, question, voice_for(short, 12.0)),
        (middle, follow_up, voice_for(middle, 12.0)),
    ]


def seen(settings: AnalysisSettings) -> list[object]:
    """What a user sees for each sample: the feedback saved, and the screen's text."""
    out: list[object] = []
    for transcript, question, voice in samples():
        feedback = analyze(
            transcript,
            silences=silences_of(transcript),
            question=question,
            settings=settings,
            voice=voice,
        )
        shown = Group(star_checklist(feedback), delivery_text(feedback))
        out.append((feedback.to_dict(), _spans(shown)))
    return out


def _spans(group: Group) -> list[tuple[str, list[str]]]:
    texts = [t for t in group.renderables if isinstance(t, Text)]
    return [(t.plain, [str(span.style) for span in t.spans]) for t in texts]


def variants(value: object) -> list[object]:
    if isinstance(value, tuple):
        low, high = value
        return [(low * 0.5, high * 0.5), (low * 2, high * 2), (low, high * 3), (low * 0.1, high)]
    assert isinstance(value, float)
    return [value * 0.25, value * 0.6, value * 1.6, value * 4]


@pytest.mark.parametrize("name", [f.name for f in fields(AnalysisSettings)])
def test_the_setting_changes_what_the_user_sees(name: str) -> None:
    default = AnalysisSettings()
    before = seen(default)
    for value in variants(getattr(default, name)):
        try:
            changed = default.with_overrides(
                {name: list(value) if isinstance(value, tuple) else value}
            )
        except ValueError:
            continue
        if seen(changed) != before:
            return
    pytest.fail(f"no value of {name} changed any feedback: read by nothing?")
