"""Word error rate, for tests and benchmarks: case and punctuation ignored.

Deliberately not Whisper's English normalizer, which deletes fillers.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9']+")


def normalize_words(text: str) -> list[str]:
    """Lower-case words with punctuation dropped; hyphenated words split."""
    return _WORD.findall(text.lower().replace("-", " ").replace("’", "'"))


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(substitutions + deletions + insertions, reference length)."""
    ref, hyp = normalize_words(reference), normalize_words(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        current = [i] + [0] * len(hyp)
        for j, hyp_word in enumerate(hyp, start=1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (ref_word != hyp_word),
            )
        previous = current
    return previous[-1], len(ref)


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate in [0, ∞): errors divided by the reference's word count."""
    errors, total = word_errors(reference, hypothesis)
    return errors / total if total else float(bool(normalize_words(hypothesis)))
