"""History out and back in: JSON (complete, versioned) and Markdown (a readable report).

The JSON holds every stored field of every session and answer; importing it into
any store recreates the same records (ids kept where free, links remapped where not).
Audio stays where it is: the JSON names each recording's path.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from coach.analysis.feedback import parts_present, verdict_label
from coach.analysis.pacing import PACE_WORDS
from coach.analysis.star import COMPONENT_LETTERS
from coach.analysis.text import visible_controls
from coach.errors import UsageError
from coach.history.import_check import EXPORT_FORMAT, EXPORT_VERSION, check_export
from coach.history.queries import when
from coach.history.store import Store, StoredAnswer, answer_insert, answer_row, as_mapping, finite

ANSWER_FIELDS = (
    "id", "parent_id", "created_at", "question_id", "question_text", "question", "competency",
    "pack_id", "pack_version", "take", "typed", "audio_path", "transcript", "transcript_data",
    "feedback", "settings",
)  # fmt: skip


def session_ids(store: Store, which: str) -> list[int]:
    """``all``, or one session id as typed on the command line."""
    if which == "all":
        return [i for (i,) in store.db.execute("SELECT id FROM sessions ORDER BY started_at, id")]
    number = int(which) if which.isascii() and which.isdigit() and len(which) < 19 else None
    if (
        number is None
        or store.db.execute("SELECT 1 FROM sessions WHERE id = ?", (number,)).fetchone() is None
    ):
        raise UsageError(
            f"no session {visible_controls(which)[:40]!r}",
            hint="`coach history` lists the session ids",
        )
    return [number]


def _answer_dict(answer: StoredAnswer) -> dict[str, Any]:
    return {
        name: getattr(answer, name if name != "settings" else "settings") for name in ANSWER_FIELDS
    }


def export_json(store: Store, ids: list[int]) -> dict[str, Any]:
    sessions = []
    for session_id in ids:
        started_at, pack_id, pack_version, mode = store.db.execute(
            "SELECT started_at, pack_id, pack_version, mode FROM sessions WHERE id = ?",
            (session_id,),
        ).fetchone()
        sessions.append(
            {
                "id": session_id,
                "started_at": started_at,
                "pack_id": pack_id,
                "pack_version": pack_version,
                "mode": mode,
                "answers": [_answer_dict(a) for a in store.answers(session_id)],
            }
        )
    return {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_VERSION,
        "exported_at": time.time(),
        "sessions": sessions,
    }


@dataclass(frozen=True, slots=True)
class ImportResult:
    sessions: int
    answers: int
    dropped_audio: int
    """Recordings named outside this coach's ``recordings/`` folder: left out, the
    answers kept without audio (coach never plays or deletes a file it does not own)."""


def import_json(store: Store, data: Any) -> ImportResult:
    """Add the sessions in ``data`` (from :func:`export_json`), all or nothing. Every
    field is checked first (:mod:`coach.history.import_check`); a bad one is a
    :class:`UsageError` and nothing is written."""
    sessions = check_export(data)
    dropped = answers = 0
    with store.transaction():  # all or nothing
        for session in sessions:
            dropped += _import_session(store, session)
            answers += len(session["answers"])
    return ImportResult(len(sessions), answers, dropped)


def _free(store: Store, table: str, row_id: int | None) -> int | None:
    if row_id is None:
        return None
    taken = store.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return None if taken else row_id


def _import_session(store: Store, session: dict[str, Any]) -> int:
    """Insert one checked session; returns how many recordings were left out."""
    cursor = store.db.execute(
        "INSERT INTO sessions (id, started_at, pack_id, pack_version, mode) VALUES (?, ?, ?, ?, ?)",
        (
            _free(store, "sessions", session["id"]),
            session["started_at"],
            session["pack_id"],
            session["pack_version"],
            session["mode"],
        ),
    )
    session_id = int(cursor.lastrowid or 0)
    new_ids: dict[int, int] = {}
    dropped = 0
    for answer in session["answers"]:
        name = store.folder.recording_name(answer["audio_path"])
        if answer["audio_path"] and name is None:
            dropped += 1
        parent = answer["parent_id"]
        values = answer_row(
            session_id,
            answer_id=_free(store, "answers", answer["id"]),
            parent_id=new_ids[parent] if parent is not None else None,
            created_at=answer["created_at"],
            question_id=answer["question_id"],
            question_text=visible_controls(answer["question_text"]),
            question=answer["question"],
            competency=answer["competency"],
            pack_id=answer["pack_id"],
            pack_version=answer["pack_version"],
            take=answer["take"],
            typed=answer["typed"],
            audio_path=store.folder.recordings / name if name else None,
            transcript=visible_controls(answer["transcript"]),
            transcript_data=answer["transcript_data"],
            feedback=answer["feedback"],
            settings=answer["settings"],
        )
        cursor = store.db.execute(answer_insert(values), values)
        if answer["id"] is not None:
            new_ids[answer["id"]] = int(cursor.lastrowid or 0)
    return dropped


def export_markdown(store: Store, ids: list[int]) -> str:
    """A report a coach can read: each session, each answer, its feedback in brief.
    Every stored text is escaped and its control characters made visible."""
    data = export_json(store, ids)
    out = ["# Interview practice report", ""]
    if not data["sessions"]:
        out.append("No sessions yet.")
    for session in data["sessions"]:
        out += [f"## Session {session['id']}: {when(session['started_at'])}", ""]
        out.append(f"Pack: {_md(session['pack_id'] or '—')} · mode: {_md(session['mode'])}")
        out.append("")
        for answer in session["answers"]:
            out += _answer_markdown(answer)
    return "\n".join(out).rstrip() + "\n"


def _answer_markdown(answer: dict[str, Any]) -> list[str]:
    feedback = as_mapping(answer.get("feedback"))
    speech = as_mapping(feedback.get("speech"))
    fillers = as_mapping(speech.get("fillers"))
    prefix = "Follow-up: " if answer.get("parent_id") else ""
    take = f" (take {answer['take']})" if answer.get("take", 1) > 1 else ""
    lines = [f"### {prefix}{_md(answer['question_text'])}{take}", ""]
    marks = " ".join(
        COMPONENT_LETTERS[part] + ("✓" if present else "✗")
        for part, present in parts_present(feedback).items()
    )
    figures = [f"STAR {marks}"]
    if why := verdict_label(feedback):
        figures = [f"STAR not credited: {why}" if "follow-up" not in why else why]
    if wpm := finite(speech.get("wpm")):
        verdict = PACE_WORDS.get(str(speech.get("pace_verdict")), "")
        figures.append(f"{wpm:.0f} wpm" + (f" ({verdict})" if verdict else ""))
    if (per_minute := finite(fillers.get("per_minute"))) is not None:
        figures.append(f"{per_minute:.1f} fillers/min")
    if duration := finite(feedback.get("duration_s")):
        figures.append(f"{duration:.0f} s")
    if answer.get("typed"):
        figures.append("typed")
    lines += [" · ".join(figures), "", "> " + _md(answer["transcript"]).replace("\n", "\n> "), ""]
    return lines


def _md(text: object) -> str:
    """User text in Markdown: control characters shown, markup and HTML escaped."""
    text = visible_controls(str(text))
    for char in "\\`*_{}[]<>#|":
        text = text.replace(char, "\\" + char)
    return text
