"""How long the analysis takes on a 10-minute timed transcript (target: 50 ms), and
how it scales with the text (40 KB -> 400 KB at most 12x).

Builds a synthetic 10-minute answer (about 1,450 words at 145 wpm, with word
timings, fillers and pauses), analyses it repeatedly and prints one JSON object.
Loading the sentence encoder and the STAR model (once a process) is reported apart,
with the memory it takes, and so is the first (cold) analysis: later ones reuse the
vectors of sentences already read.

    python benchmarks/analysis_speed.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from coach.analysis import analyze
from coach.analysis.encoder import encoder
from coach.analysis.star import shipped_model
from coach.analysis.text import from_words
from coach.speech.transcript import Word

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "answer_2min.txt"


def ten_minute_words(target_s: float = 600.0) -> tuple[list[Word], list[tuple[float, float]]]:
    text = DATA.read_text().split()
    words: list[Word] = []
    silences: list[tuple[float, float]] = []
    t = 0.0
    while t < target_s:
        for token in text:
            words.append(Word(t, t + 0.3, f" {token}", 0.9))
            t += 0.41
            if token.endswith("."):
                silences.append((t, t + 0.6))
                t += 0.6
    return words, silences


def _median_s(text: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        analyze(text)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def scaling() -> dict[str, float]:
    """Analysis must stay linear in the text (issue 11: an imported 1 MB transcript took
    217 s before): 40 KB -> 400 KB may cost at most 12x."""
    base = DATA.read_text()
    sizes = {kb: ((base + " ") * (kb * 1000 // len(base) + 1))[: kb * 1000] for kb in (40, 400)}
    small, large = _median_s(sizes[40]), _median_s(sizes[400])
    return {
        "typed_40kb_s": round(small, 3),
        "typed_400kb_s": round(large, 3),
        "ratio_400kb_to_40kb": round(large / small, 1),
        "ratio_target_max": 12.0,
    }


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    rss_before = _rss_mb()
    began = time.perf_counter()
    encoder()
    shipped_model()
    load_ms = (time.perf_counter() - began) * 1000
    rss_loaded = _rss_mb()
    words, silences = ten_minute_words()
    answer = from_words(words)
    began = time.perf_counter()
    analyze(answer, silences=silences)
    cold_ms = (time.perf_counter() - began) * 1000
    runs = []
    for _ in range(20):
        began = time.perf_counter()
        analyze(answer, silences=silences)
        runs.append((time.perf_counter() - began) * 1000)
    began = time.perf_counter()
    analyze(from_words(words), silences=silences)
    with_text_ms = (time.perf_counter() - began) * 1000
    print(
        json.dumps(
            {
                "audio_s": round(words[-1].end, 1),
                "words": len(words),
                "sentences": len(answer.sentences),
                "analyze_ms_median": round(statistics.median(runs), 2),
                "analyze_ms_max": round(max(runs), 2),
                "with_text_building_ms": round(with_text_ms, 2),
                "cold_analyze_ms": round(cold_ms, 1),
                "cold_ms_per_sentence": round(cold_ms / len(answer.sentences), 2),
                "model_load_ms_once": round(load_ms, 1),
                "model_memory_mb": round(rss_loaded - rss_before, 1),
                **scaling(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
