"""The analysed text: words with character spans (and times when known), sentences.

The transcript text is rebuilt from Whisper's words so that every word has an
exact character span, which is what the UI highlights. A typed or ``.txt``
answer has the same structure without times.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from coach.speech.transcript import Word

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*%?|%")
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the answer."""

    text: str
    """As written, without surrounding punctuation."""
    norm: str
    """Lower case, curly apostrophes straightened."""
    char_start: int
    char_end: int
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    char_start: int
    char_end: int
    tokens: tuple[Token, ...]

    @property
    def start(self) -> float | None:
        return self.tokens[0].start if self.tokens else None

    @property
    def end(self) -> float | None:
        return self.tokens[-1].end if self.tokens else None


@dataclass(frozen=True, slots=True)
class QuestionContext:
    """What the analysis knows about the question (from a pack when there is one)."""

    text: str = ""
    competency: str = ""
    areas_to_cover: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    is_follow_up: bool = False
    """The answer continues an earlier one: judged for what was asked, not as a story."""


@dataclass(frozen=True, slots=True)
class AnswerText:
    """An answer ready for analysis."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...] = field(default=())
    timed: bool = False

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.char_start : sentence.char_end]


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def from_text(text: str) -> AnswerText:
    """An untimed answer (typed, or a ``.txt`` transcript)."""
    clean = " ".join(text.split())
    tokens = tuple(
        Token(m.group(), _norm(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(clean)
    )
    return _with_sentences(clean, tokens, timed=False)


def from_words(words: Sequence[Word]) -> AnswerText:
    """A timed answer from Whisper's words; each token keeps its word's times."""
    pieces: list[str] = []
    tokens: list[Token] = []
    length = 0
    for word in words:
        piece = word.word if pieces else word.word.lstrip()
        if pieces and not piece[:1].isspace() and piece[:1].isalnum():
            piece = " " + piece
        for m in _TOKEN.finditer(piece):
            tokens.append(
                Token(
                    m.group(),
                    _norm(m.group()),
                    length + m.start(),
                    length + m.end(),
                    word.start,
                    word.end,
                )
            )
        pieces.append(piece)
        length += len(piece)
    return _with_sentences("".join(pieces), tuple(tokens), timed=True)


def split_sentences(text: str, max_words: int = 45) -> list[tuple[int, int]]:
    """Character spans of sentences; over-long run-ons are split at ", and"/", so"."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((begin, match.end()))
        begin = match.end()
    if begin < len(text) and text[begin:].strip():
        spans.append((begin, len(text)))
    out: list[tuple[int, int]] = []
    for start, end in spans:
        out.extend(_split_long(text, start, end, max_words))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in out if text[s:e].strip()]


_RUN_ON = re.compile(
    r",?\s+(?:and then|and so|so then|and|so|but|then)\s+(?=I\b|we\b|she\b|he\b|they\b)"
)


def _split_long(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    if len(text[start:end].split()) <= max_words:
        return [(start, end)]
    cuts = [m.start() + start for m in _RUN_ON.finditer(text[start:end])]
    cuts = [c for c in cuts if c - start > 20 and end - c > 20]
    if not cuts:
        return [(start, end)]
    middle = min(cuts, key=lambda c: abs(c - (start + end) / 2))
    return _split_long(text, start, middle, max_words) + _split_long(text, middle, end, max_words)


def _with_sentences(text: str, tokens: tuple[Token, ...], *, timed: bool) -> AnswerText:
    sentences: list[Sentence] = []
    ordered = sorted(tokens, key=lambda t: t.char_start)
    starts = [t.char_start for t in ordered]
    for start, end in split_sentences(text):  # a bisect per sentence: linear in the text
        inside = tuple(ordered[bisect_left(starts, start) : bisect_left(starts, end)])
        if inside:
            sentences.append(Sentence(len(sentences), start, end, inside))
    return AnswerText(text, tokens, tuple(sentences), timed)


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Terminal control characters (newline and tab are text)."""


def visible_controls(text: str) -> str:
    """``text`` with terminal control characters shown as ``^X`` (ESC as ``^[``), so
    a pasted escape sequence is displayed, never executed by the terminal."""
    return CONTROL_CHARACTERS.sub(lambda m: f"^{chr((ord(m.group()) + 64) % 128)}", text)
