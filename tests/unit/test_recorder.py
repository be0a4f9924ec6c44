"""The recorder keeps what was said, even when the process is killed mid-answer."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
import wave
from pathlib import Path

import numpy as np

from coach.speech.audio import SAMPLE_RATE
from coach.speech.recorder import WavRecorder


def test_recording_is_a_private_16k_mono_wav(tmp_path: Path) -> None:
    path = tmp_path / "rec" / "answer.wav"
    tone = (0.3 * np.sin(np.linspace(0, 2000 * np.pi, SAMPLE_RATE))).astype(np.float32)
    with WavRecorder(path) as rec:
        for start in range(0, tone.size, 1600):
            rec.write(tone[start : start + 1600])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getframerate(), wav.getsampwidth()) == (1, 16000, 2)
        assert wav.getnframes() == SAMPLE_RATE
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2") / 32767.0
    assert np.allclose(data, tone, atol=1e-4)


def test_a_killed_recording_is_still_readable_and_loses_under_half_a_second(
    tmp_path: Path,
) -> None:
    path = tmp_path / "answer.wav"
    progress = tmp_path / "seconds"
    script = textwrap.dedent(
        f"""
        import numpy as np, time
        from pathlib import Path
        from coach.speech.recorder import WavRecorder
        rec = WavRecorder({str(path)!r})
        block = (0.2 * np.random.default_rng(0).standard_normal(1600)).astype(np.float32)
        while True:
            rec.write(block)
            Path({str(progress)!r}).write_text(str(rec.seconds))
            time.sleep(0.1)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    recorded = 0.0
    while time.monotonic() < deadline and recorded < 2.0:
        # Read once per look: the child rewrites the file in place, so a read can
        # land between its truncation and its write and see nothing (that flaked).
        with contextlib.suppress(OSError, ValueError):
            recorded = float(progress.read_text())
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with wave.open(str(path)) as wav:  # the stdlib reader is the strict one
        kept = wav.getnframes() / wav.getframerate()
    assert kept >= recorded - 0.5
