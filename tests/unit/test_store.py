"""The practice store: private, migrated, and every answer saved as it happens."""

from __future__ import annotations

import stat
from pathlib import Path

from coach.history.store import MIGRATIONS, NewAnswer, Store


def test_answers_are_saved_at_once_and_survive_reopening(tmp_path: Path) -> None:
    store = Store(tmp_path / "data" / "coach.sqlite3")
    session = store.start_session("drill", "customer-service-representative", "1.0")
    first = store.add_answer(
        session,
        NewAnswer(
            question_id="saying-no",
            question_text="Tell me about saying no.",
            transcript="I said no kindly.",
            typed=True,
            feedback={"specific_example": True},
        ),
    )
    store.add_answer(
        session,
        NewAnswer(
            question_id=None,
            question_text="And then?",
            transcript="It worked.",
            parent_id=first,
        ),
    )
    store.close()  # no explicit commit needed: each answer is its own transaction

    reopened = Store(tmp_path / "data" / "coach.sqlite3")
    answers = reopened.answers(session)
    assert [a.transcript for a in answers] == ["I said no kindly.", "It worked."]
    assert answers[0].typed and answers[0].feedback == {"specific_example": True}
    assert answers[1].parent_id == answers[0].id
    assert reopened.schema_version == len(MIGRATIONS)


def test_the_database_is_private(tmp_path: Path) -> None:
    store = Store(tmp_path / "private" / "coach.sqlite3")
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
