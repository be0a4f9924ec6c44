"""Content signals interviewers listen for, and coverage of the question's areas."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analysis.star_features import cue_hits
from coach.analysis.text import AnswerText, Sentence

_NUMBER = re.compile(
    r"\b\d[\d,.]*\s?%?|\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|"
    r"forty|fifty|hundred|thousand|half|double|twice)\b",
    re.IGNORECASE,
)
_I = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"})
_WE = frozenset({"we", "we're", "we've", "we'd", "we'll", "us", "our", "ourselves"})
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "how",
        "what",
        "whether",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "their",
        "his",
        "her",
        "its",
        "they",
        "them",
        "it",
        "this",
        "that",
        "these",
        "those",
        "any",
        "used",
        "taken",
        "after",
        "before",
        "about",
        "into",
        "during",
        "when",
        "which",
        "who",
        "while",
        "than",
        "then",
        "there",
        "you",
        "your",
        "yours",
        "did",
        "do",
        "does",
        "would",
        "could",
        "should",
        "will",
        "can",
        "have",
        "has",
        "had",
        "we",
        "our",
        "i",
        "my",
        "me",
        "if",
        "so",
        "not",
        "there",
        "any",
        "some",
    ]
)


@dataclass(frozen=True, slots=True)
class ContentSignals:
    i_in_actions: int
    we_in_actions: int
    numbers_in_result: int
    time_anchor: bool
    named_specifics: tuple[str, ...]
    """Names of people, products, places: capitalised words not starting a sentence."""
    situation_words: int
    action_words: int
    reasons: int
    """How often a reason is given ("because", "so that")."""


def _pronouns(sentences: list[Sentence]) -> tuple[int, int]:
    words = [t.norm for s in sentences for t in s.tokens]
    return sum(w in _I for w in words), sum(w in _WE for w in words)


def content_signals(answer: AnswerText, labels: list[str]) -> ContentSignals:
    by_label: dict[str, list[Sentence]] = {}
    for sentence, label in zip(answer.sentences, labels, strict=True):
        by_label.setdefault(label, []).append(sentence)
    i_count, we_count = _pronouns(by_label.get("action", []))
    if i_count + we_count < 3:  # too few actions found to judge: look at the story itself
        told = [
            s
            for s, label in zip(answer.sentences, labels, strict=True)
            if label not in ("reflection", "other")
        ]
        i_count, we_count = _pronouns(told)
    result_text = " ".join(answer.sentence_text(s) for s in by_label.get("result", []))
    named: list[str] = []
    for sentence in answer.sentences:
        for token in sentence.tokens[1:]:
            if token.text[:1].isupper() and token.norm not in _I and token.text not in named:
                named.append(token.text)
    return ContentSignals(
        i_in_actions=i_count,
        we_in_actions=we_count,
        numbers_in_result=len(_NUMBER.findall(result_text)),
        time_anchor=cue_hits(answer.text, "sit_time") > 0,
        named_specifics=tuple(named[:12]),
        situation_words=sum(len(s.tokens) for s in by_label.get("situation", [])),
        action_words=sum(len(s.tokens) for s in by_label.get("action", [])),
        reasons=cue_hits(answer.text, "act_why"),
    )


def stem(word: str) -> str:
    """A crude English stem, enough to match 'de-escalate' with 'de-escalating'."""
    word = word.lower().strip("'")
    for suffix in ("ation", "ing", "ies", "ied", "ed", "es", "ly", "ment", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in _STOP}
