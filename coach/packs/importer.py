"""Turning an interview guide (plain text or Markdown) into a pack.

Guides come in a few common shapes, often mixed with article prose:

* a question line followed by "Areas to Cover:" and "Follow-Up Questions:" lists;
* "Question N" / "Difficulty: hard" / the question / "Sample answer" blocks;
* "Question N: text" followed by several "Answer M: title" sample answers;
* numbered question lists, Markdown headings, bullet lists.

The importer reads line by line: labels switch what the following lines are
(areas, follow-ups, a sample answer), and a line is taken as a question only if
it reads like one put to a candidate (it starts like an interview question,
speaks to "you", and is not about interviewing itself). Everything else is prose
and skipped; what looked like content but could not be placed is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coach.errors import UsageError
from coach.locations import input_file
from coach.packs.guide_title import guide_title
from coach.packs.loader import MAX_BYTES, parse_pack
from coach.packs.model import DIFFICULTIES, Pack

_QUESTION_NO = re.compile(r"^(?:question|q)\s*#?\s*(\d+)\s*[:.)\-–—]?\s*(.*)$", re.I)
_ANSWER_NO = re.compile(r"^(?:sample\s+)?answer\s*#?\s*(\d+)\s*[:.)\-–—]\s*(.*)$", re.I)
_SAMPLE = re.compile(r"^(?:sample|example|model)\s+answers?\s*[:.\-–—]?\s*(.*)$", re.I)
_DIFFICULTY = re.compile(r"^(?:difficulty|level)\s*[:\-–—]\s*(\w+)", re.I)
_COMPETENCY = re.compile(
    r"^(?:competency|competence|skill|skill area|category|theme|focus area)\s*[:\-–—]\s*(.{2,80})$",
    re.I,
)
_AREAS = re.compile(
    r"^(?:areas?\s+to\s+(?:cover|probe|explore)|what\s+to\s+listen\s+for|look\s+for)\s*:?\s*$", re.I
)
_FOLLOW = re.compile(r"^follow[\s-]*up(?:\s+questions?)?\s*:?\s*$", re.I)
_BULLET = re.compile(r"^(?:[-*•·▪◦]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_STARTERS = re.compile(
    r"^(?:tell me|tell us|describe|give (?:me |us )?an? |share|can you|could you|"
    r"how (?:do|did|would|have|are)|what (?:do|did|would|was|is|are|steps|strategies|metrics)|"
    r"when (?:have|did|was)|why (?:do|did)|"
    r"walk me|walk us|explain|have you|talk about|discuss|provide|please|recount|in what|"
    r"think (?:about|of)|what's|which|would you|if you|imagine|suppose)\b",
    re.I,
)
_META = re.compile(
    r"\b(candidates?|interviewers?|interviewing|should i|can i|do i|i ask|hiring|recruiters?|"
    r"behavioral (?:interview )?questions?|star method)\b",
    re.I,
)
_YOU = re.compile(r"\b(you|your|yourself)\b", re.I)


@dataclass
class _Draft:
    text: str
    line: int
    difficulty: str | None = None
    areas: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    samples: list[dict[str, str]] = field(default_factory=list)
    competency: str | None = None


@dataclass
class ImportResult:
    pack: Pack
    yaml_text: str
    notes: list[str]


def looks_like_question(text: str) -> bool:
    """A line put to a candidate, not a heading or a question about interviewing."""
    words = text.split()
    if not 5 <= len(words) <= 70:
        return False
    if not (_STARTERS.match(text) and _YOU.search(text)):
        return False
    return not _META.search(text)


def _slug(text: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    skip = {
        "tell",
        "me",
        "about",
        "a",
        "an",
        "the",
        "time",
        "when",
        "you",
        "your",
        "describe",
        "give",
        "example",
        "of",
        "how",
        "did",
        "do",
        "can",
        "share",
        "what",
        "had",
        "to",
        "have",
    }
    base = "-".join([w for w in words if w not in skip][:5]) or "question"
    slug, n = base[:48].strip("-"), 2
    while slug in taken:
        slug, n = f"{base[:44]}-{n}", n + 1
    taken.add(slug)
    return slug


def import_guide_text(text: str, name: str, given_title: str | None = None) -> ImportResult:
    drafts: list[_Draft] = []
    notes: list[str] = []
    section: str | None = None  # 'areas', 'follow', 'sample' or None
    section_bulleted = False  # once a list has bullets, an unbulleted line ends it
    pending_number: int | None = None  # "Question N" seen, text still to come
    pending_difficulty: str | None = None
    pending_competency: str | None = None
    title = ""

    def current() -> _Draft | None:
        return drafts[-1] if drafts else None

    def start(question: str, line: int) -> None:
        nonlocal pending_number, pending_difficulty, section
        competency = pending_competency or (drafts[-1].competency if drafts else None)
        drafts.append(_Draft(question.strip(), line, pending_difficulty, competency=competency))
        pending_number, pending_difficulty, section = None, None, None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().replace("\u00a0", " ")
        if not line:
            continue
        heading = _HEADING.match(line)
        body = heading.group(1).strip("*_ ") if heading else line.strip("*_ ")
        if not title and heading:
            title = body
        if heading and section == "sample":
            section = None  # a heading always ends a sample answer
        if m := _QUESTION_NO.match(body):
            section = None
            if m.group(2) and len(m.group(2).split()) >= 4:
                start(m.group(2), number)
            else:
                pending_number = int(m.group(1))
            continue
        if m := _DIFFICULTY.match(body):
            level = m.group(1).lower()
            if level in DIFFICULTIES:
                if pending_number is not None or not drafts or drafts[-1].samples:
                    pending_difficulty = level
                else:
                    drafts[-1].difficulty = level
            else:
                notes.append(
                    f"line {number}: difficulty '{m.group(1)}' is not easy, medium or hard"
                )
            continue
        if m := _COMPETENCY.match(body):
            # Said before a question it names the questions that follow; said inside
            # one (before its samples) it is that question's.
            competency = m.group(1).strip(" .*_")
            if pending_number is not None or not drafts or drafts[-1].samples or section:
                pending_competency = competency
            else:
                drafts[-1].competency = competency
            section = None
            continue
        if _AREAS.match(body):
            section, section_bulleted = "areas", False
            continue
        if _FOLLOW.match(body):
            section, section_bulleted = "follow", False
            continue
        numbered = _ANSWER_NO.match(body)
        label = numbered or _SAMPLE.match(body)
        # "Answer 2: <anything>" is a sample answer whatever its title looks like; an
        # unnumbered "Sample answer: …" line only when short (else it is prose).
        if label is not None and (numbered or len(body.split()) <= 14):
            draft = current()
            if draft is None:
                notes.append(f"line {number}: a sample answer before any question was skipped")
                section = None
                continue
            named = (label.groups()[-1] or "").strip()
            fallback = f"Sample answer {len(draft.samples) + 1}"
            if len(named.split()) > 30:  # no title: the answer starts on the label's line
                draft.samples.append({"title": fallback, "text": named})
            else:
                draft.samples.append({"title": named or fallback, "text": ""})
            section = "sample"
            continue
        if pending_number is not None and not _BULLET.match(body):
            start(body, number)
            continue
        bullet = _BULLET.match(body)
        item = bullet.group(1).strip() if bullet else body
        draft = current()
        if section in ("areas", "follow") and bullet is None and section_bulleted:
            section = None
        if (
            section in ("areas", "follow")
            and draft is not None
            and (bullet or len(item.split()) <= 30)
        ):
            section_bulleted = section_bulleted or bullet is not None
            if section == "areas":
                draft.areas.append(item.rstrip("."))
            elif looks_like_question(item) or item.endswith("?"):
                draft.follow_ups.append(item)
            else:
                section = None  # prose after the list
            if section is not None:
                continue
        if section == "sample" and draft is not None and draft.samples:
            if looks_like_question(body) and body.endswith("?"):
                section = None
            else:
                sample = draft.samples[-1]
                sample["text"] = f"{sample['text']} {body}".strip()
                continue
        section = None
        if looks_like_question(item):
            start(item, number)
        elif (
            body.endswith("?")
            and _YOU.search(body)
            and len(body.split()) <= 40
            and not _META.search(body)
        ):
            notes.append(f"line {number}: not sure this is a question, skipped: {body[:70]}")

    seen: set[str] = set()
    questions: list[dict[str, Any]] = []
    for draft in drafts:
        key = draft.text.lower()
        if key in seen:
            notes.append(f"line {draft.line}: a repeated question was skipped")
            continue
        seen.add(key)
        entry: dict[str, Any] = {"id": "", "text": draft.text[:1000]}
        if draft.difficulty:
            entry["difficulty"] = draft.difficulty
        if draft.competency:
            entry["competency"] = draft.competency[:80]
        if draft.areas:
            entry["areas_to_cover"] = draft.areas[:30]
        if draft.follow_ups:
            entry["follow_ups"] = draft.follow_ups[:30]
        samples = [s for s in draft.samples if s["text"]]
        if samples:
            entry["sample_answers"] = [
                {"title": s["title"][:200], "text": s["text"][:4000]} for s in samples
            ]
        questions.append(entry)
    if not questions:
        raise UsageError(
            f"no interview questions found in {name}",
            hint="the importer looks for question lines put to a candidate, 'Question N' "
            "blocks, numbered lists and Markdown headings",
        )
    taken: set[str] = set()
    for entry in questions:
        entry["id"] = _slug(entry["text"], taken)
    stem = Path(name).stem
    title = (given_title or title or guide_title(text) or stem.replace("_", " ")).strip()
    title = title.replace("-", " ") if title == stem else title
    words = re.findall(r"[a-z0-9]+", (title if title != stem else stem).lower())
    pack_id = "-".join(words)[:60].strip("-") or "imported"
    if not pack_id[0].isalnum():
        pack_id = f"p{pack_id}"
    placed = sum(len(d.samples) for d in drafts)
    kept = sum(len(q.get("sample_answers", [])) for q in questions)
    if kept < placed:
        notes.append(f"{placed - kept} sample answer(s) had a title but no text and were left out")
    data = {
        "id": pack_id,
        "title": title[:200] or "Imported guide",
        "description": f"Imported from {Path(name).name}.",
        "version": "1.0",
        "language": "en",
        "questions": questions,
    }
    yaml_text = "# Imported by `coach packs import`; check it, then `coach packs validate`.\n"
    yaml_text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    pack = parse_pack(yaml_text.encode(), name)
    return ImportResult(pack, yaml_text, notes)


def import_guide(path: str | Path, title: str | None = None) -> ImportResult:
    file = input_file(path, "guide")
    if file.stat().st_size > MAX_BYTES:
        raise UsageError(f"{file.name} is larger than 1 MB; that is not an interview guide")
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = file.read_bytes().decode("latin-1")
    return import_guide_text(text, str(file), title)
