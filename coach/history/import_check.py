"""A history export read as untrusted input: every field checked before the database.

``coach import FILE`` takes JSON that another machine, another person or a text
editor produced. Nothing in it reaches SQLite, the screen or a file path until it
has passed these checks: a regular file of bounded size, JSON without NaN or
infinities, bounded nesting and string lengths, and for every session and answer
the types, ranges and links the rest of coach relies on. The first problem found is
a :class:`UsageError` (exit 2) naming the session, the answer and the field.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.analysis.settings import AnalysisSettings
from coach.analysis.star import COMPONENTS
from coach.errors import UsageError
from coach.locations import input_file

EXPORT_FORMAT = "coach-history"
EXPORT_VERSION = 1
MAX_FILE_BYTES = 256_000_000
MAX_DEPTH = 24
MAX_STRING = 200_000
"""A transcript: a 20-minute answer is about 25,000 characters."""
MAX_SHORT = 2_000
"""Ids, names, modes, question texts."""
MAX_ITEMS = 200_000
INT64 = 2**63
EARLIEST, LATEST = 0.0, 4_102_444_800.0
"""Times are seconds since 1970, before 2100."""


class ImportRejected(UsageError):
    """A history export that fails a check; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Where:
    session: int
    answer: int | None = None

    def __str__(self) -> str:
        text = f"session {self.session + 1}"
        return text if self.answer is None else f"{text}, answer {self.answer + 1}"


def read_export(path: str | Path) -> Any:
    """The parsed JSON of ``path``: a regular file (not a pipe or a device) of bounded
    size, without NaN, infinities or nesting deep enough to exhaust the stack."""
    file = input_file(path, "history export", ImportRejected)
    try:
        with open(file, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise ImportRejected(
                    f"{file.name} is {size:,} bytes; an import may be at most {MAX_FILE_BYTES:,}"
                )
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ImportRejected(f"cannot read {file}: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise ImportRejected(f"{file.name} is larger than {MAX_FILE_BYTES:,} bytes")

    def no_constant(name: str) -> None:
        raise ValueError(f"{name} is not a number coach accepts")

    try:
        value = json.loads(data.decode("utf-8"), parse_constant=no_constant)
    except UnicodeDecodeError as exc:
        raise ImportRejected(f"{file.name} is not UTF-8 text: {exc.reason}") from exc
    except RecursionError:
        raise ImportRejected(f"{file.name} is nested too deeply to be a history export") from None
    except ValueError as exc:
        raise ImportRejected(f"{file.name} is not valid JSON: {exc}") from exc
    check_limits(value)
    return value


def check_limits(value: Any) -> None:
    """Depth, string lengths, container sizes and numbers, without recursion."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ImportRejected(f"the export is nested more than {MAX_DEPTH} levels deep")
        if isinstance(item, str):
            if len(item) > MAX_STRING:
                raise ImportRejected(f"a text of {len(item):,} characters (at most {MAX_STRING:,})")
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if not -INT64 < item < INT64:
                raise ImportRejected(f"the number {item} is out of range")
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise ImportRejected(f"the number {item} is not finite")
        elif isinstance(item, list | dict):
            if len(item) > MAX_ITEMS:
                raise ImportRejected(f"a list of {len(item):,} items (at most {MAX_ITEMS:,})")
            children = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in children:
                if isinstance(key, str) and len(key) > MAX_SHORT:
                    raise ImportRejected("a field name is too long")
                stack.append((child, depth + 1))
        else:  # pragma: no cover - json.loads makes nothing else
            raise ImportRejected(f"an unexpected value of type {type(item).__name__}")


class _Fields:
    """Typed reads of one object's fields, each failure naming where it is."""

    def __init__(self, raw: Any, where: Where | str) -> None:
        if not isinstance(raw, dict):
            raise ImportRejected(f"{where}: expected an object, got {_kind(raw)}")
        self.raw = raw
        self.where = where

    def fail(self, name: str, wanted: str) -> ImportRejected:
        got = self.raw.get(name)
        shown = repr(got) if not isinstance(got, dict | list) else _kind(got)
        return ImportRejected(f"{self.where}: '{name}' must be {wanted}, got {shown[:80]}")

    def text(self, name: str, *, optional: bool = False, limit: int = MAX_SHORT) -> str | None:
        value = self.raw.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, str) or len(value) > limit:
            raise self.fail(name, f"text of at most {limit:,} characters")
        return value

    def integer(self, name: str, low: int, high: int, *, optional: bool = False) -> int | None:
        value = self.raw.get(name)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(name, f"a whole number from {low} to {high}")
        return value

    def time(self, name: str) -> float:
        value = self.raw.get(name)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not EARLIEST <= value <= LATEST
        ):
            raise self.fail(name, "a time in seconds since 1970, before 2100")
        return float(value)

    def flag(self, name: str) -> bool:
        value = self.raw.get(name, False)
        if value not in (True, False, 0, 1):
            raise self.fail(name, "true or false")
        return bool(value)

    def mapping(self, name: str) -> dict[str, Any] | None:
        value = self.raw.get(name)
        if value is not None and not isinstance(value, dict):
            raise self.fail(name, "an object")
        return value or None


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "a number" if isinstance(value, int | float) else "null"
    )


