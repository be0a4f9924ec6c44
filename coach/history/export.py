"""History out and back in: JSON (complete, versioned) and Markdown (a coach's report).

The JSON holds every stored field of every session and answer; importing it into
any store recreates the same records (ids kept where free, links remapped where not).
Audio stays where it is: the JSON names each recording's path.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from coach.analysis.text import visible_controls
from coach.errors import UsageError
from coach.history import queries
from coach.history.import_check import EXPORT_FORMAT, EXPORT_VERSION, check_export
from coach.history.report import PART_NAMES, ReportAnswer, report_sessions
from coach.history.store import Store, StoredAnswer, answer_insert, answer_row

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
        info = queries.session(store, session_id)
        if info is None:  # ids come from session_ids(): a session deleted meanwhile
            continue
        sessions.append(
            {
                "id": session_id,
                "started_at": info.started_at,
                "pack_id": info.pack_id,
                "pack_version": info.pack_version,
                "mode": info.mode,
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
    """A report a coach can read: each session's headline, each answer's transcript
    marked by STAR part, its verdict, figures, fillers by word and what to work on,
    the follow-ups asked and answered, and what to practise next. Every stored text
    is escaped and its control characters made visible."""
    sessions = report_sessions(store, ids)
    out = ["# Interview practice report", ""]
    if not sessions:
        out.append("No sessions yet.")
    for session in sessions:
        out += [f"## Session {session.id}: {session.when}", ""]
        out += [f"Pack: {_md(session.pack)} · mode: {_md(session.mode)}", ""]
        out += [f"**{_md(session.headline)}**", ""]
        for answer in session.answers:
            out += _answer_markdown(answer)
            for follow_up in answer.follow_ups:
                out += _answer_markdown(follow_up)
        if session.practise_next:
            out += ["### Practise next", ""] + [f"- {_md(a)}" for a in session.practise_next]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _answer_markdown(answer: ReportAnswer) -> list[str]:
    prefix = "Follow-up: " if answer.is_follow_up else ""
    take = f" (take {answer.take})" if answer.take > 1 else ""
    lines = [f"### {prefix}{_md(answer.question)}{take}", ""]
    lines += [
        " · ".join(
            [
                f"STAR {answer.verdict}"
                if "✓" in answer.verdict[:2] or "✗" in answer.verdict[:2]
                else answer.verdict,
                *answer.figures,
            ]
        ),
        "",
    ]
    if answer.sentences:
        marked = " ".join(
            (f"**[{PART_NAMES[s.part]}]** " if s.part else "") + _md(s.text)
            for s in answer.sentences
        )
        lines += ["> " + marked.replace("\n", "\n> "), ""]
    else:
        lines += ["> " + _md(answer.transcript).replace("\n", "\n> "), ""]
    if answer.fillers:
        lines += ["Fillers: " + ", ".join(f"{_md(w)} ×{n}" for w, n in answer.fillers), ""]
    if answer.advice:
        lines += ["Work on:", ""] + [f"- {_md(a)}" for a in answer.advice] + [""]
    if others := answer.to_rehearse:
        lines += ["Follow-ups to rehearse:", ""] + [f"- {_md(q)}" for q in others] + [""]
    return lines


def _md(text: object) -> str:
    """User text in Markdown: control characters shown, markup and HTML escaped."""
    text = visible_controls(str(text))
    for char in "\\`*_{}[]<>#|":
        text = text.replace(char, "\\" + char)
    return text
