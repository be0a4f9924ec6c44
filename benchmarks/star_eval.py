"""How true the STAR checklist is on answers the model has not seen.

Cross-source (the default, the figure in the README): the labelled answers in
``training/star/`` come from several authors; for each source the model is fitted
on the others only and run on that source's answers through the whole analysis
(sentence splitting, the sentence encoder, decoding, the specific-example gate),
exactly as ``coach analyze`` runs. ``--folds K`` instead groups answers into K folds
(an answer and all its sentences stay in one fold). ``--heldout`` runs the shipped
model on ``training/star/heldout/``, which neither training nor tuning reads.

Prints per-part precision/recall/F1 at answer level (is the part shown as present?)
and sentence level, macro-F1 with a 95 % bootstrap interval over answers, specific-
example accuracy and how many STAR parts were credited on non-specific answers.
The last line is one JSON object.

    python benchmarks/star_eval.py [--folds 5 | --heldout] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from coach.analysis import analyze
from coach.analysis.star import COMPONENTS, StarModel, label_sentences, shipped_model
from coach.analysis.star_fit import LabelledAnswer, fit_model, load_answers, load_loose_sentences

DATA = Path(__file__).resolve().parents[1] / "training" / "star"


def source_of(path: Path) -> str:
    """``voices_a.txt`` and ``voices_b.txt`` are one author: the part before ``_``."""
    return path.stem.split("_")[0]


def load_all(folder: Path) -> tuple[list[LabelledAnswer], dict[str, list[tuple[str, str]]]]:
    answers = [a for p in sorted(folder.glob("*.txt")) for a in load_answers(p, source_of(p))]
    loose: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(folder.glob("*.tsv")):
        loose.setdefault(source_of(path), []).extend(load_loose_sentences(path))
    return answers, loose


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def macro_f1(rows: Sequence[dict[str, tuple[bool, bool]]]) -> float:
    total = 0.0
    for part in COMPONENTS:
        tp = sum(r[part][0] and r[part][1] for r in rows)
        fp = sum(r[part][1] and not r[part][0] for r in rows)
        fn = sum(r[part][0] and not r[part][1] for r in rows)
        total += prf(tp, fp, fn)["f1"]
    return total / len(COMPONENTS)


def bootstrap(rows: Sequence[dict[str, tuple[bool, bool]]], rounds: int = 1000) -> list[float]:
    rng = random.Random(7)
    values = sorted(macro_f1([rng.choice(rows) for _ in rows]) for _ in range(rounds))
    return [round(values[int(rounds * 0.025)], 3), round(values[int(rounds * 0.975)], 3)]


class Tally:
    def __init__(self) -> None:
        self.rows: list[dict[str, tuple[bool, bool]]] = []
        self.sentences = {c: [0, 0, 0] for c in COMPONENTS}
        self.specific_right = 0
        self.credited_generic = 0
        self.generic = 0
        self.by_source: dict[str, list[dict[str, tuple[bool, bool]]]] = {}

    def add(self, answer: LabelledAnswer, model: StarModel, show_errors: bool) -> None:
        feedback = analyze(answer.text, star_model=model)
        row = {c: (answer.present(c), feedback.star[c].present) for c in COMPONENTS}
        self.rows.append(row)
        self.by_source.setdefault(answer.source, []).append(row)
        self.specific_right += feedback.specific_example == answer.specific
        if not answer.specific:
            self.generic += 1
            self.credited_generic += sum(feedback.star[c].present for c in COMPONENTS)
        if show_errors:
            for c, (gold, guess) in row.items():
                if gold != guess:
                    print(f"{answer.id} {c}: gold {gold}, shown {guess}", file=sys.stderr)
            if feedback.specific_example != answer.specific:
                print(f"{answer.id} specific: gold {answer.specific}", file=sys.stderr)
        labels, _ = label_sentences([s for _l, s in answer.sentences], model)
        for (gold_label, sentence), guess in zip(answer.sentences, labels, strict=True):
            for c in COMPONENTS:
                counts = self.sentences[c]
                counts[0] += gold_label == c and guess == c
                counts[1] += guess == c and gold_label != c
                counts[2] += gold_label == c and guess != c
            if show_errors and gold_label != guess:
                print(f"  {answer.id} [{gold_label}->{guess}] {sentence}", file=sys.stderr)

    def report(self) -> dict[str, object]:
        answer_level = {}
        for c in COMPONENTS:
            tp = sum(r[c][0] and r[c][1] for r in self.rows)
            fp = sum(r[c][1] and not r[c][0] for r in self.rows)
            fn = sum(r[c][0] and not r[c][1] for r in self.rows)
            answer_level[c] = prf(tp, fp, fn)
        sentence_level = {c: prf(*self.sentences[c]) for c in COMPONENTS}
        return {
            "answers": len(self.rows),
            "answer_level": answer_level,
            "answer_macro_f1": round(macro_f1(self.rows), 3),
            "answer_macro_f1_ci95": bootstrap(self.rows),
            "by_source": {
                s: {"answers": len(rows), "macro_f1": round(macro_f1(rows), 3)}
                for s, rows in self.by_source.items()
            },
            "sentence_level": sentence_level,
            "sentence_macro_f1": round(
                sum(v["f1"] for v in sentence_level.values()) / len(COMPONENTS), 3
            ),
            "specific_example_accuracy": round(self.specific_right / len(self.rows), 3),
            "parts_credited_on_non_specific": self.credited_generic,
            "non_specific_answers": self.generic,
        }


def folds_by_source(answers: list[LabelledAnswer]) -> list[tuple[str, list[LabelledAnswer]]]:
    sources = sorted({a.source for a in answers})
    return [(s, [a for a in answers if a.source == s]) for s in sources]


def folds_by_answer(
    answers: list[LabelledAnswer], k: int
) -> list[tuple[str, list[LabelledAnswer]]]:
    groups = sorted({hash_id(a) for a in answers})
    fold_of = {group: i % k for i, group in enumerate(groups)}
    return [(f"fold{i + 1}", [a for a in answers if fold_of[hash_id(a)] == i]) for i in range(k)]


def hash_id(answer: LabelledAnswer) -> int:
    """Stable across runs; a spoken version (``v01~asr``) falls in its answer's fold."""
    key = answer.source + answer.id.split("~")[0]
    return sum(ord(ch) * 31**i for i, ch in enumerate(key)) % 1000003


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--folds", type=int, default=0, help="grouped K-fold instead")
    parser.add_argument("--heldout", action="store_true", help="the shipped model, held-out set")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    tally = Tally()
    if args.heldout:
        answers, _loose = load_all(args.data / "heldout")
        mode = "heldout"
        for answer in answers:
            tally.add(answer, shipped_model(), args.show_errors)
    else:
        answers, loose = load_all(args.data)
        mode = f"{args.folds}-fold by answer" if args.folds else "cross-source"
        folds = folds_by_answer(answers, args.folds) if args.folds else folds_by_source(answers)
        for name, test in folds:
            held = {id(a) for a in test}
            train = [a for a in answers if id(a) not in held]
            # Cross-source: the loose sentences of the tested author are left out too.
            extra = [s for src, items in loose.items() if src != name for s in items]
            model = fit_model(train, extra, version=f"fold-{name}")
            for answer in test:
                tally.add(answer, model, args.show_errors)
    result = {"mode": mode, **tally.report(), "seconds": round(time.perf_counter() - began, 1)}
    print(f"{mode}: {result['answers']} answers")
    for level in ("answer_level", "sentence_level"):
        print(f"{level.replace('_', ' ')}:")
        table = result[level]
        assert isinstance(table, dict)
        for c, v in table.items():
            print(f"  {c:<11} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}")
    print(
        f"  answer macro-F1 {result['answer_macro_f1']} (95% CI {result['answer_macro_f1_ci95']})"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
