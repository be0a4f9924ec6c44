"""The small ones (item 14): odd arguments, closed pipes, a killed model join."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main
from coach.history.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("which", ["²", "99999999999999999999999", "-1", "1e3", "\x1b[2J"])
def test_export_of_an_odd_session_id_is_a_usage_error(
    which: str, capsys: pytest.CaptureFixture[str]
) -> None:
    Store().close()
    assert main(["export", which]) == 2
    err = capsys.readouterr().err
    assert "no session" in err and "\x1b" not in err


@pytest.mark.parametrize("model", ["nosuch", "x" * 5000, "folder"])
def test_a_model_that_is_not_there_exits_2(
    model: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if model == "folder":
        model = str(tmp_path)  # a folder with no model in it
    clip = ROOT.parent / "shared" / "audio" / "jfk.flac"
    if not clip.exists():
        pytest.skip("../shared/audio is missing")
    assert main(["transcribe", "--model", model, str(clip)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coach: error:") and len(err) < 1000


@pytest.mark.parametrize(
    "command", [["packs", "show", "customer-support", "--json"], ["packs", "list"], ["history"]]
)
def test_a_reader_that_goes_away_is_not_a_traceback(command: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path / "data")}
    if command == ["history"]:
        Store(tmp_path / "data" / "coach.sqlite3").close()
    shell = f"{sys.executable} -m coach {' '.join(command)} | head -c 10"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


@pytest.mark.slow
def test_a_join_killed_midway_leaves_no_temp_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.speech import models

    monkeypatch.setenv("COACH_CACHE_DIR", str(tmp_path / "cache"))
    folder = models._base_cache_folder()
    folder.mkdir(parents=True)
    stale = folder / f"{models.JOIN_PREFIX}999999999.abc"
    stale.write_bytes(b"\0" * 1000)
    live = folder / f"{models.JOIN_PREFIX}{os.getppid()}.xyz"
    live.write_bytes(b"\0" * 10)  # another coach, still joining
    models.prepare_base_model()
    assert not stale.exists() and live.exists()
    for name in (*models.BASE_SIDE_FILES, "model.bin"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name


def test_an_answer_file_full_of_escapes_is_reported_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text("Last year I led \x1b]0;pwned\x07 the team\x1b[2J. It worked in the end.")
    assert main(["analyze", str(answer)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "^[]0;pwned^G" in out


def test_a_missing_audio_file_stops_before_the_app_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--audio-file", str(tmp_path / "no-such.wav")]) == 2
    err = capsys.readouterr().err
    assert "no such audio file" in err
    (tmp_path / "notes.wav").write_text("not a recording")
    assert main(["--audio-file", str(tmp_path / "notes.wav")]) == 2
    err = capsys.readouterr().err
    assert "cannot decode notes.wav" in err and "Error" not in err.split("hint")[0]


def test_the_app_without_a_terminal_says_so_and_exits_2(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "COACH_DATA_DIR": str(tmp_path / "data"),
        "COACH_CONFIG_DIR": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "coach"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr and done.stdout == ""
