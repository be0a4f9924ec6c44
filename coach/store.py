"""Where practice is kept: one SQLite file in the data dir, private to the user.

Sessions and their answers are written as they happen (each answer in its own
transaction), so quitting mid-session loses nothing already said. The schema is
in :mod:`coach.history.schema` and migrates through ``PRAGMA user_version``.
Plain Python, no Textual.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.analysis.feedback import parts_present
from coach.errors import StorageError
from coach.history.schema import MIGRATIONS
from coach.locations import PRIVATE_FILE_MODE, data_dir, ensure_private_dir

__all__ = ["MIGRATIONS", "Store", "StoredAnswer", "headline"]

ANSWER_COLUMNS = (
    "id, session_id, question_text, transcript, take, typed, audio_path, feedback_json, "
    "parent_id, created_at, question_id, pack_id, pack_version, question_json, competency, "
    "transcript_json, settings_json, star_parts, wpm, fillers_per_min, duration_s"
)


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    id: int
    session_id: int
    question_text: str
    transcript: str
    take: int
    typed: bool
    audio_path: str | None
    feedback: dict[str, Any] | None
    parent_id: int | None
    created_at: float = 0.0
    question_id: str | None = None
    pack_id: str | None = None
    pack_version: str | None = None
    question: dict[str, Any] | None = None
    """The pack question as it was when answered (packs change; history should not)."""
    competency: str = ""
    transcript_data: dict[str, Any] | None = None
    settings: dict[str, Any] | None = None
    star_parts: int | None = None
    wpm: float | None = None
    fillers_per_min: float | None = None
    duration_s: float | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row | tuple[Any, ...]) -> StoredAnswer:
        def loads(text: str | None) -> Any:
            return json.loads(text) if text else None

        return cls(
            id=row[0],
            session_id=row[1],
            question_text=row[2],
            transcript=row[3],
            take=row[4],
            typed=bool(row[5]),
            audio_path=row[6],
            feedback=loads(row[7]),
            parent_id=row[8],
            created_at=row[9],
            question_id=row[10],
            pack_id=row[11],
            pack_version=row[12],
            question=loads(row[13]),
            competency=row[14] or "",
            transcript_data=loads(row[15]),
            settings=loads(row[16]),
            star_parts=row[17],
            wpm=row[18],
            fillers_per_min=row[19],
            duration_s=row[20],
        )


def headline(feedback: dict[str, Any] | None) -> dict[str, Any]:
    """The figures kept in their own columns: STAR parts present, wpm, fillers/min, length."""
    if not feedback:
        return {"star_parts": None, "wpm": None, "fillers_per_min": None, "duration_s": None}
    speech = feedback.get("speech", {})
    return {
        "star_parts": sum(parts_present(feedback).values()),
        "wpm": speech.get("wpm"),
        "fillers_per_min": speech.get("fillers", {}).get("per_minute"),
        "duration_s": feedback.get("duration_s"),
    }


def answer_row(
    session_id: int,
    *,
    question_id: str | None,
    question_text: str,
    transcript: str,
    take: int = 1,
    typed: bool = False,
    audio_path: Path | str | None = None,
    transcript_data: dict[str, Any] | None = None,
    feedback: dict[str, Any] | None = None,
    settings: dict[str, Any] | None = None,
    parent_id: int | None = None,
    question: dict[str, Any] | None = None,
    created_at: float | None = None,
    pack_id: str | None = None,
    pack_version: str | None = None,
    competency: str | None = None,
    answer_id: int | None = None,
) -> dict[str, Any]:
    """One ``answers`` row for :func:`answer_insert`: JSON columns encoded, the
    competency (from the question unless given) and headline figures derived."""

    def dumps(value: dict[str, Any] | None) -> str | None:
        return json.dumps(value) if value else None

    return {
        "id": answer_id,
        "session_id": session_id,
        "parent_id": parent_id,
        "created_at": created_at or time.time(),
        "question_id": question_id,
        "question_text": question_text,
        "take": take,
        "typed": int(typed),
        "audio_path": str(audio_path) if audio_path else None,
        "transcript": transcript,
        "transcript_json": dumps(transcript_data),
        "feedback_json": dumps(feedback),
        "settings_json": dumps(settings),
        "pack_id": pack_id,
        "pack_version": pack_version,
        "question_json": dumps(question),
        "competency": (question or {}).get("competency", "") if competency is None else competency,
        **headline(feedback),
    }


def answer_insert(row: dict[str, Any]) -> str:
    """The INSERT for an :func:`answer_row` (run within the caller's transaction)."""
    return f"INSERT INTO answers ({', '.join(row)}) VALUES ({', '.join(':' + n for n in row)})"


class Store:
    """A connection to the practice database; use from one thread at a time."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "coach.sqlite3"
        ensure_private_dir(self.path.parent)
        try:
            self.path.touch(mode=PRIVATE_FILE_MODE, exist_ok=True)
            self.path.chmod(PRIVATE_FILE_MODE)
            self.db = sqlite3.connect(self.path, check_same_thread=False)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(
                f"cannot open the practice history at {self.path}: {exc}",
                hint="check the data folder's permissions and free space, or set COACH_DATA_DIR",
            ) from exc

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StorageError(
                f"the practice history at {self.path} is from a newer coach "
                f"(schema {version}, this one knows {len(MIGRATIONS)})",
                hint="upgrade coach, or set COACH_DATA_DIR to use another folder",
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            try:  # one transaction per migration: a failed one leaves the file as it was
                self.db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
            except sqlite3.Error:
                self.db.rollback()
                raise

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _write(self, sql: str, params: tuple[Any, ...] | dict[str, Any]) -> int:
        try:
            with self.db:
                cursor = self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise StorageError(
                f"could not save to the practice history: {exc}",
                hint="free disk space; recordings already on disk are kept",
            ) from exc
        return int(cursor.lastrowid or 0)

    def start_session(
        self,
        mode: str,
        pack_id: str | None,
        pack_version: str | None,
        started_at: float | None = None,
    ) -> int:
        return self._write(
            "INSERT INTO sessions (started_at, pack_id, pack_version, mode) VALUES (?, ?, ?, ?)",
            (started_at or time.time(), pack_id, pack_version, mode),
        )

    def add_answer(self, session_id: int, **fields: Any) -> int:
        """Save one answer in its own transaction; ``fields`` as for :func:`answer_row`.
        The answer takes its pack from the session."""
        row = self.db.execute(
            "SELECT pack_id, pack_version FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        pack_id, pack_version = row if row else (None, None)
        values = answer_row(session_id, pack_id=pack_id, pack_version=pack_version, **fields)
        return self._write(answer_insert(values), values)

    def answer(self, answer_id: int) -> StoredAnswer | None:
        row = self.db.execute(
            f"SELECT {ANSWER_COLUMNS} FROM answers WHERE id = ?", (answer_id,)
        ).fetchone()
        return StoredAnswer.from_row(row) if row else None

    def answers(self, session_id: int) -> list[StoredAnswer]:
        rows = self.db.execute(
            f"SELECT {ANSWER_COLUMNS} FROM answers WHERE session_id = ? ORDER BY id",
            (session_id,),
        ).fetchall()
        return [StoredAnswer.from_row(row) for row in rows]

    def update_feedback(
        self, answer_id: int, feedback: dict[str, Any], settings: dict[str, Any]
    ) -> None:
        """Replace an answer's feedback (after re-analysis with the current analysis)."""
        values = {
            "id": answer_id,
            "feedback_json": json.dumps(feedback),
            "settings_json": json.dumps(settings),
            **headline(feedback),
        }
        self._write(
            "UPDATE answers SET feedback_json = :feedback_json, settings_json = :settings_json, "
            "star_parts = :star_parts, wpm = :wpm, fillers_per_min = :fillers_per_min, "
            "duration_s = :duration_s WHERE id = :id",
            values,
        )

    def delete_answer(self, answer_id: int) -> list[Path]:
        """Delete an answer and its recording; returns the audio files removed."""
        return self._delete("SELECT audio_path FROM answers WHERE id = ?", "answers", answer_id)

    def delete_session(self, session_id: int) -> list[Path]:
        """Delete a session, its answers and their recordings."""
        return self._delete(
            "SELECT audio_path FROM answers WHERE session_id = ?", "sessions", session_id
        )

    def _delete(self, audio_query: str, table: str, row_id: int) -> list[Path]:
        paths = [Path(p) for (p,) in self.db.execute(audio_query, (row_id,)) if p]
        self._write(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        removed = []
        for path in paths:  # after the commit: a crash in between leaves files, not holes
            try:
                path.unlink()
                removed.append(path)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise StorageError(
                    f"the answer is deleted but its recording could not be: {exc}",
                    hint=f"remove {path} by hand",
                ) from exc
        return removed

    def close(self) -> None:
        self.db.close()
