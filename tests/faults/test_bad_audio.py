"""Every kind of bad audio file: a clear message, exit code 2, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from coach.cli import main
from tests.conftest import shared_clip

pytestmark = pytest.mark.model


def _sox(*args: str) -> None:
    if not shutil.which("sox"):
        pytest.skip("sox is needed to make the test files (apt-get install sox)")
    subprocess.run(["sox", *args], check=True, capture_output=True)


def make(kind: str, folder: Path) -> Path:
    path = folder / {"corrupt": "answer.flac", "not audio": "answer.mp3"}.get(kind, "answer.wav")
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "0.2 s":
        _sox("-n", "-r", "16000", "-c", "1", str(path), "trim", "0", "0.2")
    elif kind == "silence only":
        _sox("-n", "-r", "16000", "-c", "1", str(path), "trim", "0", "6")
    elif kind == "one hour":
        path = folder / "answer.flac"
        _sox("-n", "-r", "16000", "-c", "1", str(path), "trim", "0", "3600")
    elif kind == "corrupt":
        path.write_bytes(shared_clip("jfk.flac").read_bytes()[:3000])
    elif kind == "not audio":
        path.write_text("Dear hiring manager, please find attached")
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("empty", "cannot decode|no audio"),
        ("0.2 s", "no speech heard"),
        ("silence only", "no speech heard"),
        ("one hour", "60 minutes long"),
        ("corrupt", "cannot decode"),
        ("not audio", "cannot decode"),
    ],
)
@pytest.mark.parametrize("command", ["analyze", "transcribe"])
def test_bad_audio_gets_a_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, message: str, command: str
) -> None:
    path = make(kind, tmp_path)
    code = main([command, str(path), "--model", "tiny.en"])
    out, err = capsys.readouterr()
    if command == "transcribe" and kind in ("0.2 s", "silence only"):
        assert code == 0 and "(no speech found)" in out  # a valid request with an empty answer
        return
    assert code == 2
    assert err.startswith("coach: error: ") and "Traceback" not in err
    assert any(m in err for m in message.split("|"))


def test_a_44k_stereo_recording_is_analysed_like_any_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "stereo.wav"
    _sox(str(shared_clip("jfk.flac")), "-r", "44100", "-c", "2", str(path))
    assert main(["analyze", str(path), "--model", "tiny.en"]) == 0
    assert "fellow americans" in capsys.readouterr().out.lower()
