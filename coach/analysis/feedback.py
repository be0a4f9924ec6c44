"""One answer in, one :class:`AnswerFeedback` out: the whole analysis in one call."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from coach.analysis.areas import AreaCoverage, area_coverage
from coach.analysis.fillers import Filler, find_fillers
from coach.analysis.followups import FollowUp, recommend
from coach.analysis.pacing import Pacing, measure_pacing, pace_verdict, words_per_minute
from coach.analysis.pauses import Pause, find_pauses
from coach.analysis.prosody import VoiceFeedback, VoiceTrack, judge_voice
from coach.analysis.settings import AnalysisSettings
from coach.analysis.signals import ContentSignals, content_signals
from coach.analysis.star import (
    COMPONENT_LETTERS,
    COMPONENTS,
    StarModel,
    read_sentences,
    shipped_model,
)
from coach.analysis.text import AnswerText, QuestionContext, Sentence, from_text, from_words
from coach.analysis.verdict import SPECIFIC_STORY, Verdict, judge
from coach.speech.transcript import Transcript


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class PartDelivery:
    """How one STAR part was delivered: whole-answer averages hide exactly this."""

    wpm: float | None
    fillers: int
    pauses: int
    longest_pause_before_s: float | None
    """The longest pause in the 3 s before the part begins (a stall before the Result)."""


@dataclass(frozen=True, slots=True)
class StarPart:
    present: bool
    evidence: tuple[Evidence, ...]
    share: float | None
    """Share of speaking time; None without word timings."""
    delivery: PartDelivery


@dataclass(frozen=True, slots=True)
class AnswerFeedback:
    transcript: str
    timed: bool
    pacing: Pacing
    fillers: tuple[Filler, ...]
    """Filler sounds and filler words (hedges and repeats are in their own fields)."""
    hedges: tuple[Filler, ...]
    repeats: tuple[Filler, ...]
    fillers_per_minute: float | None
    pauses: tuple[Pause, ...]
    star: dict[str, StarPart]
    sentence_labels: tuple[tuple[int, int, str], ...]
    """(char_start, char_end, label) for every sentence, for highlighting."""
    specific_example: bool
    signals: ContentSignals
    areas: tuple[AreaCoverage, ...]
    follow_ups: tuple[FollowUp, ...]
    settings: AnalysisSettings
    word_spans: tuple[tuple[int, int, float | None, float | None], ...] = ()
    """(char_start, char_end, start_s, end_s) of every word, to place pauses and seek audio."""
    verdict: Verdict = SPECIFIC_STORY
    """What kind of answer it is: what the checklist may credit (:mod:`verdict`)."""
    star_model: str = ""
    """The version of the fitted STAR model that read the answer."""
    voice: VoiceFeedback | None = None
    """Pitch and loudness, when the answer was recorded (None for typed answers)."""

    @property
    def duration_s(self) -> float | None:
        return self.pacing.duration_s

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``coach analyze --json`` (extra fields are additions)."""
        data: dict[str, Any] = _clean(
            {
                "transcript": self.transcript,
                "duration_s": self.duration_s,
                "speech": {
                    "wpm": self.pacing.wpm,
                    "articulation_wpm": self.pacing.articulation_wpm,
                    "word_count": self.pacing.word_count,
                    "pace_band": self.pacing.pace_band,
                    "pace_verdict": pace_verdict(self.pacing.wpm, self.settings),
                    "length_band": self.pacing.length_band,
                    "opening_latency_s": self.pacing.opening_latency_s,
                    "rate_over_time": [
                        {"start": w.start, "end": w.end, "wpm": w.wpm}
                        for w in self.pacing.rate_over_time
                    ],
                    "stretches": [
                        {"start": s.start, "end": s.end, "kind": s.kind, "wpm": s.wpm}
                        for s in self.pacing.stretches
                    ],
                    "fillers": {
                        "count": len(self.fillers),
                        "per_minute": self.fillers_per_minute,
                        "items": [_filler_dict(f) for f in self.fillers],
                    },
                    "hedges": [_filler_dict(f) for f in self.hedges],
                    "repeats": [_filler_dict(f) for f in self.repeats],
                    "pauses": [
                        {
                            "start": p.start,
                            "end": p.end,
                            "kind": p.kind,
                            "seconds": round(p.seconds, 2),
                        }
                        for p in self.pauses
                    ],
                },
                "star": {
                    name: {
                        "present": part.present,
                        "evidence": [e.text for e in part.evidence],
                        "spans": [[e.char_start, e.char_end] for e in part.evidence],
                        "share": part.share,
                        "delivery": {
                            "wpm": part.delivery.wpm,
                            "fillers": part.delivery.fillers,
                            "pauses": part.delivery.pauses,
                            "longest_pause_before_s": part.delivery.longest_pause_before_s,
                        },
                    }
                    for name, part in self.star.items()
                },
                "specific_example": self.verdict.specific_example,
                "example": self.verdict.example,
                "checklist": self.verdict.checklist,
                "follow_up_answer": None
                if self.verdict.follow_up is None
                else {
                    "asks": self.verdict.follow_up.asks,
                    "answered": self.verdict.follow_up.answered,
                    "evidence": [self.transcript[a:b] for a, b in self.verdict.follow_up.evidence],
                },
                "star_model": self.star_model,
                "voice": self.voice.to_dict() if self.voice else None,
                "signals": {
                    "i_in_actions": self.signals.i_in_actions,
                    "we_in_actions": self.signals.we_in_actions,
                    "numbers_in_result": self.signals.numbers_in_result,
                    "time_anchor": self.signals.time_anchor,
                    "named_specifics": list(self.signals.named_specifics),
                    "situation_words": self.signals.situation_words,
                    "action_words": self.signals.action_words,
                    "reasons": self.signals.reasons,
                },
                "areas_to_cover": [
                    {
                        "area": a.area,
                        "touched": a.touched,
                        "evidence": a.evidence if a.touched else "",
                        "span": list(a.span) if a.span and a.touched else None,
                        "similarity": a.similarity,
                    }
                    for a in self.areas
                ],
                "follow_ups": [f.question for f in self.follow_ups],
                "follow_up_reasons": [
                    {"question": f.question, "reason": f.reason, "source": f.source}
                    for f in self.follow_ups
                ],
            }
        )
        return data


