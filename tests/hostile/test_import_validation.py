"""`coach import` reads untrusted JSON: every bad file is one line and exit 2, nothing is
written, and nothing in it can later crash the history (issue 11, items 9-11)."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.cli import main
from coach.history.store import Store
from tests.hostile.exports import valid_export, write_export

ESCAPE = "\x1b]0;pwned\x07\x1b[2J"


def _answer(data: dict[str, Any], index: int = 0) -> dict[str, Any]:
    answer: dict[str, Any] = data["sessions"][0]["answers"][index]
    return answer


def _set(path: str, value: Any) -> dict[str, Any]:
    """``valid_export()`` with one field (``session.x`` or ``answer.x.y``) replaced."""
    data = valid_export()
    where, *keys = path.split(".")
    target = data["sessions"][0] if where == "session" else _answer(data)
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = value
    return data


BAD = {
    "sessions is an object": {**valid_export(), "sessions": {"a": 1}},
    "a session is a list": {**valid_export(), "sessions": [[1, 2]]},
    "answers is text": _set("session.answers", "none"),
    "started_at 1e300": _set("session.started_at", 1e300),
    "started_at -1e18": _set("session.started_at", -1e18),
    "started_at text": _set("session.started_at", "yesterday"),
    "created_at true": _set("answer.created_at", True),
    "session id a list": _set("session.id", [1]),
    "answer id 2**63": _set("answer.id", 2**63),
    "answer id 0": _set("answer.id", 0),
    "unknown parent_id": _set("answer.parent_id", 999),
    "mode a number": _set("session.mode", 5),
    "question a list": _set("answer.question", ["x"]),
    "question areas a number": _set("answer.question.areas_to_cover", 3),
    "transcript_data words text": _set("answer.transcript_data.segments", "words"),
    "word time 1e300": _set(
        "answer.transcript_data.segments", [{"words": [{"start": 0, "end": 1e300, "word": "x"}]}]
    ),
    "silences not pairs": _set("answer.transcript_data.silences", [1, 2]),
    "settings text": _set("answer.settings", "fast"),
    "settings NaN-like": _set("answer.settings", {"target_wpm": ["nan", 1]}),
    "settings zero window": _set("answer.settings", {"rate_window_s": 0}),
    "settings unknown": _set("answer.settings", {"speed": 3}),
    "wpm text": _set("answer.feedback.speech.wpm", "fast"),
    "star a list": _set("answer.feedback.star", [1]),
    "filler count text": _set("answer.feedback.speech.fillers.count", "many"),
    "transcript missing": _set("answer.transcript", None),
    "take 10**9": _set("answer.take", 10**9),
    "typed text": _set("answer.typed", "yes"),
    "format missing": {"sessions": []},
    "version 2": {**valid_export(), "schema_version": 2},
    "a list at the top": [1, 2, 3],
}


def _import(tmp_path: Path, content: Any, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = write_export(tmp_path / "in.json", content)
    code = main(["import", str(path)])
    return code, capsys.readouterr().err


def _count() -> int:
    store = Store()
    try:
        return int(store.db.execute("SELECT count(*) FROM sessions").fetchone()[0])
    finally:
        store.close()


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_export_is_one_line_and_exit_2_and_nothing_is_written(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _import(tmp_path, BAD[case], capsys)
    assert code == 2, err
    assert err.startswith("coach: error: ") and "Traceback" not in err
    assert _count() == 0


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "coach-history", "schema_version": 1, "sessions": [NaN]}',
        "[" * 100_000 + "]" * 100_000,
        "Infinity",
        "{not json",
        "\xff\xfe",
    ],
    ids=["NaN", "deep", "Infinity", "broken", "binary"],
)
def test_unparsable_exports_are_refused_cleanly(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _import(tmp_path, text, capsys)
    assert code == 2 and "Traceback" not in err and err.count("\n") <= 2


def test_dev_zero_and_a_pipe_are_refused_without_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "/dev/zero"]) == 2
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    done = threading.Event()
    result: list[int] = []

    def run() -> None:
        result.append(main(["import", str(fifo)]))
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(10), "importing a pipe must not wait for a writer"
    assert result == [2] and "not a regular file" in capsys.readouterr().err


def test_imported_escapes_and_markup_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _set("session.mode", "mock" + ESCAPE)
    data["sessions"][0]["pack_id"] = "[bold]ops" + ESCAPE
    _answer(data)["question_text"] = "Q" + ESCAPE
    assert _import(tmp_path, data, capsys)[0] == 0
    for command in (["history"], ["export", "all"], ["history", "--search", "customer"]):
        assert main(command) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out, command
        assert "pwned" in out and "^" in out, command  # shown, not run


def test_a_poisoned_database_still_lists_exports_and_reviews(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Values no import lets in now, written straight into the file by an older coach or
    by hand: the history still opens."""
    Store().close()
    assert _import(tmp_path, valid_export(), capsys)[0] == 0
    db = sqlite3.connect(Store().path)
    db.execute("UPDATE sessions SET started_at = 1e300, mode = 7")
    db.execute(
        "UPDATE answers SET created_at = -1e18, wpm = 'fast', duration_s = 'long', "
        "question_json = '[1]', transcript_json = '{\"segments\": 5}', settings_json = '\"x\"', "
        'feedback_json = \'{"speech": {"wpm": "fast"}, "star": []}\''
    )
    db.commit()
    db.close()
    assert main(["history"]) == 0 and "unknown date" in capsys.readouterr().out
    assert main(["export", "all"]) == 0
    assert main(["export", "all", "--format", "json"]) == 0
    from coach.history.reanalyse import feedback_for

    store = Store()
    for (answer_id,) in store.db.execute("SELECT id FROM answers").fetchall():
        answer = store.answer(answer_id)
        assert answer is not None
        feedback_for(answer)  # what the review screen shows


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=20,
    )


FIELDS = sorted(
    {
        *_answer(valid_export()),
        "session.started_at",
        "session.mode",
        "session.id",
        "session.pack_id",
        "session.answers",
    }
)


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(FIELDS), value=_json_values(), whole=_json_values())
def test_any_json_in_gives_exit_0_or_2_and_a_history_that_opens(
    field: str, value: Any, whole: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hypothesis: a valid export with one field replaced by any JSON, and any JSON at
    all. Never a traceback; nothing outside the data folder is touched; the history
    still lists and exports."""
    outside = tmp_path / "outside.wav"
    outside.write_bytes(b"user data")
    data = copy.deepcopy(valid_export(audio_path=str(outside)))
    if field.startswith("session."):
        data["sessions"][0][field.split(".")[1]] = value
    else:
        _answer(data)[field] = value
    for content in (data, whole):
        try:
            text = json.dumps(content)
        except ValueError:  # NaN is not JSON at all; the parser test covers it
            continue
        code, err = _import(tmp_path, text, capsys)
        assert code in (0, 2) and "Traceback" not in err
        assert main(["history"]) == 0 and main(["export", "all"]) == 0
        capsys.readouterr()
    store = Store()
    for (session,) in store.db.execute("SELECT id FROM sessions").fetchall():
        store.delete_session(session)
    store.close()
    assert outside.read_bytes() == b"user data"
