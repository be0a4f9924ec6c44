"""Voice activity: which 30 ms frames hold speech, and how loud each frame is.

:class:`SpeechVad` is the one the app uses. Speech comes from Silero VAD
(:mod:`coach.speech.silero`), which tells a voice from hum, noise and clicks; the
loudness of each frame comes from :class:`EnergyVad` and drives the level meter
and the choice of the quietest moment to cut at. It feeds both the streaming
transcriber's phrase boundaries and the pause analysis: pauses are measured from
the audio, not from Whisper's word timestamps, which stretch over silences.

An energy threshold alone (:class:`EnergyVad` flags) found 0 of 9 pauses with mains
hum at −34 dBFS or pink noise at 10 dB SNR, and 38 where there were 18 on a quiet
microphone; it remains for loudness only.
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
    threshold: float = 0.5
    """Silero speech probability from which a frame is speech (Silero's default)."""
    release: float = 0.35
    """Once speaking, frames stay speech until the probability falls below this
    (Silero's own hysteresis, threshold − 0.15), so a soft consonant is no pause."""


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


class SpeechVad:
    """Silero's speech flags and the energy levels, per 30 ms frame, in step: feed
    blocks of any size in order. A frame gets its flag once the 32 ms Silero chunk
    holding its middle has been scored."""

    def __init__(self, settings: VadSettings | None = None) -> None:
        from coach.speech.silero import SileroStream

        self.settings = settings or VadSettings()
        self._energy = EnergyVad(self.settings)
        self._silero = SileroStream()
        self._speaking = False
        self._chunk_speech: list[bool] = []
        self.flags: list[bool] = []
        """One entry per 30 ms frame so far: True where someone speaks."""
        self.levels: list[float] = []
        """Loudness (dBFS) of each frame so far, as many as there are flags."""

    def feed(self, block: AudioArray) -> int:
        """Classify the frames ``block`` completes; returns how many were added."""
        self._energy.feed(block)
        self._silero.feed(block)
        return self._emit()

    def _emit(self) -> int:
        from coach.speech.silero import CHUNK

        settings = self.settings
        for p in self._silero.probabilities[len(self._chunk_speech) :]:
            limit = settings.release if self._speaking else settings.threshold
            self._speaking = p >= limit
            self._chunk_speech.append(self._speaking)
        added = 0
        while len(self.flags) < len(self._energy.levels):
            chunk = (len(self.flags) * FRAME + FRAME // 2) // CHUNK
            if chunk >= len(self._chunk_speech):
                break
            self.flags.append(self._chunk_speech[chunk])
            self.levels.append(self._energy.levels[len(self.levels)])
            added += 1
        return added

    def finish(self) -> None:
        """Score the last partial chunk (padded with silence) so no frame is left out."""
        from coach.speech.silero import CHUNK

        self._silero.feed(np.zeros(CHUNK, dtype=np.float32))
        self._emit()


def speech_flags(audio: AudioArray, settings: VadSettings | None = None) -> npt.NDArray[np.bool_]:
    """Per-frame speech flags of a whole recording."""
    vad = SpeechVad(settings)
    vad.feed(audio)
    vad.finish()
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