def parts_present(feedback: Mapping[str, Any] | None) -> dict[str, bool]:
    """Which STAR parts a stored feedback (:meth:`AnswerFeedback.to_dict`) found."""
    star = (feedback or {}).get("star")
    star = star if isinstance(star, Mapping) else {}
    return {
        part: isinstance(star.get(part), Mapping) and star[part].get("present") is True
        for part in COMPONENTS
    }


def star_marks(feedback: Mapping[str, Any] | None) -> str:
    """``STARL`` with ``·`` in place of each part a stored feedback lacks."""
    return "".join(
        COMPONENT_LETTERS[part] if present else "·"
        for part, present in parts_present(feedback).items()
    )


def verdict_label(feedback: Mapping[str, Any] | None) -> str:
    """Why a stored feedback credits no STAR part, in a word or two; "" when it was
    judged as one specific story (its parts then say it all)."""
    data = feedback or {}
    checklist = data.get("checklist", "full")
    if checklist == "too_short":
        return "too short"
    if checklist == "follow_up":
        judged = data.get("follow_up_answer")
        answered = isinstance(judged, Mapping) and judged.get("answered") is True
        return "follow-up ✓" if answered else "follow-up ✗"
    example = data.get("example", "specific")
    return {"habit": "a habit", "hypothetical": "a plan"}.get(str(example), "")


def _filler_dict(f: Filler) -> dict[str, Any]:
    return {"text": f.text, "start": f.start, "context": f.context, "kind": f.kind}


