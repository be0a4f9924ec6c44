"""Questions asked of the history: sessions at a glance, search, takes, progress, weak spots.

Every query is indexed (sessions by time, answers by session, question and time,
full-text by FTS5) so the screens stay fast with tens of thousands of answers.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from coach.analysis.feedback import parts_present
from coach.history.store import ANSWER_COLUMNS, Store, StoredAnswer, finite, json_object


def when(stamp: object) -> str:
    """A stored time as ``YYYY-MM-DD HH:MM``; a time no calendar can show (an edited or
    imported ``1e300``) reads as ``unknown date`` instead of crashing the history."""
    seconds = finite(stamp)
    if seconds is None:
        return "unknown date"
    try:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))
    except (OverflowError, OSError, ValueError):
        return "unknown date"


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    pack_id: str | None = None
    competency: str | None = None
    since: float | None = None
    until: float | None = None


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    started_at: float
    pack_id: str | None
    mode: str
    answers: int
    questions: int
    star_parts: float | None
    """Average STAR parts present (of 5) over the session's main answers."""
    wpm: float | None
    fillers_per_min: float | None


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: int
    started_at: float
    pack_id: str | None
    pack_version: str | None
    mode: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    answer_id: int
    session_id: int
    created_at: float
    question_text: str
    snippet: str
    """The matching words wrapped in ``[`` ``]``; plain text, never markup."""


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    created_at: float
    competency: str
    star_parts: int | None
    wpm: float | None
    fillers_per_min: float | None
    duration_s: float | None


@dataclass(frozen=True, slots=True)
class WeakSpot:
    question_id: str
    pack_id: str | None
    question_text: str
    missing: tuple[str, ...]
    answered_at: float


def sessions(
    store: Store, where: HistoryFilter | None = None, limit: int = 100, offset: int = 0
) -> list[SessionRow]:
    """Sessions newest first with a glance at their results, a page at a time."""
    where = where or HistoryFilter()
    clauses: list[str] = ["1"]
    params: list[object] = []
    if where.pack_id:
        clauses.append("s.pack_id = ?")
        params.append(where.pack_id)
    if where.since is not None:
        clauses.append("s.started_at >= ?")
        params.append(where.since)
    if where.until is not None:
        clauses.append("s.started_at < ?")
        params.append(where.until)
    if where.competency:
        clauses.append(
            "EXISTS (SELECT 1 FROM answers c WHERE c.session_id = s.id AND c.competency = ?)"
        )
        params.append(where.competency)
    rows = store.db.execute(
        f"""
        SELECT s.id, s.started_at, s.pack_id, s.mode,
               count(a.id),
               count(DISTINCT coalesce(a.question_id, a.question_text)),
               avg(CASE WHEN a.parent_id IS NULL THEN a.star_parts END),
               avg(a.wpm), avg(a.fillers_per_min)
        FROM (SELECT * FROM sessions s WHERE {" AND ".join(clauses)}
              ORDER BY s.started_at DESC, s.id DESC LIMIT ? OFFSET ?) AS s
        LEFT JOIN answers a ON a.session_id = s.id
        GROUP BY s.id ORDER BY s.started_at DESC, s.id DESC
        """,
        (*params, limit, offset),
    ).fetchall()
    return [SessionRow(*row) for row in rows]


def session(store: Store, session_id: int) -> SessionInfo | None:
    """One session's own fields (its answers are :meth:`Store.answers`)."""
    row = store.db.execute(
        "SELECT id, started_at, pack_id, pack_version, mode FROM sessions WHERE id = ?",
        (session_id,),
    ).fetchone()
    return SessionInfo(*row) if row else None


def fts_query(text: str) -> str | None:
    """User words as a safe FTS5 query: every word must appear (prefixes match)."""
    words = re.findall(r"\w+", text.lower())
    return " ".join(f'"{word}"*' for word in words[:12]) or None


def search(store: Store, text: str, limit: int = 50) -> list[SearchHit]:
    """Answers whose transcript or question contains all of ``text``'s words, newest first."""
    query = fts_query(text)
    if query is None:
        return []
    rows = store.db.execute(
        """
        SELECT a.id, a.session_id, a.created_at, a.question_text,
               snippet(answers_fts, 1, '[', ']', '…', 12)
        FROM answers_fts JOIN answers a ON a.id = answers_fts.rowid
        WHERE answers_fts MATCH ? ORDER BY a.created_at DESC LIMIT ?
        """,
        (query, limit),
    ).fetchall()
    return [SearchHit(*row) for row in rows]


def takes(store: Store, answer: StoredAnswer) -> list[StoredAnswer]:
    """Every take of ``answer``'s question (same pack question, or same follow-up text)."""
    if answer.question_id is not None:
        same = "question_id = ? AND pack_id IS ?"
        params: tuple[object, ...] = (answer.question_id, answer.pack_id)
    else:
        same = "question_id IS NULL AND question_text = ?"
        params = (answer.question_text,)
    sql = f"SELECT {ANSWER_COLUMNS} FROM answers WHERE {same} ORDER BY created_at"
    return [StoredAnswer.from_row(row) for row in store.db.execute(sql, params)]


def progress(store: Store, competency: str | None = None) -> list[ProgressPoint]:
    """Main answers (not follow-ups) with their headline figures, oldest first."""
    sql = (
        "SELECT created_at, competency, star_parts, wpm, fillers_per_min, duration_s "
        "FROM answers WHERE parent_id IS NULL AND feedback_json IS NOT NULL"
    )
    params: tuple[object, ...] = ()
    if competency:
        sql += " AND competency = ?"
        params = (competency,)
    return [ProgressPoint(*row) for row in store.db.execute(sql + " ORDER BY created_at", params)]


def competencies(store: Store) -> list[str]:
    return [
        c
        for (c,) in store.db.execute(
            "SELECT DISTINCT competency FROM answers WHERE competency != '' ORDER BY 1"
        )
    ]


def pack_ids(store: Store) -> list[str]:
    return [
        p
        for (p,) in store.db.execute(
            "SELECT DISTINCT pack_id FROM sessions WHERE pack_id IS NOT NULL ORDER BY 1"
        )
    ]


def weak_spots(store: Store, limit: int = 10) -> list[WeakSpot]:
    """Pack questions whose latest take lacked a STAR part: the next thing to practise."""
    rows = store.db.execute(
        """
        SELECT a.question_id, a.pack_id, a.question_text, a.feedback_json, a.created_at
        FROM answers a
        JOIN (SELECT question_id, pack_id, max(created_at) AS latest FROM answers
              WHERE question_id IS NOT NULL AND feedback_json IS NOT NULL
              GROUP BY question_id, pack_id) last
          ON a.question_id = last.question_id AND a.pack_id IS last.pack_id
         AND a.created_at = last.latest
        WHERE a.star_parts IS NULL OR a.star_parts < 5
        ORDER BY a.star_parts, a.created_at DESC LIMIT ?
        """,
        (limit,),
    ).fetchall()
    spots = []
    for question_id, pack_id, text, feedback_json, created_at in rows:
        feedback = json_object(feedback_json) or {}
        if feedback.get("checklist", "full") != "full":  # too short to judge as a story
            missing: tuple[str, ...] = ("a whole story (the take was too short to judge)",)
        else:
            present = parts_present(feedback)
            missing = tuple(part for part, found in present.items() if not found)
        spots.append(WeakSpot(question_id, pack_id, text, missing, created_at))
    return spots
