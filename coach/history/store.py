"""Where practice is kept: one SQLite file in the data dir, private to the user.

Sessions and their answers are written as they happen (each answer in its own
transaction), so quitting mid-session loses nothing already said. The schema is
in :mod:`coach.history.schema` and migrates through ``PRAGMA user_version``.
Plain Python, no Textual.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.analysis.feedback import parts_present
from coach.errors import StorageError
from coach.history.schema import MIGRATIONS
from coach.locations import data_dir, ensure_private_dir
from coach.safe_files import PRIVATE_FILE_MODE, DataFolder, create_private

__all__ = ["MIGRATIONS", "Store", "StoredAnswer", "headline"]

BUSY_TIMEOUT_S = 5.0
"""How long a write waits for another coach (or an import) holding the database."""
BUSY_HINT = (
    "another coach or an import is writing to the history; try again in a moment "
    "(nothing you said is lost)"
)

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
        """One row, read as untrusted: a field of the wrong type reads as empty."""
        return cls(
            id=row[0],
            session_id=row[1],
            question_text=_text(row[2]),
            transcript=_text(row[3]),
            take=row[4] if isinstance(row[4], int) else 1,
            typed=bool(row[5]),
            audio_path=row[6] if isinstance(row[6], str) else None,
            feedback=json_object(row[7]),
            parent_id=row[8] if isinstance(row[8], int) else None,
            created_at=finite(row[9]) or 0.0,
            question_id=_text(row[10]) or None,
            pack_id=_text(row[11]) or None,
            pack_version=_text(row[12]) or None,
            question=json_object(row[13]),
            competency=_text(row[14]),
            transcript_data=json_object(row[15]),
            settings=json_object(row[16]),
            star_parts=row[17] if isinstance(row[17], int) else None,
            wpm=finite(row[18]),
            fillers_per_min=finite(row[19]),
            duration_s=finite(row[20]),
        )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def finite(value: object) -> float | None:
    """``value`` as a float if it is a finite number (not a string, bool or NaN)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def as_mapping(value: object) -> dict[str, Any]:
    """``value`` if it is an object (a stored JSON field read by key), else ``{}``."""
    return value if isinstance(value, dict) else {}


