"""History out and back in: JSON (complete, versioned) and Markdown (a readable report).

The JSON holds every stored field of every session and answer; importing it into
any store recreates the same records (ids kept where free, links remapped where not).
Audio stays where it is: the JSON names each recording's path.
"""

from __future__ import annotations

import time
from typing import Any

from coach.analysis.feedback import parts_present
from coach.analysis.star import COMPONENT_LETTERS
from coach.analysis.text import visible_controls
from coach.errors import UsageError
from coach.store import Store, StoredAnswer, answer_insert, answer_row

EXPORT_FORMAT = "coach-history"
EXPORT_VERSION = 1
ANSWER_FIELDS = (
    "id", "parent_id", "created_at", "question_id", "question_text", "question", "competency",
    "pack_id", "pack_version", "take", "typed", "audio_path", "transcript", "transcript_data",
    "feedback", "settings",
)  # fmt: skip


def session_ids(store: Store, which: str) -> list[int]:
    """``all``, or one session id as typed on the command line."""
    if which == "all":
        return [i for (i,) in store.db.execute("SELECT id FROM sessions ORDER BY started_at, id")]
    if (
        not which.isdigit()
        or store.db.execute("SELECT 1 FROM sessions WHERE id = ?", (int(which),)).fetchone() is None
    ):
        raise UsageError(f"no session {which!r}", hint="`coach history` lists the session ids")
    return [int(which)]


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


def import_json(store: Store, data: Any) -> int:
    """Add the sessions in ``data`` (from :func:`export_json`); returns how many."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise UsageError(
            "this is not a coach history export", hint="use `coach export --format json`"
        )
    if data.get("schema_version") != EXPORT_VERSION:
        raise UsageError(
            f"history export version {data.get('schema_version')!r} is not supported",
            hint=f"this coach reads version {EXPORT_VERSION}",
        )
    try:
        with store.db:  # all or nothing
            for session in data["sessions"]:
                _import_session(store, session)
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"the history export is damaged: {exc!r}") from exc
    return len(data["sessions"])


def _free(store: Store, table: str, row_id: object) -> int | None:
    if not isinstance(row_id, int):
        return None
    taken = store.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return None if taken else row_id


def _import_session(store: Store, session: dict[str, Any]) -> None:
    cursor = store.db.execute(
        "INSERT INTO sessions (id, started_at, pack_id, pack_version, mode) VALUES (?, ?, ?, ?, ?)",
        (
            _free(store, "sessions", session.get("id")),
            float(session["started_at"]),
            session.get("pack_id"),
            session.get("pack_version"),
            str(session["mode"]),
        ),
    )
    session_id = int(cursor.lastrowid or 0)
    new_ids: dict[int, int] = {}
    for answer in session["answers"]:
        parent = answer.get("parent_id")
        values = answer_row(
            session_id,
            answer_id=_free(store, "answers", answer.get("id")),
            parent_id=new_ids.get(parent, parent) if parent is not None else None,
            created_at=float(answer["created_at"]),
            question_id=answer.get("question_id"),
            question_text=visible_controls(str(answer["question_text"])),
            question=answer.get("question"),
            competency=answer.get("competency") or "",
            pack_id=answer.get("pack_id"),
            pack_version=answer.get("pack_version"),
            take=int(answer.get("take", 1)),
            typed=bool(answer.get("typed")),
            audio_path=answer.get("audio_path"),
            transcript=visible_controls(str(answer["transcript"])),
            transcript_data=answer.get("transcript_data"),
            feedback=answer.get("feedback"),
            settings=answer.get("settings"),
        )
        cursor = store.db.execute(answer_insert(values), values)
        if isinstance(answer.get("id"), int):
            new_ids[answer["id"]] = int(cursor.lastrowid or 0)


def export_markdown(store: Store, ids: list[int]) -> str:
    """A report a coach can read: each session, each answer, its feedback in brief."""
    data = export_json(store, ids)
    out = ["# Interview practice report", ""]
    if not data["sessions"]:
        out.append("No sessions yet.")
    for session in data["sessions"]:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(session["started_at"]))
        out += [f"## Session {session['id']}: {when}", ""]
        out.append(f"Pack: {session['pack_id'] or '—'} · mode: {session['mode']}")
        out.append("")
        for answer in session["answers"]:
            out += _answer_markdown(answer)
    return "\n".join(out).rstrip() + "\n"


def _answer_markdown(answer: dict[str, Any]) -> list[str]:
    feedback = answer.get("feedback") or {}
    speech = feedback.get("speech", {})
    prefix = "Follow-up: " if answer.get("parent_id") else ""
    take = f" (take {answer['take']})" if answer.get("take", 1) > 1 else ""
    lines = [f"### {prefix}{_md(answer['question_text'])}{take}", ""]
    marks = " ".join(
        COMPONENT_LETTERS[part] + ("✓" if present else "✗")
        for part, present in parts_present(feedback).items()
    )
    figures = [f"STAR {marks}"]
    if speech.get("wpm"):
        figures.append(f"{speech['wpm']:.0f} wpm")
    fillers = speech.get("fillers", {})
    if fillers.get("per_minute") is not None:
        figures.append(f"{fillers['per_minute']:.1f} fillers/min")
    if feedback.get("duration_s"):
        figures.append(f"{feedback['duration_s']:.0f} s")
    if answer.get("typed"):
        figures.append("typed")
    lines += [" · ".join(figures), "", "> " + _md(answer["transcript"]).replace("\n", "\n> "), ""]
    return lines


def _md(text: str) -> str:
    """User text in Markdown: escape what would turn into markup or HTML."""
    for char in "\\`*_{}[]<>#|":
        text = text.replace(char, "\\" + char)
    return text
