"""Filler precision and recall on labelled excerpts full of look-alikes.

Each line of ``training/fillers/*.txt`` is one excerpt with every filler marked in
``{braces}``. The marks are removed, the text goes through the filler rules as
``coach analyze`` runs them, and a found filler is right when it starts where a
mark does. The last line is one JSON object.

    python benchmarks/fillers_eval.py [--heldout] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from coach.analysis.fillers import find_fillers
from coach.analysis.text import from_text

DATA = Path(__file__).resolve().parents[1] / "training" / "fillers"
MARK = re.compile(r"\{([^}]*)\}")


def parse(line: str) -> tuple[str, set[int]]:
    """The plain text and where each marked filler starts in it."""
    text, starts, cursor = "", set(), 0
    for match in MARK.finditer(line):
        text += line[cursor : match.start()]
        starts.add(len(text))
        text += match.group(1)
        cursor = match.end()
    return text + line[cursor:], starts


def evaluate(paths: list[Path], show_errors: bool = False) -> dict[str, float | int]:
    tp = fp = fn = lines = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lines += 1
            text, gold = parse(line)
            found = {
                f.char_start for f in find_fillers(from_text(text)) if f.kind in ("sound", "word")
            }
            tp += len(found & gold)
            fp += len(found - gold)
            fn += len(gold - found)
            if show_errors and found != gold:
                extra = [text[i : i + 12] for i in sorted(found - gold)]
                missed = [text[i : i + 12] for i in sorted(gold - found)]
                print(f"{text}\n   extra {extra} missed {missed}", file=sys.stderr)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "excerpts": lines,
        "fillers": tp + fn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    folder = DATA / "heldout" if args.heldout else DATA
    result = evaluate(sorted(folder.glob("*.txt")), args.show_errors)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