def _clean(value: Any) -> Any:
    """No NaN or infinity ever reaches JSON: they become null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _spoken_seconds(sentences: Sequence[Sentence]) -> float:
    return sum(
        (t.end - t.start)
        for s in sentences
        for t in s.tokens
        if t.start is not None and t.end is not None
    )


def analyze(
    answer: AnswerText | Transcript | str,
    *,
    silences: Sequence[tuple[float, float]] | None = None,
    question: QuestionContext | None = None,
    settings: AnalysisSettings | None = None,
    duration_s: float | None = None,
    latency_offset_s: float = 0.0,
    star_model: StarModel | None = None,
    voice: VoiceTrack | None = None,
) -> AnswerFeedback:
    """Analyse one answer.

    ``silences`` are the audio's speechless runs (from :func:`coach.speech.vad.silences`);
    pauses come from them. ``latency_offset_s`` is the time between the question
    appearing and the recording starting, for the opening latency.
    """
    settings = settings or AnalysisSettings()
    question = question or QuestionContext()
    if isinstance(answer, Transcript):
        duration_s = answer.duration_s if duration_s is None else duration_s
        answer = from_words(answer.words) if answer.words else from_text(answer.text)
    elif isinstance(answer, str):
        answer = from_text(answer)

    sentences = list(answer.sentences)
    star_model = star_model or shipped_model()
    reading = read_sentences([answer.sentence_text(s) for s in sentences], star_model)
    labels = reading.labels
    if question.is_follow_up:
        # Its own length band: a follow-up adds to a story already told.
        settings = replace(
            settings, green_s=settings.follow_up_s, amber_s=settings.follow_up_amber_s
        )
    all_fillers = find_fillers(answer)
    fillers = tuple(f for f in all_fillers if f.kind in ("sound", "word"))
    pauses = find_pauses(answer, silences, settings) if answer.timed else []
    pacing = measure_pacing(
        answer, pauses, settings, duration_s=duration_s, latency_offset_s=latency_offset_s
    )
    span_min = None
    timed_tokens = [t for t in answer.tokens if t.start is not None and t.end is not None]
    if timed_tokens:
        span_min = ((timed_tokens[-1].end or 0.0) - (timed_tokens[0].start or 0.0)) / 60.0
    per_minute = round(len(fillers) / span_min, 2) if span_min else None

    verdict = judge(answer, reading, question, settings, pacing.duration_s)
    told_parts = {part: part in labels for part in COMPONENTS}
    signals = content_signals(answer, labels)
    if not verdict.credits_parts:
        labels = ["other"] * len(labels)
    total_spoken = _spoken_seconds(sentences)
    star: dict[str, StarPart] = {}
    for component in COMPONENTS:
        chosen = [s for s, label in zip(sentences, labels, strict=True) if label == component]
        evidence = tuple(
            Evidence(answer.sentence_text(s), s.char_start, s.char_end) for s in chosen
        )
        share = None
        if answer.timed and total_spoken > 0:
            share = round(_spoken_seconds(chosen) / total_spoken, 3)
        star[component] = StarPart(
            bool(chosen), evidence, share, _delivery(chosen, fillers, pauses)
        )

    tells_a_story = verdict.example in ("specific", "not_judged")
    areas = area_coverage(answer, question.areas_to_cover, reading, tells_a_story=tells_a_story)
    voice_feedback = None
    if voice is not None and answer.timed:
        spans = {
            part: [
                (s.start, s.end)
                for s, label in zip(sentences, labels, strict=True)
                if label == part and s.start is not None and s.end is not None
            ]
            for part in COMPONENTS
        }
        voice_feedback = judge_voice(
            voice,
            spans,
            [(s.start, s.end) for s in sentences if s.start is not None and s.end is not None],
            monotone_st=settings.monotone_st,
            trailing_drop_db=settings.trailing_drop_db,
            trailing_share_max=settings.trailing_share,
        )
    present = {name: part.present for name, part in star.items()}
    if verdict.checklist == "full":
        specific = verdict.example == "specific"
        follow_ups = recommend(present, specific, signals, areas, question.follow_ups)
    else:  # a short answer or a follow-up: what it told, with no verdict on the example
        follow_ups = recommend(told_parts, True, signals, areas, question.follow_ups)
    return AnswerFeedback(
        transcript=answer.text,
        timed=answer.timed,
        pacing=pacing,
        fillers=fillers,
        hedges=tuple(f for f in all_fillers if f.kind == "hedge"),
        repeats=tuple(f for f in all_fillers if f.kind == "repeat"),
        fillers_per_minute=per_minute,
        pauses=tuple(pauses),
        star=star,
        sentence_labels=tuple(
            (s.char_start, s.char_end, label) for s, label in zip(sentences, labels, strict=True)
        ),
        specific_example=verdict.specific_example is not False,
        signals=signals,
        areas=tuple(areas),
        follow_ups=tuple(follow_ups),
        settings=settings,
        word_spans=tuple((t.char_start, t.char_end, t.start, t.end) for t in answer.tokens),
        verdict=verdict,
        star_model=star_model.version,
        voice=voice_feedback,
    )


def _count_inside(points: Sequence[float], spans: Sequence[tuple[float, float]]) -> int:
    """How many ``points`` fall in any half-open span: the spans merged, then bisected,
    so a long answer costs (points + spans) x log, not points x spans."""
    merged: list[list[float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif start < end:
            merged.append([start, end])
    starts = [start for start, _ in merged]
    count = 0
    for point in points:
        i = bisect_right(starts, point) - 1
        if i >= 0 and point < merged[i][1]:
            count += 1
    return count


def _delivery(
    chosen: list[Sentence], fillers: tuple[Filler, ...], pauses: list[Pause]
) -> PartDelivery:
    spans = [(s.char_start, s.char_end) for s in chosen]
    filler_count = _count_inside([f.char_start for f in fillers], spans)
    timed = [(s.start, s.end) for s in chosen if s.start is not None and s.end is not None]
    if not timed:
        return PartDelivery(None, filler_count, 0, None)
    words = sum(len(s.tokens) for s in chosen)
    seconds = sum(end - start for start, end in timed)
    inside = _count_inside([p.start for p in pauses], timed)
    first = min(start for start, _ in timed)
    before = [p.seconds for p in pauses if first - 3.0 <= p.end <= first + 0.3]
    return PartDelivery(
        words_per_minute(words, seconds),
        filler_count,
        inside,
        round(max(before), 2) if before else None,
    )