MAX_SECONDS = 86_400.0
"""Times within an answer: a day is far beyond any answer (the recorder stops at 20 min)."""


def _number(value: Any, *, optional: bool = True) -> bool:
    if value is None:
        return optional
    return not isinstance(value, bool) and isinstance(value, int | float)


def _seconds(value: Any, *, optional: bool = True) -> bool:
    return _number(value, optional=optional) and (value is None or 0 <= value <= MAX_SECONDS)


def _check_transcript_data(data: dict[str, Any], where: str) -> None:
    """Words with times, silences and a length, as :mod:`coach.history.reanalyse` reads them."""
    segments = data.get("segments", [])
    if not isinstance(segments, list):
        raise ImportRejected(f"{where}: 'transcript_data.segments' must be a list")
    for segment in segments:
        words = segment.get("words", []) if isinstance(segment, dict) else None
        if not isinstance(words, list):
            raise ImportRejected(f"{where}: each transcript segment needs a list of words")
        for word in words:
            if not (
                isinstance(word, dict)
                and isinstance(word.get("word"), str)
                and _seconds(word.get("start"), optional=False)
                and _seconds(word.get("end"), optional=False)
                and _number(word.get("probability"))
            ):
                raise ImportRejected(f"{where}: a transcript word lacks its text or times")
    silences = data.get("silences", [])
    if not isinstance(silences, list) or not all(
        isinstance(s, list) and len(s) == 2 and all(_seconds(x, optional=False) for x in s)
        for s in silences
    ):
        raise ImportRejected(f"{where}: 'transcript_data.silences' must be [start, end] pairs")
    if not _seconds(data.get("duration_s")):
        raise ImportRejected(f"{where}: 'transcript_data.duration_s' must be seconds (up to a day)")


def _check_feedback(feedback: dict[str, Any], where: str) -> None:
    """The fields the history list, summary and reports read from saved feedback."""
    star = feedback.get("star", {})
    if not isinstance(star, dict) or not all(
        isinstance(star.get(part, {}), dict) for part in COMPONENTS
    ):
        raise ImportRejected(f"{where}: 'feedback.star' must hold an object per STAR part")
    speech = feedback.get("speech", {})
    fillers = speech.get("fillers", {}) if isinstance(speech, dict) else None
    if not isinstance(fillers, dict):
        raise ImportRejected(f"{where}: 'feedback.speech' must be an object with 'fillers'")
    count = fillers.get("count", 0)
    if not (
        _number(speech.get("wpm"))
        and _number(fillers.get("per_minute"))
        and isinstance(count, int)
        and not isinstance(count, bool)
        and 0 <= count < INT64
        and _number(feedback.get("duration_s"))
    ):
        raise ImportRejected(f"{where}: the feedback's pace, fillers or length is not a number")
    if not isinstance(feedback.get("specific_example", True), bool | None):
        raise ImportRejected(f"{where}: 'feedback.specific_example' must be true, false or null")


