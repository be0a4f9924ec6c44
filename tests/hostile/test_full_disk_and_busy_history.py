"""A full disk or a second writer never costs the words already said or typed (items 7-8)."""

from __future__ import annotations

import errno
import io
import os
import sqlite3
from pathlib import Path
from typing import IO, Any

import numpy as np
import pytest
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from coach.app import CoachApp, make_app
from coach.backends import Backends
from coach.cli import main
from coach.errors import StorageError
from coach.history.store import Store
from coach.recovery import find_orphans, recover
from coach.speech.recorder import WavRecorder
from coach.speech.sources import FileSource
from tests.conftest import shared_clip
from tests.functional.waiting import wait_for
from tests.hostile.exports import STORY, valid_export, write_export


class FullDisk(io.RawIOBase):
    """A real file on a disk that fills up at ``budget`` bytes: every write past it
    fails with ENOSPC, including the flush a buffered file makes when it is closed."""

    def __init__(self, path: Path, budget: int) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self.budget = budget

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.budget:
            raise OSError(errno.ENOSPC, "No space left on device")
        return os.write(self.fd, data)

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return os.lseek(self.fd, offset, whence)

    def tell(self) -> int:
        return os.lseek(self.fd, 0, os.SEEK_CUR)

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()


def _full_disk_after(budget: int):  # type: ignore[no-untyped-def]
    def create(path: Path, mode: str = "wb", **_kwargs: Any) -> IO[bytes]:
        return io.BufferedWriter(FullDisk(path, budget), buffer_size=8192)

    return create


def test_a_recorder_whose_file_fails_again_on_close_raises_one_storage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coach.speech.recorder.create_private", _full_disk_after(44 + 32_000))
    recorder = WavRecorder(tmp_path / "a.wav")
    recorder.write(np.zeros(16_000, dtype=np.float32))  # exactly fits
    with pytest.raises(StorageError, match="No space left"):
        recorder.write(np.zeros(1_600, dtype=np.float32))
    with pytest.raises(StorageError, match=r"first 1\.0 s are kept"):
        recorder.close()  # the buffered bytes fail again: still a StorageError
    assert recorder.closed


@pytest.mark.model
async def test_a_disk_that_fills_mid_answer_ends_the_answer_and_keeps_it(
    tiny_transcriber, private_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("coach.speech.recorder.create_private", _full_disk_after(44 + 96_000))
    clip = shared_clip("jfk.flac")
    app = make_app(
        backends=Backends(
            make_source=lambda: FileSource(clip, realtime=False),
            make_transcriber=lambda _progress: tiny_transcriber,
            data_dir=private_data_dir,
        )
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.can_record)
        await pilot.press("r", "space")
        await wait_for(pilot, lambda: "stopped at" in str(app.screen.query_one("#timer").render()))
        body = str(app.screen.query_one("#transcript", Static).render())
        assert "No space left" in body and "kept" in body
        assert app.is_running
    db = sqlite3.connect(private_data_dir / "coach.sqlite3")
    ((transcript, audio),) = db.execute("SELECT transcript, audio_path FROM answers").fetchall()
    assert transcript.lower().startswith("and so") and Path(audio).exists()


@pytest.fixture
def busy_history(private_data_dir: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Another process holds the history's write lock (another coach, an import)."""
    monkeypatch.setattr("coach.history.store.BUSY_TIMEOUT_S", 0.2)
    Store().close()
    other = sqlite3.connect(private_data_dir / "coach.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.execute("ROLLBACK")
    other.close()


async def _submit_typed_story(app: CoachApp, pilot: Pilot[int]) -> None:
    """Type STORY as an answer and submit it: the feedback screen comes either way."""
    await pilot.press("t")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "TypedAnswerScreen")
    app.screen.query_one("#answer", TextArea).load_text(STORY)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "FeedbackScreen")


async def test_a_typed_answer_survives_a_history_held_by_another_writer(
    busy_history: sqlite3.Connection, private_data_dir: Path
) -> None:
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await _submit_typed_story(app, pilot)
        assert len(app.orphans) == 1 and app.orphans[0].typed, "offered again on home"
    busy_history.execute("ROLLBACK")
    busy_history.execute("BEGIN")
    store = Store()
    (orphan,) = find_orphans(store)
    assert orphan.pending["transcript"] == STORY
    answer_id = recover(orphan, store, None)
    saved = store.answer(answer_id)
    assert saved is not None and saved.transcript == STORY and saved.typed
    assert find_orphans(store) == [], "saved once"


def test_import_into_a_busy_history_says_so(
    busy_history: sqlite3.Connection, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_export(tmp_path / "in.json", valid_export())
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "database is locked" in err and "try again" in err and "Traceback" not in err


async def test_pressing_v_saves_the_kept_answer_and_the_banner_goes(
    busy_history: sqlite3.Connection, private_data_dir: Path
) -> None:
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await _submit_typed_story(app, pilot)
        busy_history.execute("ROLLBACK")  # the other writer is done
        busy_history.execute("BEGIN")
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        banner = app.screen.query_one("#recovery", Static)
        assert banner.display and "Press v" in str(banner.render())
        await pilot.press("v")
        await wait_for(pilot, lambda: not banner.display)
        assert not app.orphans
    (saved,) = [a for a in Store().answers(1)]
    assert saved.transcript == STORY and saved.question is not None
