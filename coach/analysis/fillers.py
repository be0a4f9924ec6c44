"""Fillers, hedges and immediate repeats, found by context rules.

Filler *sounds* (um, uh, er, hmm...) always count. Filler *words* count only where
they carry no meaning: "like" at a clause start, between commas or before a
number, but not in "I'd like to" or "looks like"; "you know" and "I mean" as
asides, not as verbs with an object; clause-initial "so"/"well". Hedges ("I
think", "maybe") are reported apart: they soften claims rather than fill time.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.analysis.text import AnswerText, Token

SOUNDS = frozenset(
    {"um", "umm", "ummm", "uh", "uhh", "uhm", "er", "erm", "ah", "ahh", "hmm", "hm", "mm", "mmm"}
)
LIKE_VERB_BEFORE = frozenset(
    {
        "i",
        "you",
        "we",
        "they",
        "would",
        "'d",
        "i'd",
        "you'd",
        "we'd",
        "they'd",
        "really",
        "don't",
        "didn't",
        "do",
        "did",
        "to",
        "not",
        "might",
        "will",
        "also",
        "just",
        "who",
        "people",
    }
)
LIKE_COMPARE_BEFORE = frozenset(
    {
        "look",
        "looks",
        "looked",
        "looking",
        "sound",
        "sounds",
        "sounded",
        "seem",
        "seems",
        "seemed",
        "feel",
        "feels",
        "felt",
        "something",
        "anything",
        "nothing",
        "things",
        "more",
        "much",
        "exactly",
        "just",
        "is",
        "was",
        "be",
        "been",
        "stuff",
        "one",
    }
)
KNOW_OBJECTS = frozenset(
    {
        "what",
        "that",
        "how",
        "why",
        "where",
        "when",
        "who",
        "whether",
        "if",
        "the",
        "a",
        "an",
        "him",
        "her",
        "it",
        "them",
        "this",
        "about",
        "more",
        "each",
        "everyone",
        "my",
        "our",
    }
)
SO_ADVERB_AFTER = frozenset({"that", "much", "many", "far", "long", "well", "good", "bad"})
KIND_NOUN_BEFORE = frozenset(
    {
        "a",
        "the",
        "this",
        "that",
        "what",
        "any",
        "some",
        "one",
        "every",
        "same",
        "different",
        "which",
        "another",
        "each",
        "no",
        "these",
        "those",
    }
)
HEDGES = (
    ("i", "think"),
    ("i", "guess"),
    ("i", "suppose"),
    ("i", "believe"),
    ("maybe",),
    ("probably",),
    ("perhaps",),
)
GRAMMATICAL_REPEATS = frozenset({"had", "that", "very", "really", "no", "bye", "so"})


@dataclass(frozen=True, slots=True)
class Filler:
    text: str
    kind: str
    """'sound', 'word', 'hedge' or 'repeat'."""
    char_start: int
    char_end: int
    start: float | None
    context: str


def _clause_start(answer: AnswerText, token: Token) -> bool:
    """Nothing but whitespace since a sentence end, a comma, a dash or the start."""
    before = answer.text[: token.char_start].rstrip()
    return not before or before[-1] in ".!?,;:—–-"


def _comma_after(answer: AnswerText, token: Token) -> bool:
    return answer.text[token.char_end : token.char_end + 1] in (",", "?", "!", ".", ";", "…")


def _context(answer: AnswerText, start: int, end: int, width: int = 30) -> str:
    left = answer.text[max(0, start - width) : start]
    right = answer.text[end : end + width]
    left = left.split(" ", 1)[-1] if start - width > 0 else left
    right = right.rsplit(" ", 1)[0] if end + width < len(answer.text) else right
    return f"…{left}[{answer.text[start:end]}]{right}…".replace("……", "…")


def find_fillers(answer: AnswerText) -> list[Filler]:
    """Every filler, hedge and repeat, in order of appearance."""
    tokens = answer.tokens
    found: list[Filler] = []

    def add(first: int, last: int, kind: str) -> None:
        a, b = tokens[first], tokens[last]
        found.append(
            Filler(
                answer.text[a.char_start : b.char_end],
                kind,
                a.char_start,
                b.char_end,
                a.start,
                _context(answer, a.char_start, b.char_end),
            )
        )

    skip_until = -1
    for i, tok in enumerate(tokens):
        if i <= skip_until:
            continue
        prev = tokens[i - 1].norm if i > 0 else ""
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        word = tok.norm
        if word in SOUNDS:
            add(i, i, "sound")
        elif word == "like" and _like_is_filler(answer, tok, prev, nxt):
            add(i, i, "word")
        elif (word == "you" and nxt == "know" and _aside(answer, tok, tokens[i + 1], i + 2)) or (
            word == "i"
            and nxt == "mean"
            and prev != "what"
            and _aside(answer, tok, tokens[i + 1], i + 2)
        ):
            add(i, i + 1, "word")
            skip_until = i + 1
        elif word in ("so", "well") and _clause_start(answer, tok) and nxt not in SO_ADVERB_AFTER:
            if word == "so" or _comma_after(answer, tok):
                add(i, i, "word")
        elif word in ("basically", "literally") or (
            word == "actually" and (_clause_start(answer, tok) or _comma_after(answer, tok))
        ):
            add(i, i, "word")
        elif word in ("kind", "sort") and nxt == "of" and prev not in KIND_NOUN_BEFORE:
            add(i, i + 1, "word")
            skip_until = i + 1
        elif word == "right" and answer.text[tok.char_end : tok.char_end + 1] == "?":
            add(i, i, "word")
        elif hedge := _hedge_at(tokens, i):
            add(i, i + hedge - 1, "hedge")
            skip_until = i + hedge - 1
        if i > 0 and word == prev and word not in GRAMMATICAL_REPEATS and word not in SOUNDS:
            add(i - 1, i, "repeat")
    return found


def _like_is_filler(answer: AnswerText, tok: Token, prev: str, nxt: str) -> bool:
    if prev in LIKE_VERB_BEFORE or prev in LIKE_COMPARE_BEFORE:
        return False
    if _clause_start(answer, tok) or _comma_after(answer, tok):
        return True
    return nxt[:1].isdigit() or nxt in {
        "one",
        "two",
        "three",
        "four",
        "five",
        "ten",
        "twenty",
        "a",
        "half",
        "maybe",
        "about",
    }


def _aside(answer: AnswerText, first: Token, last: Token, after: int) -> bool:
    """'you know' / 'I mean' used as an aside: set off by a clause edge or a comma."""
    following = answer.tokens[after].norm if after < len(answer.tokens) else ""
    if following in KNOW_OBJECTS and not _comma_after(answer, last):
        return False
    return _clause_start(answer, first) or _comma_after(answer, last) or not following


def _hedge_at(tokens: tuple[Token, ...], i: int) -> int:
    for phrase in HEDGES:
        if tuple(t.norm for t in tokens[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0
