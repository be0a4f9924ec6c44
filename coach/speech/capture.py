"""One answer's capture loop: source → recorder on disk → streaming transcriber.

Runs in a worker thread (the TUI's, or the benchmark's). Each block is written to
disk first, so what was said survives any later failure, then fed to the
streaming transcriber, then reported as a level for the meter.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.errors import CoachError
from coach.speech.audio import AudioArray, rms_dbfs
from coach.speech.recorder import WavRecorder
from coach.speech.sources import AudioSource
from coach.speech.streaming import StreamingTranscriber
from coach.speech.transcript import Transcript

STOP_CHECK_S = 0.02
"""How often the capture loop looks for a stop between blocks: stop is felt at once."""

LevelCallback = Callable[[float, float], object]
"""Called with (seconds recorded, loudness in dBFS) after each block."""
BlockTap = Callable[[AudioArray], object]
"""Another consumer of every recorded block (the pitch tracker), run in the capture
thread so its work is done by the time the speaker stops; it must be cheap."""


@dataclass(frozen=True, slots=True)
class CaptureResult:
    transcript: Transcript
    audio_path: Path
    seconds: float
    overflows: int
    last_block_at: float
    """``time.perf_counter()`` when the last block was fed (for tail-latency figures)."""
    error: CoachError | None = None
    """A fault that ended the capture early; the audio so far is kept and transcribed."""


class AnswerCapture:
    """Record one answer until :meth:`stop` is called or the source runs out."""

    def __init__(
        self,
        source: AudioSource,
        audio_path: Path,
        streamer: StreamingTranscriber,
        *,
        on_level: LevelCallback | None = None,
        max_seconds: float | None = None,
        taps: Sequence[BlockTap] = (),
    ) -> None:
        self.source = source
        self.audio_path = audio_path
        self.streamer = streamer
        self.on_level = on_level
        self.max_seconds = max_seconds
        self.taps = tuple(taps)
        self._stop = threading.Event()
        self._paused = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def pause(self, paused: bool = True) -> None:
        """While paused, blocks are read and dropped: nothing is recorded."""
        if paused:
            self._paused.set()
        else:
            self._paused.clear()

    def run(self) -> CaptureResult:
        """Blocking: capture, then finish the transcript. Call from a worker thread."""
        error: CoachError | None = None
        last_block_at = time.perf_counter()
        recorder = WavRecorder(self.audio_path)
        try:
            self.source.start()
            while not self._stop.is_set():
                block = self.source.read(timeout=STOP_CHECK_S)
                if block is None:
                    if self.source.exhausted:
                        break
                    continue
                if not self._paused.is_set():
                    self._take(recorder, block)
                    last_block_at = time.perf_counter()
                else:  # no audio comes while paused: a phrase held for its pause goes now
                    self.streamer.release_held()
                if self.max_seconds and recorder.seconds >= self.max_seconds:
                    break
            for block in self.source.drain():
                self._take(recorder, block)
        except CoachError as exc:
            error = exc
        finally:
            self.source.stop()
            try:
                recorder.close()
            except CoachError as exc:
                error = error or exc
        stream_error = self.source.stream_error
        if stream_error and error is None:
            error = CoachError(stream_error, "the audio up to that moment is kept")
        transcript = self.streamer.finish()
        return CaptureResult(
            transcript=transcript,
            audio_path=self.audio_path,
            seconds=recorder.seconds,
            overflows=self.source.overflows,
            last_block_at=last_block_at,
            error=error,
        )

    def _take(self, recorder: WavRecorder, block: AudioArray) -> None:
        recorder.write(block)
        self.streamer.feed(block)
        for tap in self.taps:
            tap(block)
        if self.on_level is not None:
            self.on_level(recorder.seconds, rms_dbfs(block))
