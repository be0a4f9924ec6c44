"""The history database's schema, one migration per ``PRAGMA user_version``.

Migrations only ever append: version N's script turns a version N-1 database into
version N, so a file from any earlier release opens. Tests build each earlier
version and migrate it.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: sessions and their answers.
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
    # 2: each answer keeps its pack, a snapshot of the question and headline figures
    #    (for the history list and progress charts without parsing JSON), and its
    #    transcript is searchable (FTS5, kept in step by triggers).
    """
    ALTER TABLE answers ADD COLUMN pack_id TEXT;
    ALTER TABLE answers ADD COLUMN pack_version TEXT;
    ALTER TABLE answers ADD COLUMN question_json TEXT;
    ALTER TABLE answers ADD COLUMN competency TEXT NOT NULL DEFAULT '';
    ALTER TABLE answers ADD COLUMN star_parts INTEGER;
    ALTER TABLE answers ADD COLUMN wpm REAL;
    ALTER TABLE answers ADD COLUMN fillers_per_min REAL;
    ALTER TABLE answers ADD COLUMN duration_s REAL;
    UPDATE answers SET
        pack_id = (SELECT pack_id FROM sessions WHERE sessions.id = answers.session_id),
        pack_version = (SELECT pack_version FROM sessions WHERE sessions.id = answers.session_id),
        star_parts = (
            SELECT count(*) FROM json_each(answers.feedback_json, '$.star')
            WHERE json_extract(json_each.value, '$.present')
        ),
        wpm = json_extract(feedback_json, '$.speech.wpm'),
        fillers_per_min = json_extract(feedback_json, '$.speech.fillers.per_minute'),
        duration_s = json_extract(feedback_json, '$.duration_s')
    WHERE feedback_json IS NOT NULL AND json_valid(feedback_json);
    CREATE INDEX answers_by_time ON answers(created_at);
    CREATE INDEX answers_by_question ON answers(question_id, created_at);
    CREATE INDEX answers_by_parent ON answers(parent_id);
    CREATE INDEX answers_by_competency ON answers(competency);
    CREATE INDEX sessions_by_time ON sessions(started_at);
    CREATE VIRTUAL TABLE answers_fts USING fts5(
        question_text, transcript, content='answers', content_rowid='id',
        tokenize='porter unicode61'
    );
    INSERT INTO answers_fts(answers_fts) VALUES ('rebuild');
    CREATE TRIGGER answers_fts_insert AFTER INSERT ON answers BEGIN
        INSERT INTO answers_fts(rowid, question_text, transcript)
        VALUES (new.id, new.question_text, new.transcript);
    END;
    CREATE TRIGGER answers_fts_delete AFTER DELETE ON answers BEGIN
        INSERT INTO answers_fts(answers_fts, rowid, question_text, transcript)
        VALUES ('delete', old.id, old.question_text, old.transcript);
    END;
    CREATE TRIGGER answers_fts_update AFTER UPDATE OF question_text, transcript ON answers
    BEGIN
        INSERT INTO answers_fts(answers_fts, rowid, question_text, transcript)
        VALUES ('delete', old.id, old.question_text, old.transcript);
        INSERT INTO answers_fts(rowid, question_text, transcript)
        VALUES (new.id, new.question_text, new.transcript);
    END;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
