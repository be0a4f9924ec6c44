"""The history store: migrations, deletion with audio, search, export and import."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from coach.analysis import analyze
from coach.errors import UsageError
from coach.history import queries
from coach.history.export import export_json, export_markdown, import_json, session_ids
from coach.history.schema import MIGRATIONS
from coach.history.store import NewAnswer, Store

FULL = (
    "Last spring a customer's order was lost before her daughter's birthday. My job was to "
    "get it to her in time. I called the warehouse and paid for express delivery myself. It "
    "arrived the next morning and she gave us five stars. I learned to check tracking first."
)
HALF = (
    "Last spring a customer rang because her order for her little girl's party had gone "
    "missing somewhere between our warehouse and her house. I called the warehouse, found "
    "the parcel on a shelf, and paid for express delivery myself so it would still make it."
)


def _fill(store: Store, audio_dir: Path) -> tuple[int, list[int]]:
    session = store.start_session("mock", "cs-pack", "1.2", started_at=1_700_000_000)
    ids = []
    for take, text in enumerate((HALF, FULL), start=1):
        (audio_dir / "recordings").mkdir(parents=True, exist_ok=True)
        audio = audio_dir / "recordings" / f"take{take}.wav"
        audio.write_bytes(b"RIFF")
        ids.append(
            store.add_answer(
                session,
                NewAnswer(
                    question_id="lost-order",
                    question_text="Tell me about a lost order.",
                    question={"id": "lost-order", "competency": "Ownership", "difficulty": "easy"},
                    transcript=text,
                    take=take,
                    audio_path=audio,
                    transcript_data={"text": text, "segments": []},
                    feedback=analyze(text).to_dict(),
                    settings={"target_wpm": [130, 160]},
                    created_at=1_700_000_000 + take,
                ),
            )
        )
    ids.append(
        store.add_answer(
            session,
            NewAnswer(
                question_id=None,
                question_text="What would you do differently?",
                transcript="I would check the <b>[tracking]</b> first.",
                parent_id=ids[-1],
                typed=True,
                feedback=analyze("I would check the tracking first.").to_dict(),
                created_at=1_700_000_010,
            ),
        )
    )
    return session, ids


def test_a_new_database_is_created_at_the_latest_schema(tmp_path: Path) -> None:
    store = Store(tmp_path / "coach.sqlite3")
    assert store.schema_version == len(MIGRATIONS) == 2
    assert store.db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert store.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


@pytest.mark.parametrize("version", range(1, len(MIGRATIONS)))
def test_every_earlier_schema_migrates_and_keeps_its_answers(tmp_path: Path, version: int) -> None:
    path = tmp_path / "coach.sqlite3"
    old = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        old.executescript(script)
    old.execute(f"PRAGMA user_version = {version}")
    old.execute(
        "INSERT INTO sessions (id, started_at, pack_id, pack_version, mode) "
        "VALUES (1, 1.0, 'cs-pack', '1.0', 'drill')"
    )
    feedback = analyze(FULL).to_dict()
    old.execute(
        "INSERT INTO answers (session_id, created_at, question_id, question_text, transcript, "
        "feedback_json) VALUES (1, 2.0, 'lost-order', 'Tell me about a lost order.', ?, ?)",
        (FULL, json.dumps(feedback)),
    )
    old.commit()
    old.close()

    store = Store(path)
    assert store.schema_version == len(MIGRATIONS)
    (answer,) = store.answers(1)
    assert answer.transcript == FULL and answer.feedback == feedback
    assert answer.pack_id == "cs-pack", "the pack moved from the session onto the answer"
    assert answer.star_parts == 5 and answer.wpm is None
    assert [hit.answer_id for hit in queries.search(store, "warehouse")] == [answer.id]


def test_a_database_from_a_newer_coach_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "coach.sqlite3"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(Exception, match="newer coach"):
        Store(path)


def test_deleting_an_answer_or_a_session_removes_its_recordings(tmp_path: Path) -> None:
    store = Store(tmp_path / "coach.sqlite3")
    session, ids = _fill(store, tmp_path)
    removed = store.delete_answer(ids[0])
    assert removed == [tmp_path / "recordings" / "take1.wav"] and not removed[0].exists()
    assert [a.id for a in store.answers(session)] == ids[1:]
    assert queries.search(store, "express") == [
        h for h in queries.search(store, "express") if h.answer_id == ids[1]
    ]
    store.delete_session(session)
    assert not (tmp_path / "recordings" / "take2.wav").exists()
    assert store.db.execute("SELECT count(*) FROM answers").fetchone() == (0,)
    assert queries.search(store, "warehouse") == [], "the search index forgets them too"


def test_search_finds_words_and_prefixes_and_treats_input_as_text(tmp_path: Path) -> None:
    store = Store(tmp_path / "coach.sqlite3")
    _session, ids = _fill(store, tmp_path)
    assert {h.answer_id for h in queries.search(store, "warehouse express")} == set(ids[:2])
    assert [h.answer_id for h in queries.search(store, "birth")] == [ids[1]]  # prefix
    hit = queries.search(store, "tracking differently")[0]
    assert hit.answer_id == ids[2] and "[tracking]" in hit.snippet
    for hostile in ('"', "NEAR(", "a OR", "*", "-x", "'); DROP TABLE answers; --"):
        queries.search(store, hostile)  # never an FTS syntax error
    assert queries.search(store, "  ") == []


def test_takes_progress_and_weak_spots(tmp_path: Path) -> None:
    store = Store(tmp_path / "coach.sqlite3")
    session, ids = _fill(store, tmp_path)
    first = store.answer(ids[0])
    assert first is not None
    assert [a.take for a in queries.takes(store, first)] == [1, 2]
    points = queries.progress(store)
    assert [p.star_parts for p in points] == [first.star_parts, 5], "follow-ups left out"
    assert queries.progress(store, "Ownership")[0].competency == "Ownership"
    assert queries.weak_spots(store) == [], "the latest take of the question was complete"
    store.delete_answer(ids[1])
    (spot,) = queries.weak_spots(store)
    assert spot.question_id == "lost-order" and "result" in spot.missing
    (row,) = queries.sessions(store)
    assert (row.id, row.answers, row.questions, row.mode) == (session, 2, 2, "mock")
    assert queries.sessions(store, queries.HistoryFilter(pack_id="other")) == []
    later = store.start_session("drill", "cs-pack", "1.2", started_at=1_800_000_000)
    assert [r.id for r in queries.sessions(store, limit=1)] == [later], "newest first"
    assert [r.id for r in queries.sessions(store, limit=1, offset=1)] == [session]
    assert [r.id for r in queries.sessions(store, queries.HistoryFilter(since=1.75e9))] == [later]


def test_json_export_then_import_recreates_the_same_records(tmp_path: Path) -> None:
    source = Store(tmp_path / "a" / "coach.sqlite3")
    _fill(source, tmp_path / "b")  # the recordings already copied to the new machine's folder
    _fill(source, tmp_path / "b")
    exported = export_json(source, session_ids(source, "all"))
    text = json.dumps(exported)  # it is plain JSON

    target = Store(tmp_path / "b" / "coach.sqlite3")
    assert import_json(target, json.loads(text)).sessions == 2
    again = export_json(target, session_ids(target, "all"))
    assert again["sessions"] == exported["sessions"]
    assert {h.answer_id for h in queries.search(target, "warehouse")} == {
        h.answer_id for h in queries.search(source, "warehouse")
    }

    import_json(target, json.loads(text))  # a second import: new ids, links kept
    assert len(session_ids(target, "all")) == 4
    last = target.answers(session_ids(target, "all")[-1])
    assert last[2].parent_id == last[1].id
    with pytest.raises(UsageError, match="not a coach history export"):
        import_json(target, {"sessions": []})


def test_markdown_report_is_readable_and_escapes_user_text(tmp_path: Path) -> None:
    store = Store(tmp_path / "coach.sqlite3")
    session, _ids = _fill(store, tmp_path)
    report = export_markdown(store, [session])
    assert report.startswith("# Interview practice report")
    assert "### Tell me about a lost order. (take 2)" in report
    assert "S✓ T✓ A✓ R✓ L✓" in report
    assert "\\<b\\>\\[tracking\\]\\</b\\>" in report
    with pytest.raises(UsageError, match="no session"):
        session_ids(store, "99")
