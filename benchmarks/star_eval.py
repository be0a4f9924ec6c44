"""STAR evaluation on the held-out development set (tests/data/star_dev.txt).

Prints per-component precision, recall and F1, and macro-F1, at two levels:

* answer level (what the feedback shows): is each part present? The answer's
  sentences are joined into one transcript and go through the whole analysis,
  sentence splitting included.
* sentence level: the label of each labelled sentence (classifier + decoding).

Also the accuracy of ``specific_example``. The last line is one JSON object.
None of these answers is used for training (that is data/star_sentences.tsv).

    python benchmarks/star_eval.py [--dev tests/data/star_dev.txt] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from coach.analysis import analyze
from coach.analysis.star import COMPONENTS, label_sentences

LETTERS = {
    "S": "situation",
    "T": "task",
    "A": "action",
    "R": "result",
    "L": "reflection",
    "O": "other",
}
DEFAULT_DEV = Path(__file__).resolve().parents[1] / "tests" / "data" / "star_dev.txt"


@dataclass
class DevAnswer:
    id: str
    gap: str
    specific: bool
    question: str = ""
    sentences: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s for _label, s in self.sentences)

    def present(self, component: str) -> bool:
        return any(label == component for label, _s in self.sentences)


def load_dev_set(path: Path = DEFAULT_DEV) -> list[DevAnswer]:
    answers: list[DevAnswer] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("# "):
            continue
        if line.startswith("## "):
            ident, gap, kind = (part.strip() for part in line[3:].split("|"))
            answers.append(DevAnswer(ident, gap, kind == "specific"))
        elif line.startswith("Q:"):
            answers[-1].question = line[2:].strip()
        else:
            letter, _, sentence = line.partition(":")
            answers[-1].sentences.append((LETTERS[letter.strip()], sentence.strip()))
    return answers


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def evaluate(answers: list[DevAnswer], show_errors: bool = False) -> dict[str, object]:
    answer_counts = {c: [0, 0, 0] for c in COMPONENTS}
    sentence_counts = {c: [0, 0, 0] for c in COMPONENTS}
    specific_right = 0
    began = time.perf_counter()
    for answer in answers:
        feedback = analyze(answer.text)
        for c in COMPONENTS:
            gold, guess = answer.present(c), feedback.star[c].present
            counts = answer_counts[c]
            counts[0] += gold and guess
            counts[1] += guess and not gold
            counts[2] += gold and not guess
            if show_errors and gold != guess:
                print(f"{answer.id} {c}: gold {gold}, got {guess}", file=sys.stderr)
        specific_right += feedback.specific_example == answer.specific
        if show_errors and feedback.specific_example != answer.specific:
            print(f"{answer.id} specific: gold {answer.specific}", file=sys.stderr)
        labels, _ = label_sentences([s for _l, s in answer.sentences])
        for (gold_label, sentence), guess_label in zip(answer.sentences, labels, strict=True):
            for c in COMPONENTS:
                counts = sentence_counts[c]
                counts[0] += gold_label == c and guess_label == c
                counts[1] += guess_label == c and gold_label != c
                counts[2] += gold_label == c and guess_label != c
            if show_errors and gold_label != guess_label:
                print(f"  {answer.id} [{gold_label}->{guess_label}] {sentence}", file=sys.stderr)
    elapsed = time.perf_counter() - began
    answer_level = {c: prf(*answer_counts[c]) for c in COMPONENTS}
    sentence_level = {c: prf(*sentence_counts[c]) for c in COMPONENTS}
    return {
        "answers": len(answers),
        "sentences": sum(len(a.sentences) for a in answers),
        "answer_level": answer_level,
        "answer_macro_f1": round(sum(v["f1"] for v in answer_level.values()) / len(COMPONENTS), 3),
        "sentence_level": sentence_level,
        "sentence_macro_f1": round(
            sum(v["f1"] for v in sentence_level.values()) / len(COMPONENTS), 3
        ),
        "specific_example_accuracy": round(specific_right / len(answers), 3),
        "ms_per_answer": round(elapsed * 1000 / len(answers), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    result = evaluate(load_dev_set(args.dev), args.show_errors)
    for level in ("answer_level", "sentence_level"):
        print(f"{level.replace('_', ' ')}:")
        table = result[level]
        assert isinstance(table, dict)
        for c, v in table.items():
            print(f"  {c:<11} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}")
        print(f"  macro-F1 {result[level.split('_')[0] + '_macro_f1']}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
