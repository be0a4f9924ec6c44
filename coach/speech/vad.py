"""An energy voice-activity detector: cheap, streaming, and the source of pause timings.

Each 30 ms frame is speech when its loudness stands clearly above an adaptive
noise floor (a low percentile of recent frames). It feeds both the streaming
transcriber's phrase boundaries and the pause analysis: pauses are measured from
the audio, not from Whisper's word timestamps, which stretch over silences.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from coach.speech.audio import SAMPLE_RATE, AudioArray

FRAME_S = 0.03
FRAME = int(FRAME_S * SAMPLE_RATE)


@dataclass(frozen=True, slots=True)
class VadSettings:
    margin_db: float = 10.0
    """How far above the noise floor a frame must be to count as speech."""
    min_speech_dbfs: float = -60.0
    """Nothing quieter than this is speech, however quiet the room."""
    max_floor_dbfs: float = -45.0
    """The noise floor is never taken as louder than this, so an answer that starts
    straight away with speech (no silence to learn from) is still heard as speech."""
    floor_percentile: float = 10.0
    floor_window_s: float = 10.0


class EnergyVad:
    """Classifies audio frame by frame; feed blocks of any size in order."""

    def __init__(self, settings: VadSettings | None = None) -> None:
        self.settings = settings or VadSettings()
        self._rest = np.zeros(0, dtype=np.float32)
        self._history: deque[float] = deque(maxlen=int(self.settings.floor_window_s / FRAME_S))
        self.flags: list[bool] = []
        """One entry per 30 ms frame so far: True where someone speaks."""
        self.levels: list[float] = []
        """Loudness (dBFS) of each frame so far."""
        self._threshold = self.settings.min_speech_dbfs

    def feed(self, block: AudioArray) -> int:
        """Classify the whole frames in ``block``; returns how many frames were added."""
        data = np.concatenate([self._rest, block]) if self._rest.size else block
        whole = data.size // FRAME
        self._rest = data[whole * FRAME :].copy()
        if whole == 0:
            return 0
        frames = data[: whole * FRAME].reshape(whole, FRAME).astype(np.float64)
        levels = 10.0 * np.log10(np.mean(frames * frames, axis=1) + 1e-12)
        settings = self.settings
        for level in levels:
            self._history.append(float(level))
            if len(self.levels) % 10 == 0:  # the floor moves slowly: refresh every 0.3 s
                floor = float(np.percentile(self._history, settings.floor_percentile))
                floor = min(floor, settings.max_floor_dbfs)
                self._threshold = max(floor + settings.margin_db, settings.min_speech_dbfs)
            self.flags.append(bool(level > self._threshold))
            self.levels.append(float(level))
        return whole


def speech_flags(audio: AudioArray, settings: VadSettings | None = None) -> npt.NDArray[np.bool_]:
    """Per-frame speech flags of a whole recording."""
    vad = EnergyVad(settings)
    vad.feed(audio)
    return np.array(vad.flags, dtype=bool)


def silences(
    flags: npt.NDArray[np.bool_] | list[bool], min_s: float = 0.25
) -> list[tuple[float, float]]:
    """(start, end) seconds of runs without speech of at least ``min_s``, between speech."""
    arr = np.asarray(flags, dtype=bool)
    speech = np.flatnonzero(arr)
    if speech.size == 0:
        return []
    out: list[tuple[float, float]] = []
    gaps = np.flatnonzero(np.diff(speech) > 1)
    for g in gaps:
        start, end = (speech[g] + 1) * FRAME_S, speech[g + 1] * FRAME_S
        if end - start >= min_s - 1e-9:
            out.append((round(start, 3), round(end, 3)))
    return out
