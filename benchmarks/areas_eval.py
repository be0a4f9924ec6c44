"""How true "areas to cover" is when the areas are said in other words.

``training/areas/areas_dev.txt`` pairs answers from ``training/star/`` with areas
written by another author, each marked covered (+) or not (-). Prints precision,
recall and F1 of "covered" for the shipped rule (meaning, story sentences only) and
for the word-overlap rule coach used before; then the threshold chosen on one half
of the answers and scored on the other (both ways), so the figure is not the one the
threshold was fitted on. The last line is one JSON object.

    python benchmarks/areas_eval.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from coach.analysis import QuestionContext, analyze
from coach.analysis.areas import COVERED_SIMILARITY
from coach.analysis.signals import content_stems, stem
from coach.analysis.star_fit import LabelledAnswer, load_answers

ROOT = Path(__file__).resolve().parents[1]
Pair = tuple[bool, str, str, float | None]
"""(gold covered, answer id, area, similarity of the closest story sentence or None)."""


def load_pairs() -> list[tuple[LabelledAnswer, list[tuple[bool, str]]]]:
    answers = {
        (path.stem, a.id): a
        for path in (ROOT / "training" / "star").glob("*.txt")
        for a in load_answers(path)
    }
    blocks: list[tuple[LabelledAnswer, list[tuple[bool, str]]]] = []
    for line in (ROOT / "training" / "areas" / "areas_dev.txt").read_text().splitlines():
        if line.startswith("## "):
            stem_name, ident = line[3:].split()
            blocks.append((answers[(stem_name, ident)], []))
        elif line[:1] in ("+", "-"):
            blocks[-1][1].append((line[0] == "+", line[2:].strip()))
    return blocks


def word_overlap(answer: str, area: str) -> bool:
    """The rule before: half the area's content words appear in the answer."""
    said = {stem(w) for w in content_stems(answer)} | content_stems(answer)
    wanted = content_stems(area)
    return bool(wanted) and len(wanted & said) >= max(1, (len(wanted) + 1) // 2)


def prf(pairs: list[tuple[bool, bool]]) -> dict[str, float | int]:
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": len(pairs),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }


def covered(pair: Pair, threshold: float) -> bool:
    return pair[3] is not None and pair[3] >= threshold


def best_threshold(pairs: list[Pair]) -> float:
    candidates = [t / 100 for t in range(5, 60)]
    return max(candidates, key=lambda t: (prf([(p[0], covered(p, t)) for p in pairs])["f1"], -t))


def main() -> int:
    pairs: list[Pair] = []
    overlap: list[tuple[bool, bool]] = []
    shipped: list[tuple[bool, bool]] = []
    for answer, items in load_pairs():
        context = QuestionContext(areas_to_cover=tuple(area for _g, area in items))
        feedback = analyze(answer.text, question=context)
        for (gold, area), result in zip(items, feedback.areas, strict=True):
            tells = feedback.verdict.example in ("specific", "not_judged")
            pairs.append((gold, answer.id, area, result.similarity if tells else None))
            shipped.append((gold, result.touched))
            overlap.append((gold, word_overlap(answer.text, area)))
    ids = sorted({p[1] for p in pairs})
    halves = [set(ids[0::2]), set(ids[1::2])]
    crossed: list[tuple[bool, bool]] = []
    fitted = []
    for fit_half, test_half in (halves, halves[::-1]):
        threshold = best_threshold([p for p in pairs if p[1] in fit_half])
        fitted.append(threshold)
        crossed += [(p[0], covered(p, threshold)) for p in pairs if p[1] in test_half]
    result = {
        "answers": len(ids),
        "shipped": {"threshold": COVERED_SIMILARITY, **prf(shipped)},
        "word_overlap_before": prf(overlap),
        "threshold_fitted_on_other_half": {"thresholds": fitted, **prf(crossed)},
    }
    for name in ("shipped", "word_overlap_before", "threshold_fitted_on_other_half"):
        row = result[name]
        assert isinstance(row, dict)
        print(f"{name:<32} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
