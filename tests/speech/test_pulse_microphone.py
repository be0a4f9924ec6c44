"""The real microphone path: PortAudio's `pulse` device fed by a PulseAudio virtual mic.

A private PulseAudio daemon gets a ``module-pipe-source``; the test writes a real
clip into its FIFO at real-time pace (a pipe source produces audio only as fast as
it is written), and coach records it through sounddevice, writes the WAV and
transcribes it. Where PulseAudio cannot start, the test skips and says why.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from coach.speech.audio import SAMPLE_RATE
from coach.speech.sources import decode_audio_file
from coach.speech.wer import wer
from tests.conftest import ARCTIC_TEXT, shared_clip

pytestmark = pytest.mark.model


@pytest.fixture
def virtual_mic(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    if not (shutil.which("pulseaudio") and shutil.which("pactl")):
        pytest.skip("PulseAudio is not installed (apt-get install pulseaudio pulseaudio-utils)")
    runtime = tmp_path / "pulse-runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(tmp_path))
    fifo = runtime / "virtmic"
    started = subprocess.run(
        [
            "pulseaudio",
            "--daemonize=yes",
            "--exit-idle-time=-1",
            "-n",
            "--load=module-native-protocol-unix",
            "--load=module-null-sink",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    if started.returncode != 0:
        pytest.skip(f"PulseAudio could not start here: {started.stderr.strip()[-300:]}")
    try:
        subprocess.run(
            [
                "pactl",
                "load-module",
                "module-pipe-source",
                "source_name=virtmic",
                f"file={fifo}",
                "format=s16le",
                "rate=16000",
                "channels=1",
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=30,
        )
        subprocess.run(
            ["pactl", "set-default-source", "virtmic"],
            env=env,
            check=True,
            capture_output=True,
            timeout=30,
        )
        yield env, fifo
    finally:
        subprocess.run(["pulseaudio", "--kill"], env=env, capture_output=True, timeout=30)


def _feed_in_real_time(fifo: Path, audio: np.ndarray, stop: threading.Event) -> None:
    """Write ``audio`` at real-time pace, then silence until told to stop."""
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2")
    block = SAMPLE_RATE // 10
    quiet = np.zeros(block, dtype="<i2").tobytes()
    began = time.monotonic()
    with fifo.open("wb") as pipe, contextlib.suppress(BrokenPipeError):
        for index in range(100_000):
            if stop.is_set():
                return
            delay = began + index * 0.1 - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            start = index * block
            pipe.write(pcm[start : start + block].tobytes() if start < pcm.size else quiet)
            pipe.flush()


def test_microphone_records_and_transcribes_a_virtual_mic(
    virtual_mic: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    env, fifo = virtual_mic
    clip = decode_audio_file(shared_clip("arctic_a0024.wav"))
    silence = np.zeros(SAMPLE_RATE, dtype=np.float32)
    audio = np.concatenate([silence, clip, silence, silence])
    out_wav = tmp_path / "answer.wav"
    seconds = audio.size / SAMPLE_RATE
    script = textwrap.dedent(
        f"""
        import json, threading
        from pathlib import Path
        from coach.speech.capture import AnswerCapture
        from coach.speech.microphone import MicrophoneSource
        from coach.speech.streaming import StreamingTranscriber
        from coach.speech.transcriber import Transcriber
        transcriber = Transcriber("base")
        print("READY", flush=True)
        source = MicrophoneSource("pulse")
        capture = AnswerCapture(source, Path({str(out_wav)!r}),
                                StreamingTranscriber(transcriber), max_seconds={seconds})
        result = capture.run()
        print(json.dumps({{"text": result.transcript.text, "seconds": result.seconds,
                          "device": source.description}}))
        """
    )
    stop = threading.Event()
    feeder = threading.Thread(target=_feed_in_real_time, args=(fifo, audio, stop), daemon=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "READY"
    feeder.start()
    try:
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        stop.set()
        feeder.join(timeout=5)
    assert proc.returncode == 0, stderr[-2000:]
    result = json.loads(stdout.strip().splitlines()[-1])
    assert result["device"].startswith("pulse")
    assert wer(ARCTIC_TEXT, result["text"]) <= 0.10, result["text"]
    with wave.open(str(out_wav)) as recorded:
        assert recorded.getframerate() == SAMPLE_RATE
        assert recorded.getnframes() / SAMPLE_RATE >= 4.0