def _check_question(question: dict[str, Any], where: str) -> None:
    """The pack question snapshot, as the review screen reads it."""
    if not isinstance(question.get("competency", ""), str):
        raise ImportRejected(f"{where}: 'question.competency' must be text")
    for name in ("areas_to_cover", "follow_ups"):
        items = question.get(name, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ImportRejected(f"{where}: 'question.{name}' must be a list of texts")


def _check_settings(settings: dict[str, Any], where: str) -> None:
    try:
        AnalysisSettings().with_overrides(settings)
    except (TypeError, ValueError, AttributeError) as exc:
        raise ImportRejected(f"{where}: 'settings' are not analysis settings ({exc})") from None


def check_export(data: Any) -> list[dict[str, Any]]:
    """The sessions of a history export, every field checked; raises :class:`ImportRejected`."""
    top = _Fields(data, "the file")
    if data.get("format") != EXPORT_FORMAT:
        raise ImportRejected(
            "this is not a coach history export", hint="use `coach export all --format json`"
        )
    if data.get("schema_version") != EXPORT_VERSION:
        raise ImportRejected(
            f"history export version {str(data.get('schema_version'))[:20]!r} is not supported",
            hint=f"this coach reads version {EXPORT_VERSION}",
        )
    sessions = top.raw.get("sessions")
    if not isinstance(sessions, list):
        raise top.fail("sessions", "a list")
    return [_check_session(raw, Where(index)) for index, raw in enumerate(sessions)]


def _check_session(raw: Any, where: Where) -> dict[str, Any]:
    f = _Fields(raw, where)
    answers = f.raw.get("answers")
    if not isinstance(answers, list):
        raise f.fail("answers", "a list")
    checked: list[dict[str, Any]] = []
    session: dict[str, Any] = {
        "id": f.integer("id", 1, INT64 - 1, optional=True),
        "started_at": f.time("started_at"),
        "pack_id": f.text("pack_id", optional=True),
        "pack_version": f.text("pack_version", optional=True),
        "mode": f.text("mode", limit=40),
        "answers": checked,
    }
    seen: set[int] = set()
    for index, answer in enumerate(answers):
        checked.append(_check_answer(answer, Where(where.session, index), seen))
    return session


def _check_answer(raw: Any, where: Where, seen: set[int]) -> dict[str, Any]:
    f = _Fields(raw, where)
    answer_id = f.integer("id", 1, INT64 - 1, optional=True)
    parent_id = f.integer("parent_id", 1, INT64 - 1, optional=True)
    if answer_id is not None:
        if answer_id in seen:
            raise ImportRejected(f"{where}: answer id {answer_id} appears twice")
        seen.add(answer_id)
    if parent_id is not None and (parent_id not in seen or parent_id == answer_id):
        raise ImportRejected(
            f"{where}: 'parent_id' {parent_id} is not an earlier answer of this session"
        )
    answer: dict[str, Any] = {
        "id": answer_id,
        "parent_id": parent_id,
        "created_at": f.time("created_at"),
        "question_id": f.text("question_id", optional=True),
        "question_text": f.text("question_text"),
        "question": f.mapping("question"),
        "competency": f.text("competency", optional=True) or "",
        "pack_id": f.text("pack_id", optional=True),
        "pack_version": f.text("pack_version", optional=True),
        "take": f.integer("take", 1, 10_000, optional=True) or 1,
        "typed": f.flag("typed"),
        "audio_path": f.text("audio_path", optional=True, limit=4_096),
        "transcript": f.text("transcript", limit=MAX_STRING),
        "transcript_data": f.mapping("transcript_data"),
        "feedback": f.mapping("feedback"),
        "settings": f.mapping("settings"),
    }
    label = str(where)
    if answer["transcript_data"]:
        _check_transcript_data(answer["transcript_data"], label)
    if answer["feedback"]:
        _check_feedback(answer["feedback"], label)
    if answer["question"]:
        _check_question(answer["question"], label)
    if answer["settings"]:
        _check_settings(answer["settings"], label)
    return answer