def json_object(text: object) -> dict[str, Any] | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def headline(feedback: dict[str, Any] | None) -> dict[str, Any]:
    """The figures kept in their own columns: STAR parts present, wpm, fillers/min, length."""
    if not feedback:
        return {"star_parts": None, "wpm": None, "fillers_per_min": None, "duration_s": None}
    speech = feedback.get("speech")
    speech = speech if isinstance(speech, dict) else {}
    fillers = speech.get("fillers")
    fillers = fillers if isinstance(fillers, dict) else {}
    # A follow-up or a too-short answer was not judged as a story: no STAR figure, so
    # it neither lowers the averages nor shows as 0/5.
    judged = feedback.get("checklist", "full") == "full"
    return {
        "star_parts": sum(parts_present(feedback).values()) if judged else None,
        "wpm": finite(speech.get("wpm")),
        "fillers_per_min": finite(fillers.get("per_minute")),
        "duration_s": finite(feedback.get("duration_s")),
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


@dataclass(frozen=True, slots=True)
class NewAnswer:
    """One answer to save (:meth:`Store.add_answer`); the store adds the session's pack,
    the time and the headline figures."""

    question_text: str
    transcript: str
    question_id: str | None = None
    question: dict[str, Any] | None = None
    """The pack question as it was asked (:meth:`coach.packs.Question.to_dict`)."""
    parent_id: int | None = None
    """The answer a follow-up follows."""
    take: int = 1
    typed: bool = False
    audio_path: Path | None = None
    transcript_data: dict[str, Any] | None = None
    feedback: dict[str, Any] | None = None
    settings: dict[str, Any] | None = None
    created_at: float | None = None
    """Now, unless the answer comes from elsewhere (test data, a benchmark)."""


def answer_insert(row: dict[str, Any]) -> str:
    """The INSERT for an :func:`answer_row` (run within the caller's transaction)."""
    return f"INSERT INTO answers ({', '.join(row)}) VALUES ({', '.join(':' + n for n in row)})"


class Store:
    """A connection to the practice database; use from one thread at a time."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "coach.sqlite3"
        ensure_private_dir(self.path.parent)
        self.folder = DataFolder.at(self.path.parent)
        """The data folder: the only place this store ever deletes a recording."""
        try:
            _own_database_file(self.path)
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                hint = BUSY_HINT
            elif isinstance(exc, sqlite3.DatabaseError) and "not a database" in str(exc):
                hint = f"it is damaged or not coach's: move {self.path.name} away and coach "
                hint += "starts a new history, or run `coach forget`"
            else:
                hint = "check the data folder's permissions and free space, or set COACH_DATA_DIR"
            raise StorageError(
                f"cannot open the practice history at {self.path}: {exc}", hint=hint
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

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction, all or nothing; a database error is a :class:`StorageError`."""
        try:
            with self.db:
                yield self.db
        except sqlite3.Error as exc:
            busy = isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
            raise StorageError(
                f"could not save to the practice history: {exc}",
                hint=BUSY_HINT if busy else "free disk space; recordings already on disk are kept",
            ) from exc

    def _write(self, sql: str, params: tuple[Any, ...] | dict[str, Any]) -> int:
        with self.transaction() as db:
            cursor = db.execute(sql, params)
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

    def add_answer(self, session_id: int, answer: NewAnswer) -> int:
        """Save one answer in its own transaction; it takes its pack from the session."""
        row = self.db.execute(
            "SELECT pack_id, pack_version FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        pack_id, pack_version = row if row else (None, None)
        fields = {name: getattr(answer, name) for name in NewAnswer.__dataclass_fields__}
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

    def update_transcript(
        self,
        answer_id: int,
        transcript: str,
        transcript_data: dict[str, Any],
        feedback: dict[str, Any],
    ) -> None:
        """Replace an answer's transcript and its feedback (the whole-recording pass)."""
        values = {
            "id": answer_id,
            "transcript": transcript,
            "transcript_json": json.dumps(transcript_data),
            "feedback_json": json.dumps(feedback),
            **headline(feedback),
        }
        self._write(
            "UPDATE answers SET transcript = :transcript, transcript_json = :transcript_json, "
            "feedback_json = :feedback_json, star_parts = :star_parts, wpm = :wpm, "
            "fillers_per_min = :fillers_per_min, duration_s = :duration_s WHERE id = :id",
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
        """Delete the rows, then the recordings that are coach's own files in
        ``recordings/`` and that no remaining answer still points to (an imported
        path outside the data folder, or one shared with another row, stays)."""
        names = {self.folder.recording_name(p) for (p,) in self.db.execute(audio_query, (row_id,))}
        self._write(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        removed = []
        for name in sorted(n for n in names if n):  # after the commit: a crash leaves files
            if not self.references(name) and self.folder.remove_recording(name):
                removed.append(self.folder.recordings / name)
        return removed

    def references(self, name: str) -> bool:
        """Whether any answer still points to the recording ``recordings/NAME``."""
        pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.db.execute(
            "SELECT audio_path FROM answers WHERE audio_path LIKE ? ESCAPE '\\'", (pattern,)
        )
        return any(self.folder.recording_name(path) == name for (path,) in rows)

    def answer_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM answers").fetchone()[0])

    def recording_names(self) -> set[str]:
        """Every recording in ``recordings/`` the history points to."""
        rows = self.db.execute("SELECT audio_path FROM answers WHERE audio_path IS NOT NULL")
        return {n for (p,) in rows if (n := self.folder.recording_name(p))}

    def close(self) -> None:
        self.db.close()


def _own_database_file(path: Path) -> None:
    """Create the database file (0600), or check an existing one is a regular file of
    this user; a link or a device in its place is refused, never followed."""
    for side in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISREG(os.lstat(side).st_mode):
                raise StorageError(
                    f"{side} is not a file coach made (a link?)",
                    hint="move it away, or set COACH_DATA_DIR to another folder",
                )
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        with contextlib.suppress(FileExistsError), create_private(path):
            pass
        return
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        raise StorageError(
            f"the practice history {path} is not a file coach made (a link or a device?)",
            hint="move it away, or set COACH_DATA_DIR to another folder",
        )
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, PRIVATE_FILE_MODE)
