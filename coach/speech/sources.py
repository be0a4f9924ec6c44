"""Audio sources: where answer audio comes from, block by block.

Every source hands out 16 kHz mono float32 blocks through :meth:`read`. The
microphone lives in :mod:`coach.speech.microphone`; :class:`FileSource` replays a
recording at real-time pace, for tests, benchmarks and practising with a file.
"""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path
from typing import Protocol

import numpy as np

from coach.errors import AudioFileError
from coach.locations import input_file
from coach.speech.audio import SAMPLE_RATE, AudioArray
from coach.speech.offline import ensure_offline

MAX_ANSWER_S = 20 * 60.0
"""Longer than this is not one interview answer (and would take minutes to transcribe)."""
BLOCK_S = 0.1
"""Length of one block handed to the recorder: 100 ms, 1,600 samples."""


class AudioSource(Protocol):
    """A live stream of 16 kHz mono float32 blocks."""

    description: str
    overflows: int
    """Blocks the device dropped because nobody read them in time."""
    stream_error: str | None
    """Why the stream ended early (a device unplugged), or None."""

    def start(self) -> None: ...

    def read(self, timeout: float = 0.2) -> AudioArray | None:
        """The next block, or ``None`` if none arrived within ``timeout``."""

    @property
    def exhausted(self) -> bool:
        """True once the source has ended and every block was read."""

    def stop(self) -> None: ...

    def drain(self) -> list[AudioArray]:
        """Blocks still buffered after :meth:`stop` (a device delivers a last few)."""


def audio_duration_s(file: Path) -> float | None:
    """The length the container declares, without decoding (None if it does not say)."""
    import av

    try:
        with av.open(str(file)) as container:
            if container.duration is not None:
                return float(container.duration) / av.time_base
            stream = container.streams.audio[0]
            if stream.duration is not None and stream.time_base is not None:
                return float(stream.duration * stream.time_base)
    except Exception:  # not audio: decoding below says so clearly
        return None
    return None


def decode_audio_file(path: str | Path, *, max_seconds: float | None = None) -> AudioArray:
    """Decode WAV/FLAC/MP3/... to 16 kHz mono float32, with a clear error for bad input.

    ``max_seconds`` refuses longer recordings before decoding them."""
    file = input_file(path, "audio file", AudioFileError)
    ensure_offline()
    from faster_whisper.audio import decode_audio

    if max_seconds is not None:
        length = audio_duration_s(file)
        if length is not None and length > max_seconds:
            raise AudioFileError(
                f"{file.name} is {length / 60:.0f} minutes long; one answer is at most "
                f"{max_seconds / 60:.0f} minutes",
                hint="trim it to the answer (e.g. `sox in.wav out.wav trim START LENGTH`)",
            )

    try:
        audio = decode_audio(str(file), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many types for corrupt or non-audio input
        raise AudioFileError(
            f"cannot decode {file.name} as audio: it is damaged or not a recording",
            hint="use a WAV, FLAC, MP3 or OGG recording",
        ) from exc
    if audio.size == 0:
        raise AudioFileError(f"{file.name} contains no audio samples")
    return np.asarray(audio, dtype=np.float32)


class FileSource:
    """Replays a recording block by block, at real-time pace unless ``realtime=False``.

    ``speed`` > 1 replays faster than real time but still paced (tests use it to
    exercise the streaming path in less time).
    """

    def __init__(
        self,
        audio: AudioArray | str | Path,
        *,
        realtime: bool = True,
        speed: float = 1.0,
        block_s: float = BLOCK_S,
    ) -> None:
        if isinstance(audio, (str, Path)):
            self.description = f"recording {Path(audio).name}"
            audio = decode_audio_file(audio)
        else:
            self.description = "audio in memory"
        self.audio = audio
        self.realtime = realtime
        self.speed = speed
        self.block = max(1, int(block_s * SAMPLE_RATE))
        self.overflows = 0
        self.stream_error: str | None = None
        self._queue: queue.Queue[AudioArray | None] = queue.Queue()
        self._stop = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._play, name="file-source", daemon=True)

    @property
    def duration_s(self) -> float:
        return self.audio.size / SAMPLE_RATE

    def start(self) -> None:
        self._thread.start()

    def _play(self) -> None:
        began = time.monotonic()
        for index, first in enumerate(range(0, self.audio.size, self.block)):
            if self._stop.is_set():
                break
            if self.realtime:
                due = began + index * self.block / SAMPLE_RATE / self.speed
                delay = due - time.monotonic()
                if delay > 0 and self._stop.wait(delay):
                    break
            self._queue.put(self.audio[first : first + self.block].copy())
        self._queue.put(None)

    def read(self, timeout: float = 0.2) -> AudioArray | None:
        if self._done:
            return None
        try:
            block = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        if block is None:
            self._done = True
        return block

    @property
    def exhausted(self) -> bool:
        return self._done

    def stop(self) -> None:
        self._stop.set()

    def drain(self) -> list[AudioArray]:
        return []  # a file has nothing in flight
