"""Audio files: every common shape decodes to 16 kHz mono; bad ones get a clear error."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from coach.errors import AudioFileError
from coach.speech.audio import SAMPLE_RATE
from coach.speech.sources import FileSource, decode_audio_file


def _write_wav(path: Path, audio: np.ndarray, rate: int, channels: int) -> None:
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm.tobytes())


def test_a_44k_stereo_file_becomes_16k_mono(tmp_path: Path) -> None:
    rate = 44_100
    t = np.arange(2 * rate) / rate
    tone = 0.3 * np.sin(2 * np.pi * 300 * t)
    path = tmp_path / "stereo.wav"
    _write_wav(path, np.stack([tone, tone], axis=1).reshape(-1), rate, 2)
    audio = decode_audio_file(path)
    assert audio.dtype == np.float32
    assert abs(audio.size / SAMPLE_RATE - 2.0) < 0.01


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such audio file"),
        (b"this is not audio at all, just words", "cannot decode"),
        (b"", "cannot decode|no audio"),
    ],
)
def test_bad_files_get_a_clear_message(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "answer.wav"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(AudioFileError, match=message):
        decode_audio_file(path)


def test_a_folder_is_not_audio(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match="folder"):
        decode_audio_file(tmp_path)


def test_file_source_hands_out_every_sample_in_100ms_blocks() -> None:
    audio = np.random.default_rng(1).standard_normal(SAMPLE_RATE + 123).astype(np.float32)
    source = FileSource(audio, realtime=False)
    source.start()
    blocks = []
    while not source.exhausted:
        block = source.read(timeout=1.0)
        if block is not None:
            blocks.append(block)
    assert all(b.size == 1600 for b in blocks[:-1])
    assert np.array_equal(np.concatenate(blocks), audio)
