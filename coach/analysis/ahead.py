"""Analysis done ahead, while the candidate is still speaking.

Reading a sentence's meaning costs 5–50 ms; a 2-minute answer has 15–25 of them.
Read as each phrase is committed, they wait in the encoder's cache, and at stop
the analysis has only the last sentence or two left to read.
"""

from __future__ import annotations

from collections.abc import Sequence

from coach.analysis.areas import area_vectors
from coach.analysis.encoder import encoder
from coach.analysis.star import MAX_SENTENCES
from coach.analysis.text import QuestionContext, from_words
from coach.speech.transcript import Word


def prepare(words: Sequence[Word], question: QuestionContext | None = None) -> int:
    """Read the finished sentences of ``words`` (all but the last, which may grow) and
    the question's areas to cover; returns how many sentences were read."""
    if question is not None and question.areas_to_cover:
        area_vectors(tuple(question.areas_to_cover))
    answer = from_words(words)
    done = [answer.sentence_text(s) for s in answer.sentences[:-1]][:MAX_SENTENCES]
    encoder().encode(done)
    return len(done)
