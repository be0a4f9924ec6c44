"""Writes an answer to disk as it is captured: 16 kHz mono 16-bit WAV, private to the user.

Python's ``wave`` writer rewrites the RIFF header sizes after every write, and
each 100 ms block is flushed to the OS at once, so a crash (even ``kill -9``)
leaves a valid WAV missing at most the block being written.
"""

from __future__ import annotations

import os
import time
import wave
from pathlib import Path
from typing import IO

import numpy as np

from coach.errors import StorageError
from coach.locations import ensure_private_dir
from coach.safe_files import create_private
from coach.speech.audio import SAMPLE_RATE, AudioArray

FSYNC_EVERY_S = 0.5
"""Also push data to the disk itself this often, so power loss costs at most this much."""


def _storage_error(path: Path, exc: OSError, seconds: float) -> StorageError:
    return StorageError(
        f"could not write the recording {path.name} ({exc.strerror or exc}); "
        f"the first {seconds:.1f} s are kept",
        hint="free disk space or check the data folder's permissions (`coach doctor`)",
    )


class WavRecorder:
    """Appends float32 blocks to a WAV file; usable as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        ensure_private_dir(self.path.parent)
        self.frames = 0
        self._last_sync = time.monotonic()
        try:
            self._file: IO[bytes] = create_private(self.path, "wb")
            self._wav = wave.open(self._file, "wb")  # noqa: SIM115 - closed in close()
            self._wav.setnchannels(1)
            self._wav.setsampwidth(2)
            self._wav.setframerate(SAMPLE_RATE)
            self._wav.writeframes(b"")
            self._file.flush()
        except OSError as exc:
            raise _storage_error(self.path, exc, 0.0) from exc
        self.closed = False

    @property
    def seconds(self) -> float:
        return self.frames / SAMPLE_RATE

    def write(self, block: AudioArray) -> None:
        """Append one block and make it durable against a crash of this process."""
        pcm = (np.clip(block, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
        try:
            self._wav.writeframes(pcm)
            self._file.flush()
            now = time.monotonic()
            if now - self._last_sync >= FSYNC_EVERY_S:
                os.fsync(self._file.fileno())
                self._last_sync = now
        except OSError as exc:
            raise _storage_error(self.path, exc, self.seconds) from exc
        self.frames += block.size

    def close(self) -> None:
        """Finish the header and sync. On a full or failing disk this raises one
        :class:`StorageError` (never a bare ``OSError``), and the file is closed anyway:
        a buffered file that failed once fails again when closed."""
        if self.closed:
            return
        self.closed = True
        failure: OSError | None = None
        try:
            self._wav.close()
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError as exc:
            failure = exc
        try:
            self._file.close()
        except OSError as exc:
            failure = failure or exc
        if failure is not None:
            raise _storage_error(self.path, failure, self.seconds) from failure

    def __enter__(self) -> WavRecorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
