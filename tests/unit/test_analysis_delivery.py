"""Exact delivery figures on synthetic word timings: rate, pauses, fillers."""

from __future__ import annotations

import pytest

from coach.analysis import AnalysisSettings, analyze
from coach.analysis.fillers import find_fillers
from coach.analysis.pauses import classify
from coach.analysis.text import from_text, from_words
from coach.speech.transcript import Word


def timed(spec: list[tuple[str, float, float]]) -> list[Word]:
    return [Word(start, end, f" {text}", 0.9) for text, start, end in spec]


def test_rate_and_articulation_from_word_timings() -> None:
    # 20 words over 10.0 s (first start 0.0, last end 10.0), with one 2.0 s silence.
    words = [(f"w{i}", i * 0.4, i * 0.4 + 0.3) for i in range(10)]
    words += [(f"v{i}", 6.1 + i * 0.43, 6.1 + i * 0.43 + 0.2) for i in range(9)]
    words += [("end.", 9.8, 10.0)]
    feedback = analyze(from_words(timed(words)), silences=[(3.9, 5.9)])
    assert feedback.pacing.wpm == 120.0  # 20 words / 10 s
    assert feedback.pacing.articulation_wpm == 150.0  # 20 words / (10 s - 2 s pause)
    assert feedback.pacing.opening_latency_s == 0.0


def test_pause_classes_follow_domain_thresholds() -> None:
    s = AnalysisSettings()
    assert classify(0.4, False, s) == "brief"
    assert classify(1.5, False, s) == "hesitation"
    assert classify(2.5, False, s) == "long"
    assert classify(3.2, False, s) == "very_long"
    assert classify(2.8, True, s) == "boundary"
    assert classify(3.5, True, s) == "long"
    assert classify(5.0, True, s) == "very_long"


def test_pauses_come_from_the_audio_and_know_sentence_boundaries() -> None:
    words = timed(
        [
            ("I", 0.0, 0.2),
            ("called", 0.2, 0.6),
            ("her.", 0.6, 1.0),
            ("Then", 3.5, 3.8),
            ("I", 3.8, 3.9),
            ("um", 5.5, 5.8),
            ("fixed", 7.9, 8.3),
            ("it.", 8.3, 8.6),
        ]
    )
    feedback = analyze(from_words(words), silences=[(1.0, 3.5), (3.9, 5.5), (5.8, 7.9)])
    kinds = [(p.start, p.end, p.kind) for p in feedback.pauses]
    assert kinds == [(1.0, 3.5, "boundary"), (3.9, 5.5, "hesitation"), (5.8, 7.9, "long")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I would like to explain how I handled it.", []),
        ("like, you know, um", ["like", "you know", "um"]),
        ("It looks like the order was lost, and I'd like to fix it.", []),
        (
            "We had, like, 40 tickets, you know, and uh I mean, it was a lot.",
            ["like", "you know", "uh", "I mean"],
        ),
        ("Do you know what the customer wanted? I mean what I said.", []),
        ("So I called her back. Well, she was happy.", ["So", "Well"]),
        ("It was a kind of tool that I kind of liked.", ["kind of"]),
        ("I basically rewrote it, right? Actually, it worked.", ["basically", "right", "Actually"]),
    ],
)
def test_filler_words_count_only_in_filler_context(text: str, expected: list[str]) -> None:
    found = [f.text for f in find_fillers(from_text(text)) if f.kind in ("sound", "word")]
    assert found == expected


def test_hedges_and_repeats_are_reported_apart() -> None:
    found = find_fillers(
        from_text("I think maybe I I should have called, and I guess that that was it.")
    )
    kinds = [(f.kind, f.text) for f in found]
    assert ("hedge", "I think") in kinds and ("hedge", "maybe") in kinds
    assert ("hedge", "I guess") in kinds
    assert ("repeat", "I I") in kinds
    assert all(text != "that that" for _k, text in kinds), "grammatical repeats are fine"


def test_filler_items_carry_time_and_context() -> None:
    words = timed([("So", 0.0, 0.2), ("um,", 0.3, 0.6), ("I", 0.9, 1.0), ("called.", 1.0, 1.5)])
    feedback = analyze(from_words(words), silences=[])
    um = next(f for f in feedback.fillers if f.text == "um")
    assert um.start == 0.3
    assert "[um]" in um.context
    assert feedback.fillers_per_minute == pytest.approx(2 / 1.5 * 60, abs=0.01)


def test_rate_over_time_windows_and_sustained_fast_stretch() -> None:
    # 40 s at 210 wpm (3.5 words a second): one sustained too-fast stretch.
    words = [(f"w{i}", i / 3.5, i / 3.5 + 0.2) for i in range(140)]
    feedback = analyze(from_words(timed(words)), silences=[])
    windows = feedback.pacing.rate_over_time
    assert len(windows) == 4 and all(200 <= w.wpm <= 216 for w in windows)
    assert [s.kind for s in feedback.pacing.stretches] == ["too_fast"]
    assert feedback.pacing.length_band == "red"


def test_settings_override_by_name_and_reject_unknown() -> None:
    s = AnalysisSettings().with_overrides({"target_wpm": [110, 150], "hard_cap_s": 240})
    # hard_cap_s was retired (a pack timing now): still accepted from older packs.
    assert s.target_wpm == (110.0, 150.0) and not hasattr(s, "hard_cap_s")
    with pytest.raises(ValueError, match="unknown analysis setting"):
        AnalysisSettings().with_overrides({"target_wmp": [1, 2]})


def test_text_answers_have_null_timings() -> None:
    data = analyze("I called the customer. She was happy.").to_dict()
    assert data["duration_s"] is None
    assert data["speech"]["wpm"] is None and data["speech"]["pauses"] == []
    assert data["star"]["action"]["share"] is None
