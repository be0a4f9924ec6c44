"""Take comparison, trends and the player's buffer logic (no audio device needed)."""

from __future__ import annotations

import numpy as np

from coach.history.compare import word_diff
from coach.history.progress import trend
from coach.history.queries import ProgressPoint
from coach.speech.player import Player


def test_word_diff_marks_what_a_retake_dropped_and_added() -> None:
    ops = word_diff("I called the warehouse and, um, paid", "I called the warehouse and paid fast")
    assert ("removed", "and, um,") in ops and ("added", "and") in ops
    assert ops[-1] == ("added", "fast")
    assert " ".join(w for op, w in ops if op != "removed") == "I called the warehouse and paid fast"


def test_trend_averages_into_buckets_oldest_first() -> None:
    points = [ProgressPoint(float(i), "", i % 6, 100.0 + i, None, None) for i in range(100)]
    star = trend(points, "star_parts", buckets=10)
    assert len(star.values) == 10 and star.first == sum(i % 6 for i in range(10)) / 10
    assert trend(points, "fillers_per_min").values == ()


def test_player_fills_blocks_seeks_and_stops_at_the_end() -> None:
    audio = np.arange(16000, dtype=np.float32) / 16000  # one second
    player = Player(audio)
    out = np.ones((4000, 1), dtype=np.float32)
    player.seek(0.5)
    assert player.fill(out, 4000) and out[0, 0] == np.float32(0.5)
    assert player.position_s == 0.75
    tail = np.ones((8000, 1), dtype=np.float32)
    assert not player.fill(tail, 8000), "the end of the recording ends playback"
    assert not tail[4000:, 0].any(), "silence past the end"
    assert not player.playing
    player.seek(99)
    assert player.position_s == 1.0
    player.seek(-3)
    assert player.position_s == 0.0
