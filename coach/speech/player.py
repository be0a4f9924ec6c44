"""Play a recording back through PortAudio: play, pause, seek, and where we are.

The sounddevice callback only copies the next block out of the array in memory;
the UI reads :attr:`Player.position_s` on a timer. Without an output device the
player raises :class:`DeviceError` saying so; the review screen still works.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from coach.errors import DeviceError
from coach.speech.audio import SAMPLE_RATE, AudioArray
from coach.speech.microphone import load_sounddevice

StreamFactory = Callable[..., Any]
PLAYBACK_HINT = "connect headphones or speakers; the transcript and feedback still work"


def _no_output_message(exc: Exception) -> str:
    """What PortAudio's refusal means to a person ("Error querying device -1" is
    PortAudio for "there is no output device")."""
    text = str(exc)
    if "-1" in text or "querying device" in text.lower() or "no default output" in text.lower():
        return "there is no sound output on this machine to play the recording on"
    return f"the sound output refused to play the recording ({text})"


class Player:
    def __init__(self, audio: AudioArray, *, stream_factory: StreamFactory | None = None) -> None:
        self.audio = audio.astype(np.float32, copy=False)
        self._frame = 0
        self._lock = threading.Lock()
        self._stream: Any = None
        self._factory = stream_factory
        self.playing = False

    @property
    def duration_s(self) -> float:
        return self.audio.size / SAMPLE_RATE

    @property
    def position_s(self) -> float:
        return self._frame / SAMPLE_RATE

    def seek(self, seconds: float) -> None:
        """Jump to ``seconds`` (clamped to the recording)."""
        with self._lock:
            self._frame = int(max(0.0, min(seconds, self.duration_s)) * SAMPLE_RATE)

    def fill(self, out: np.ndarray, frames: int) -> bool:
        """Copy the next ``frames`` into ``out`` (silence past the end); False at the end."""
        with self._lock:
            chunk = self.audio[self._frame : self._frame + frames]
            out[: chunk.size, 0] = chunk
            out[chunk.size :, 0] = 0.0
            self._frame += chunk.size
            more = self._frame < self.audio.size
        if not more:
            self.playing = False
        return more

    def _callback(self, outdata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
        if not self.fill(outdata, frames):
            raise load_sounddevice().CallbackStop

    def play(self) -> None:
        if self._frame >= self.audio.size:
            self.seek(0)
        self._close_stream()
        try:
            factory = self._factory or load_sounddevice().OutputStream
            self._stream = factory(
                samplerate=SAMPLE_RATE, channels=1, dtype="float32", callback=self._callback
            )
            self._stream.start()
        except DeviceError:
            raise
        except Exception as exc:  # PortAudioError: no output device, busy, gone
            self._stream = None
            raise DeviceError(_no_output_message(exc), hint=PLAYBACK_HINT) from exc
        self.playing = True

    def pause(self) -> None:
        self.playing = False
        self._close_stream()

    def toggle(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
                stream.close()
            except Exception:  # a stream that failed is closed either way
                pass

    def close(self) -> None:
        self.pause()
