"""Where practice is kept: one SQLite file in the data dir, private to the user.

Sessions and their answers are written as they happen (each answer in its own
transaction), so quitting mid-session loses nothing already said. Schema changes
go through ``PRAGMA user_version`` migrations. Plain Python, no Textual.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.errors import StorageError
from coach.locations import PRIVATE_FILE_MODE, data_dir, ensure_private_dir

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at REAL NOT NULL,
        pack_id TEXT,
        pack_version TEXT,
        mode TEXT NOT NULL
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES answers(id) ON DELETE SET NULL,
        created_at REAL NOT NULL,
        question_id TEXT,
        question_text TEXT NOT NULL,
        take INTEGER NOT NULL DEFAULT 1,
        typed INTEGER NOT NULL DEFAULT 0,
        audio_path TEXT,
        transcript TEXT NOT NULL,
        transcript_json TEXT,
        feedback_json TEXT,
        settings_json TEXT
    );
    CREATE INDEX answers_by_session ON answers(session_id);
    """,
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


class Store:
    """A connection to the practice database; use from one thread."""

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
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db:
                self.db.executescript(script)
                self.db.execute(f"PRAGMA user_version = {number}")

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def start_session(self, mode: str, pack_id: str | None, pack_version: str | None) -> int:
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO sessions (started_at, pack_id, pack_version, mode) "
                "VALUES (?, ?, ?, ?)",
                (time.time(), pack_id, pack_version, mode),
            )
        return int(cursor.lastrowid or 0)

    def add_answer(
        self,
        session_id: int,
        *,
        question_id: str | None,
        question_text: str,
        transcript: str,
        take: int = 1,
        typed: bool = False,
        audio_path: Path | None = None,
        transcript_data: dict[str, Any] | None = None,
        feedback: dict[str, Any] | None = None,
        settings: dict[str, Any] | None = None,
        parent_id: int | None = None,
    ) -> int:
        try:
            with self.db:
                cursor = self.db.execute(
                    "INSERT INTO answers (session_id, parent_id, created_at, question_id, "
                    "question_text, take, typed, audio_path, transcript, transcript_json, "
                    "feedback_json, settings_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        session_id,
                        parent_id,
                        time.time(),
                        question_id,
                        question_text,
                        take,
                        int(typed),
                        str(audio_path) if audio_path else None,
                        transcript,
                        json.dumps(transcript_data) if transcript_data else None,
                        json.dumps(feedback) if feedback else None,
                        json.dumps(settings) if settings else None,
                    ),
                )
        except sqlite3.Error as exc:
            raise StorageError(
                f"could not save the answer: {exc}",
                hint="free disk space; the recording itself is already on disk",
            ) from exc
        return int(cursor.lastrowid or 0)

    def answers(self, session_id: int) -> list[StoredAnswer]:
        rows = self.db.execute(
            "SELECT id, session_id, question_text, transcript, take, typed, audio_path, "
            "feedback_json, parent_id FROM answers WHERE session_id = ? ORDER BY id",
            (session_id,),
        ).fetchall()
        return [
            StoredAnswer(
                id=row[0],
                session_id=row[1],
                question_text=row[2],
                transcript=row[3],
                take=row[4],
                typed=bool(row[5]),
                audio_path=row[6],
                feedback=json.loads(row[7]) if row[7] else None,
                parent_id=row[8],
            )
            for row in rows
        ]

    def close(self) -> None:
        self.db.close()
