"""Fit the shipped STAR model from the labelled answers in training/star/.

    .venv/bin/python scripts/train_star.py [--version star-2026.12-1]

Reads every ``training/star/*.txt`` (answers) and ``*.tsv`` (loose sentences), never
``training/star/heldout/``, and writes ``coach/analysis/data/star_model.json``.
Deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.analysis.star_fit import data_digest, fit_model, load_answers, load_loose_sentences
from coach.safe_files import atomic_write

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "training" / "star"
OUT = ROOT / "coach" / "analysis" / "data" / "star_model.json"
VERSION = "star-2026.12-1"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=VERSION)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    answer_files = sorted(DATA.glob("*.txt"))
    loose_files = sorted(DATA.glob("*.tsv"))
    answers = [a for path in answer_files for a in load_answers(path)]
    loose = [s for path in loose_files for s in load_loose_sentences(path)]
    model = fit_model(answers, loose, version=args.version)
    text = model.to_json(
        trained_on={
            "answers": len(answers),
            "sentences": sum(len(a.sentences) for a in answers) + len(loose),
            "files": [p.name for p in answer_files + loose_files],
            "digest": data_digest(answer_files + loose_files),
        }
    )
    atomic_write(args.out, (text + "\n").encode("utf-8"), follow_links=False)
    print(f"wrote {args.out.relative_to(ROOT)}: {args.version}, {len(answers)} answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
