"""Fillers, hedges and immediate repeats, found by context rules.

Filler *sounds* (um, uh, er, hmm...) always count. Filler *words* count only where
they carry no meaning: "like" at a clause start, between commas or before a
number, and always between two commas ("I, like, asked"), but not in "I'd like
to" or "looks like"; "you know" and "I mean" as asides, not as verbs with an
object; "so" only as an empty opener (starting the answer, "So, …", "so
basically") and never where it means "therefore" (", so I drove"); "well" with a
comma at a clause start. Hedges ("I think", "maybe") are reported apart: they
soften claims rather than fill time.
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
        "my",
        "your",
        "his",
        "her",
        "our",
        "their",
        "its",
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
        if word in SOUNDS or (
            # Whisper sometimes writes a filled "uh" as "a": an article is never set off
            # by a comma of its own at a clause start ("A, the customer…", "and, a, I").
            word == "a" and _clause_start(answer, tok) and _comma_after(answer, tok)
        ):
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
        elif _empty_word(answer, tokens, i, nxt):
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


NUMBER_WORDS = frozenset(
    {
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        *("eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty"),
        *("seventy", "eighty", "ninety", "hundred", "thousand", "a", "half", "maybe", "about"),
    }
)
SO_OPENER_AFTER = frozenset({"basically", "yeah", "um", "uh", "like", "anyway", "yes", "okay"})


def _like_is_filler(answer: AnswerText, tok: Token, prev: str, nxt: str) -> bool:
    before = answer.text[: tok.char_start].rstrip()
    if before.endswith(",") and _comma_after(answer, tok):
        return True  # set off by commas on both sides: "I, like, asked"
    if prev in LIKE_VERB_BEFORE or prev in LIKE_COMPARE_BEFORE or prev.endswith("'d"):
        return False
    if _clause_start(answer, tok) or _comma_after(answer, tok):
        return True
    return nxt[:1].isdigit() or nxt in NUMBER_WORDS


def _empty_word(answer: AnswerText, tokens: tuple[Token, ...], i: int, nxt: str) -> bool:
    """ "so", "well", "basically", "literally", "actually" where they carry nothing."""
    tok, word = tokens[i], tokens[i].norm
    if word == "so":
        return _so_is_filler(answer, tokens, i, nxt)
    if word == "well":
        return _clause_start(answer, tok) and _comma_after(answer, tok)
    if word == "actually":
        return _clause_start(answer, tok) or _comma_after(answer, tok)
    return word in ("basically", "literally")


def _so_is_filler(answer: AnswerText, tokens: tuple[Token, ...], i: int, nxt: str) -> bool:
    """ "So" as an empty opener, not as "therefore" or "so much"."""
    tok = tokens[i]
    if nxt in SO_ADVERB_AFTER or not _clause_start(answer, tok):
        return False
    if _comma_after(answer, tok) or nxt in SO_OPENER_AFTER or not nxt:
        return True  # "So, …", "so basically", a sentence of its own ("Sure, so.")
    # The answer's first word (after any um or uh): the speaker is starting up.
    return all(t.norm in SOUNDS for t in tokens[:i])


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
