"""Loading a pack: untrusted YAML in, a :class:`Pack` or every problem at once out.

Packs come from coaches and the internet, so the file is treated as hostile:
size limits before parsing; YAML events checked before anything is built (no
aliases, so no alias bombs; no tags, so nothing can construct an object); only
then ``yaml.safe_load``. Validation walks the data and reports *every* problem
with its place and line, e.g.
``questions[3].difficulty: 'tough' is not one of easy, medium, hard (line 42)``.
Unknown keys are errors with a "did you mean" hint. Text is data: markup and
control characters are refused, so nothing in a pack can style or drive the UI.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from coach.analysis.text import CONTROL_CHARACTERS
from coach.errors import UsageError
from coach.locations import input_file
from coach.packs.model import DIFFICULTIES, KINDS, LEVELS, Pack, PackTimings, Question, SampleAnswer

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (about 10x faster), else the pure-Python one."""

MAX_BYTES = 1_000_000
MAX_EVENTS = 200_000
MAX_QUESTIONS = 300
MAX_LIST = 30
MAX_TEXT = 4_000
MAX_QUESTION_TEXT = 1_000

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_MARKUP = re.compile(
    r"\[(?:@|/|(?:bold|italic|underline|strike|dim|reverse|blink|link|on|not|b|i|u|s|"
    r"red|green|blue|yellow|magenta|cyan|white|black|grey|gray|bright_\w+|#[0-9a-f]{3,6})\b)[^\]]*\]",
    re.IGNORECASE,
)
_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")
}


@dataclass(frozen=True, slots=True)
class Problem:
    where: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        line = f" (line {self.line})" if self.line else ""
        return f"{place}{self.message}{line}"


