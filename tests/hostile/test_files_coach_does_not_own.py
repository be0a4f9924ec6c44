"""coach deletes, truncates, repairs or chmods only regular files it made in its own
data folder, whatever an import, a database row or a link says (issue 11, items 1-6)."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from pathlib import Path

import numpy as np
import pytest

from coach.cli import main
from coach.history.export import export_json, import_json, session_ids
from coach.history.store import NewAnswer, Store
from coach.recovery import find_orphans
from coach.speech.recorder import WavRecorder
from tests.hostile.exports import valid_export, write_export


@pytest.fixture
def precious(tmp_path: Path) -> Path:
    """A file of the user's, outside coach's data folder."""
    path = tmp_path / "elsewhere" / "thesis.wav"
    path.parent.mkdir()
    path.write_bytes(b"RIFF....WAVEfmt my only copy")
    return path


def _recording(data: Path, name: str = "answer-1.wav") -> Path:
    with WavRecorder(data / "recordings" / name) as recorder:
        recorder.write(np.zeros(1600, dtype=np.float32))
    return data / "recordings" / name


@pytest.mark.parametrize("form", ["absolute", "dotdot", "relative-dotdot"])
def test_an_imported_path_outside_recordings_is_dropped_and_never_deleted_or_played(
    form: str,
    precious: Path,
    private_data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    audio = {
        "absolute": str(precious),
        "dotdot": str(private_data_dir / "recordings" / ".." / ".." / "elsewhere" / precious.name),
        "relative-dotdot": "recordings/../../elsewhere/thesis.wav",
    }[form]
    export = write_export(tmp_path / "in.json", valid_export(audio_path=audio))
    assert main(["import", str(export)]) == 0
    err = capsys.readouterr().err
    assert "left out 1 recording" in err

    store = Store()
    (session,) = session_ids(store, "all")
    answer = store.answers(session)[0]
    assert answer.audio_path is None and answer.transcript, "kept without audio"
    assert store.folder.recording(audio) is None, "never opened for playback"
    store.delete_session(session)
    assert precious.read_bytes().endswith(b"my only copy")


def test_a_row_already_pointing_outside_is_never_deleted(
    precious: Path, private_data_dir: Path
) -> None:
    """A database from before this check (or edited by hand) cannot cost a file either."""
    store = Store()
    session = store.start_session("drill", None, None)
    store.add_answer(
        session, NewAnswer(question_id=None, question_text="Q", transcript="t", audio_path=precious)
    )
    link = private_data_dir / "recordings" / "answer-link.wav"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(precious)
    store.add_answer(
        session, NewAnswer(question_id=None, question_text="Q", transcript="t", audio_path=link)
    )
    assert store.folder.recording(link) is None, "a link is never played"
    assert store.delete_session(session) == []
    assert precious.exists() and link.is_symlink()


def test_reimporting_your_own_export_keeps_the_recording_until_the_last_row_goes(
    private_data_dir: Path,
) -> None:
    wav = _recording(private_data_dir)
    data = valid_export(audio_path=str(wav))
    store = Store()
    import_json(store, data)
    import_json(store, json.loads(json.dumps(export_json(store, session_ids(store, "all")))))
    first, second = session_ids(store, "all")
    assert store.delete_session(second) == [], "the first session still uses it"
    assert wav.exists()
    assert store.delete_session(first) == [wav] and not wav.exists()


def test_forget_does_not_follow_a_linked_recordings_folder(
    private_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store().close()
    target = tmp_path / "photos"
    target.mkdir()
    (target / "holiday.wav").write_bytes(b"keep me")
    (private_data_dir / "recordings").symlink_to(target)
    assert main(["forget", "--yes"]) == 0
    assert (target / "holiday.wav").read_bytes() == b"keep me"
    assert not (private_data_dir / "coach.sqlite3").exists()
    assert "left alone 1 item" in capsys.readouterr().err


def test_forget_with_a_folder_inside_recordings_finishes_the_whole_job(
    private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store().close()
    wav = _recording(private_data_dir)
    (private_data_dir / "recordings" / "mine").mkdir()
    (private_data_dir / "recordings" / "mine" / "notes.txt").write_text("user's")
    assert main(["forget", "--yes"]) == 0
    assert not wav.exists() and not (private_data_dir / "coach.sqlite3").exists()
    assert (private_data_dir / "recordings" / "mine" / "notes.txt").read_text() == "user's"
    assert "left alone 1 item" in capsys.readouterr().err


def test_recovery_never_repairs_a_file_through_a_link(
    precious: Path, private_data_dir: Path
) -> None:
    store = Store()
    before = precious.read_bytes(), precious.stat().st_mtime_ns
    (private_data_dir / "recordings").mkdir(exist_ok=True)
    (private_data_dir / "recordings" / "answer-evil.wav").symlink_to(precious)
    assert find_orphans(store) == []
    assert (precious.read_bytes(), precious.stat().st_mtime_ns) == before


def test_a_shared_data_folder_keeps_its_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv("COACH_DATA_DIR", str(shared))
    Store().close()
    wav = _recording(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "recordings").stat().st_mode) == 0o700, "coach made this one"
    assert stat.S_IMODE(wav.stat().st_mode) == 0o600


def test_export_onto_a_pipe_writes_it_without_chmod(tmp_path: Path, private_data_dir: Path) -> None:
    Store().close()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo, 0o644)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert main(["export", "all", "-o", str(fifo)]) == 0
    reader.join(10)
    assert b"Interview practice report" in received[0]
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_IMODE(fifo.stat().st_mode) == 0o644


def test_export_that_fails_midway_leaves_the_previous_file_whole(
    tmp_path: Path,
    private_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    Store().close()
    out = tmp_path / "report.md"
    out.write_text("last week's report")

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # Only the full disk is undone after (monkeypatch.undo() would also undo the private
    # data folder and export the user's own history: the user-folders check caught that).
    with monkeypatch.context() as patch:
        patch.setattr("coach.safe_files.os.fsync", full_disk)
        assert main(["export", "all", "-o", str(out)]) == 1
    assert "No space left" in capsys.readouterr().err
    assert out.read_text() == "last week's report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [], "no temp"

    assert main(["export", "all", "-o", str(out)]) == 0
    assert out.read_text().startswith("# Interview practice report")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_linked_database_is_refused_not_followed(
    precious: Path, private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private_data_dir.mkdir(parents=True)
    (private_data_dir / "coach.sqlite3").symlink_to(precious)
    before = precious.read_bytes(), stat.S_IMODE(precious.stat().st_mode)
    assert main(["history"]) == 1
    assert "not a file coach made" in capsys.readouterr().err
    assert main(["forget", "--yes"]) == 0, "nothing of coach's to forget"
    assert (precious.read_bytes(), stat.S_IMODE(precious.stat().st_mode)) == before


def test_a_damaged_history_can_still_be_forgotten(
    private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private_data_dir.mkdir(parents=True)
    (private_data_dir / "coach.sqlite3").write_bytes(b"not a database, just text " * 100)
    assert main(["history"]) == 1
    assert "move coach.sqlite3 away" in capsys.readouterr().err
    assert main(["forget", "--yes"]) == 0
    assert not (private_data_dir / "coach.sqlite3").exists()
