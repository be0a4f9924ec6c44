"""Filler rules on labelled look-alikes: "so" that means "therefore", "I'd like",
"you know what I did", "kind of job", and "like" set off by commas after "I"."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from fillers_eval import DATA, evaluate  # noqa: E402


def test_filler_rules_hold_on_the_trap_sets() -> None:
    for folder in (DATA, DATA / "heldout"):
        result = evaluate(sorted(folder.glob("*.txt")))
        assert result["fillers"] >= 15
        assert result["precision"] >= 0.9 and result["recall"] >= 0.9, (folder, result)


def test_so_meaning_therefore_is_not_a_filler() -> None:
    from coach.analysis.fillers import find_fillers
    from coach.analysis.text import from_text

    said = from_text(
        "It was late in the afternoon, so it was my responsibility. And I, like, asked."
    )
    assert [f.text for f in find_fillers(said) if f.kind == "word"] == ["like"]