class PackError(UsageError):
    """A pack that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        body = "\n".join(f"  {p}" for p in problems)
        super().__init__(
            f"{source}: {count}\n{body}",
            hint="fix these and run `coach packs validate` again; the format is in "
            "question_packs/README.md",
        )


# -- reading -------------------------------------------------------------------------
def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_BYTES:
        raise PackError(
            source,
            [Problem("", f"the file is {len(data):,} bytes; a pack may be at most {MAX_BYTES:,}")],
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PackError(source, [Problem("", f"not UTF-8 text (byte {exc.start})", line)]) from exc
    if not text.strip():
        raise PackError(source, [Problem("", "the file is empty")])
    return text.removeprefix("\ufeff")


def _check_events(text: str, source: str) -> None:
    """Refuse aliases, anchors and tags before any node is built."""
    try:
        for count, event in enumerate(yaml.parse(text, Loader=_Loader)):
            if count > MAX_EVENTS:
                raise PackError(source, [Problem("", "the file is too deeply nested or too long")])
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise PackError(
                    source,
                    [
                        Problem(
                            "", "YAML anchors and aliases (& and *) are not allowed in packs", line
                        )
                    ],
                )
            tag = getattr(event, "tag", None)
            if tag and tag not in ("!", *_STANDARD_TAGS):
                raise PackError(
                    source,
                    [Problem("", f"YAML tags such as {tag!r} are not allowed in packs", line)],
                )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(source, [Problem("", f"YAML syntax error: {problem}", line)]) from exc


def _lines(node: yaml.Node, path: str, out: dict[str, int], problems: list[Problem]) -> None:
    """Map each data path (``questions[3].difficulty``) to its line; find duplicate keys."""
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            child = f"{path}.{name}" if path else name
            if name in seen:
                problems.append(Problem(child, "appears twice", key.start_mark.line + 1))
            seen.add(name)
            out[child] = key.start_mark.line + 1
            _lines(value, child, out, problems)
            out[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, f"{path}[{index}]", out, problems)


# -- validating ------------------------------------------------------------------------
class _Checker:
    def __init__(self, lines: dict[str, int], problems: list[Problem]) -> None:
        self.lines = lines
        self.problems = problems

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message, self.lines.get(where)))

    def keys(
        self, data: dict[str, Any], where: str, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = (
                    f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
                )
                self.add(f"{where}.{key}" if where else str(key), f"unknown key{hint}")
        for key in required:
            if key not in data:
                self.add(where, f"'{key}' is required")

    def text(self, value: Any, where: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
        if value is None:
            if required:
                self.add(where, "must not be empty")
            return ""
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and where.endswith("version")
        ):
            value = str(value)
        if not isinstance(value, str):
            self.add(where, f"must be text, not {_kind(value)}")
            return ""
        text: str = value.strip()
        if required and not text:
            self.add(where, "must not be empty")
        if len(text) > limit:
            self.add(where, f"is {len(text)} characters; at most {limit}")
        if CONTROL_CHARACTERS.search(text):
            self.add(where, "contains a control character (terminal escape codes are not allowed)")
        if match := _MARKUP.search(text):
            self.add(
                where,
                f"contains markup {match.group()!r}; pack text is shown as is, so remove it",
            )
        return text

    def choice(self, value: Any, where: str, options: tuple[str, ...], default: str) -> str:
        if value is None:
            return default
        if value not in options:
            self.add(where, f"{value!r} is not one of {', '.join(options)}")
            return default
        return str(value)

    def texts(self, value: Any, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add(where, f"must be a list, not {_kind(value)}")
            return ()
        if len(value) > MAX_LIST:
            self.add(where, f"has {len(value)} items; at most {MAX_LIST}")
        return tuple(
            t
            for i, v in enumerate(value[:MAX_LIST])
            if (t := self.text(v, f"{where}[{i}]", required=True))
        )

    def number(self, value: Any, where: str, low: float, high: float, default: float) -> float:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(where, f"must be a number of seconds, not {_kind(value)}")
            return default
        if not low <= value <= high:
            self.add(where, f"{value} is outside {low:g}–{high:g}")
            return default
        return float(value)

    def timings(self, value: Any, where: str, base: PackTimings) -> PackTimings:
        if value is None:
            return base
        if not isinstance(value, dict):
            self.add(where, f"must be a mapping, not {_kind(value)}")
            return base
        self.keys(value, where, ("think_s", "answer_target_s", "hard_cap_s", "takes"), ())
        band = value.get("answer_target_s")
        target = base.answer_target_s
        if band is not None:
            if (
                not isinstance(band, list)
                or len(band) != 2
                or not all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in band)
            ):
                self.add(f"{where}.answer_target_s", "must be two numbers, like [60, 120]")
            elif not 5 <= band[0] <= band[1] <= 3600:
                self.add(
                    f"{where}.answer_target_s", f"{band} must rise from at least 5 to at most 3600"
                )
            else:
                target = (float(band[0]), float(band[1]))
        takes = value.get("takes", base.takes)
        if isinstance(takes, bool) or not isinstance(takes, int) or not 1 <= takes <= 20:
            self.add(f"{where}.takes", f"{takes!r} must be a whole number from 1 to 20")
            takes = base.takes
        return PackTimings(
            think_s=self.number(value.get("think_s"), f"{where}.think_s", 0, 600, base.think_s),
            answer_target_s=target,
            hard_cap_s=self.number(
                value.get("hard_cap_s"), f"{where}.hard_cap_s", 10, 3600, base.hard_cap_s
            ),
            takes=takes,
        )

    def ident(self, value: Any, where: str) -> str:
        text = self.text(value, where, required=True, limit=64)
        if text and not _ID.match(text):
            self.add(where, f"{text!r} must be lower-case letters, digits, '-', '_' or '.'")
        return text


def _kind(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


PACK_KEYS = (
    "id",
    "title",
    "role",
    "level",
    "description",
    "author",
    "version",
    "language",
    "timings",
    "analysis",
    "questions",
)
QUESTION_KEYS = (
    "id",
    "text",
    "competency",
    "kind",
    "difficulty",
    "areas_to_cover",
    "follow_ups",
    "sample_answers",
    "timings",
)


def _validate(data: Any, check: _Checker, source: str) -> Pack | None:
    if not isinstance(data, dict):
        check.add(
            "", f"a pack must be a mapping of keys (id, title, questions...), not {_kind(data)}"
        )
        return None
    check.keys(data, "", PACK_KEYS, ("id", "title", "questions"))
    timings = check.timings(data.get("timings"), "timings", PackTimings())
    analysis = data.get("analysis")
    if analysis is not None:
        from coach.analysis.settings import AnalysisSettings

        if not isinstance(analysis, dict):
            check.add("analysis", f"must be a mapping of setting names, not {_kind(analysis)}")
            analysis = None
        else:
            try:
                AnalysisSettings().with_overrides(analysis)
            except (ValueError, TypeError) as exc:
                check.add("analysis", str(exc))
                analysis = None
    raw_questions = data.get("questions")
    questions: list[Question] = []
    if raw_questions is not None and not isinstance(raw_questions, list):
        check.add("questions", f"must be a list, not {_kind(raw_questions)}")
    elif isinstance(raw_questions, list):
        if not raw_questions:
            check.add("questions", "a pack needs at least one question")
        if len(raw_questions) > MAX_QUESTIONS:
            check.add("questions", f"has {len(raw_questions)} questions; at most {MAX_QUESTIONS}")
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_questions[:MAX_QUESTIONS]):
            where = f"questions[{index}]"
            question = _question(raw, where, check, timings)
            if question is None:
                continue
            if question.id in seen:
                check.add(
                    f"{where}.id",
                    f"'{question.id}' is already used by questions[{seen[question.id]}]",
                )
            seen.setdefault(question.id, index)
            questions.append(question)
    return Pack(
        id=check.ident(data.get("id"), "id"),
        title=check.text(data.get("title"), "title", required=True, limit=200),
        role=check.text(data.get("role"), "role", limit=200),
        level=check.choice(data.get("level"), "level", LEVELS, "any"),
        description=check.text(data.get("description"), "description"),
        author=check.text(data.get("author"), "author", limit=200),
        version=check.text(data.get("version"), "version", limit=40) or "1.0",
        language=check.text(data.get("language"), "language", limit=20) or "en",
        timings=timings,
        questions=tuple(questions),
        analysis=dict(analysis or {}),
        source=source,
    )


def _question(raw: Any, where: str, check: _Checker, timings: PackTimings) -> Question | None:
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict):
        check.add(where, f"must be a mapping with at least 'id' and 'text', not {_kind(raw)}")
        return None
    check.keys(raw, where, QUESTION_KEYS, ("id", "text"))
    samples: list[SampleAnswer] = []
    raw_samples = raw.get("sample_answers")
    if raw_samples is not None and not isinstance(raw_samples, list):
        check.add(f"{where}.sample_answers", f"must be a list, not {_kind(raw_samples)}")
    for i, sample in enumerate(raw_samples if isinstance(raw_samples, list) else []):
        sw = f"{where}.sample_answers[{i}]"
        if not isinstance(sample, dict):
            check.add(sw, "must have a 'title' and a 'text'")
            continue
        check.keys(sample, sw, ("title", "text"), ("text",))
        samples.append(
            SampleAnswer(
                check.text(sample.get("title"), f"{sw}.title", limit=200)
                or f"Sample answer {i + 1}",
                check.text(sample.get("text"), f"{sw}.text", required=True),
            )
        )
    return Question(
        id=check.ident(raw.get("id"), f"{where}.id") if "id" in raw else "",
        text=check.text(raw.get("text"), f"{where}.text", required=True, limit=MAX_QUESTION_TEXT),
        competency=check.text(raw.get("competency"), f"{where}.competency", limit=200),
        kind=check.choice(raw.get("kind"), f"{where}.kind", KINDS, "behavioral"),
        difficulty=check.choice(
            raw.get("difficulty"), f"{where}.difficulty", DIFFICULTIES, "medium"
        ),
        areas_to_cover=check.texts(raw.get("areas_to_cover"), f"{where}.areas_to_cover"),
        follow_ups=check.texts(raw.get("follow_ups"), f"{where}.follow_ups"),
        sample_answers=tuple(samples),
        timings=check.timings(raw.get("timings"), f"{where}.timings", timings),
    )


def parse_pack(data: bytes, source: str = "<pack>") -> Pack:
    """Validate and build a pack from raw bytes; :class:`PackError` lists every problem."""
    text = _decode(data, source)
    _check_events(text, source)
    problems: list[Problem] = []
    lines: dict[str, int] = {}
    loader = _Loader(text)
    try:  # one pass builds the node tree (for lines) and the plain values from it
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, TypeError, ValueError, RecursionError) as exc:
        # several documents in one file, a list as a key (`? [a, b]`), ...
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(
            source, [Problem("", f"not a pack: {problem}", mark.line + 1 if mark else None)]
        ) from exc
    finally:
        loader.dispose()
    if node is not None:
        _lines(node, "", lines, problems)
    check = _Checker(lines, problems)
    pack = _validate(value, check, source)
    if problems or pack is None:
        raise PackError(source, sorted(problems, key=lambda p: p.line or 0))
    return pack


def load_pack(path: str | Path) -> Pack:
    """Read and validate a pack file: a regular file (never a pipe, device or folder)
    of at most :data:`MAX_BYTES`, opened without waiting on a writer."""
    file = input_file(path, "pack file")
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise PackError(str(file), [Problem("", f"cannot read it: {exc.strerror}")]) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise PackError(str(file), [Problem("", "not a regular file (a pipe or a device?)")])
        if info.st_size > MAX_BYTES:
            raise PackError(
                str(file),
                [
                    Problem(
                        "",
                        f"the file is {info.st_size:,} bytes; a pack may be at most {MAX_BYTES:,}",
                    )
                ],
            )
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise PackError(str(file), [Problem("", f"cannot read it: {exc.strerror}")]) from exc
    return parse_pack(data, str(file))
