"""kill -9 mid-answer: the next start finds the recording, repairs it, and saves it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from coach.history.store import Store
from coach.recovery import find_orphans, recover, repair_wav
from tests.conftest import shared_clip

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.model
def test_an_answer_killed_mid_recording_is_recovered(
    tiny_transcriber, private_data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    clip = shared_clip("jfk.flac")
    driver = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("crash_driver.py")),
            str(private_data_dir),
            str(clip),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert driver.stdout is not None
        line = driver.stdout.readline()
        assert line.startswith("RECORDING"), f"the app did not start recording: {line!r}"
        started = float(line.split()[1])
        time.sleep(4.0)
        killed_at = time.time()
        driver.send_signal(signal.SIGKILL)
        driver.wait(timeout=10)
    finally:
        if driver.poll() is None:
            driver.kill()
    assert driver.returncode == -signal.SIGKILL

    store = Store(private_data_dir / "coach.sqlite3")
    (orphan,) = find_orphans(store, private_data_dir / "recordings")
    recorded = killed_at - started
    assert orphan.seconds >= recorded - 0.5, "at most the last half second is lost"
    with wave.open(str(orphan.path)) as wav:  # the header now matches the data
        assert wav.getnframes() / wav.getframerate() == pytest.approx(orphan.seconds)
    assert orphan.pending["question_text"], "it knows which question it answered"

    answer_id = recover(orphan, store, tiny_transcriber)
    answer = store.answer(answer_id)
    assert answer is not None and answer.audio_path == str(orphan.path)
    assert answer.question_text == orphan.pending["question_text"]
    assert answer.transcript.lower().startswith("and so")
    assert find_orphans(store, private_data_dir / "recordings") == [], "recovered once"


def test_repair_cuts_a_half_written_block_and_fixes_the_sizes(tmp_path: Path) -> None:
    path = tmp_path / "broken.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\x01\x00" * 16000)
    with path.open("ab") as raw:  # a crash mid-write: data beyond the header's sizes
        raw.write(b"\x02\x00" * 800 + b"\x03")
    assert repair_wav(path) == pytest.approx(1.05)
    with wave.open(str(path)) as wav:
        assert wav.getnframes() == 16800
    (tmp_path / "tiny.wav").write_bytes(b"RIFF")
    assert repair_wav(tmp_path / "tiny.wav") == 0.0


def test_a_recording_another_coach_is_making_is_not_an_orphan(tmp_path: Path) -> None:
    from coach.recovery import write_pending
    from coach.speech.recorder import WavRecorder

    recordings = tmp_path / "recordings"
    wav = recordings / "answer-live.wav"
    recorder = WavRecorder(wav)
    recorder.write(np.zeros(16000, dtype=np.float32))
    write_pending(wav, {"question_text": "Q?"})
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        note = wav.with_suffix(".pending.json")
        note.write_text(note.read_text().replace(f'"pid": {os.getpid()}', f'"pid": {live.pid}'))
        store = Store(tmp_path / "coach.sqlite3")
        assert find_orphans(store, recordings) == [], "its process is alive"
    finally:
        live.kill()
        live.wait()
    assert [o.path for o in find_orphans(store, recordings)] == [wav], "now it is an orphan"
    recorder.close()
