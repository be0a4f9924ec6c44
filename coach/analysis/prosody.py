"""How it was said: pitch movement (monotone or lively) and loudness (trailing off).

Pitch comes from YIN (de Cheveigné & Kawahara 2002) written here with numpy: for
each 40 ms frame every 20 ms, the cumulative mean normalised difference function;
the first dip under 0.15 between 65 and 400 Hz gives the period, refined by a
parabola. Only frames the voice detector marks as speech count. Pitch spread is the
standard deviation of F0 in semitones (12·log2 of F0 over the answer's median), the
measure phonetics uses because it is the same for low and high voices.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SAMPLE_RATE = 8_000
"""The tracker works at half the recording's rate: pitch lives far below 4 kHz, and
it is four times cheaper."""
HOP_S = 0.02
_HOP = int(HOP_S * SAMPLE_RATE)
_FRAME = 320  # 40 ms: two periods of the lowest pitch we look for
_F0_MIN, _F0_MAX = 65.0, 400.0
_TAU_MIN, _TAU_MAX = int(SAMPLE_RATE / _F0_MAX), int(SAMPLE_RATE / _F0_MIN)
_YIN_THRESHOLD = 0.15
_DIP = 8
_BATCH = 2048

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class VoiceTrack:
    """Per 20 ms hop: pitch in Hz (NaN where unvoiced or silent) and loudness (dBFS)."""

    f0: FloatArray
    dbfs: FloatArray

    def at(self, start_s: float, end_s: float) -> slice:
        return slice(max(0, int(start_s / HOP_S)), max(0, int(end_s / HOP_S)))


def voice_track(
    audio: npt.NDArray[np.float32], speech: Sequence[bool], frame_s: float
) -> VoiceTrack:
    """The pitch and loudness of ``audio`` (16 kHz mono), voiced only where ``speech``
    (flags per ``frame_s`` seconds, from the voice detector) says someone speaks."""
    tracker = VoiceTracker()
    tracker.feed(audio)
    return tracker.track(speech, frame_s)


class VoiceTracker:
    """Pitch and loudness measured while the answer is recorded, so nothing is left
    to do at stop: feed 16 kHz blocks in order (from one thread), then :meth:`track`.

    Hops are computed once a second's worth is complete (the batch keeps numpy
    efficient); the result is the same as measuring the whole recording at once.
    """

    def __init__(self) -> None:
        self._odd = np.zeros(0)  # a 16 kHz sample waiting for its pair
        self._signal = np.zeros(0)  # 8 kHz samples from hop ``_done`` on
        self._done = 0
        self._f0: list[FloatArray] = []
        self._dbfs: list[FloatArray] = []

    def feed(self, block: npt.NDArray[np.float32]) -> None:
        data = np.concatenate([self._odd, np.asarray(block, dtype=np.float64)])
        even = data.size // 2 * 2
        self._odd = data[even:]
        # Averaging each pair is the low-pass before halving the rate.
        self._signal = np.concatenate([self._signal, data[:even].reshape(-1, 2).mean(axis=1)])
        if self._signal.size >= _FRAME + _TAU_MAX + 50 * _HOP:
            self._measure()

    def _measure(self) -> None:
        hops = max(0, (self._signal.size - _FRAME - _TAU_MAX) // _HOP + 1)
        for first in range(0, hops, _BATCH):
            count = min(_BATCH, hops - first)
            index = (first + np.arange(count))[:, None] * _HOP + np.arange(_FRAME + _TAU_MAX)
            frames = self._signal[index]
            self._dbfs.append(10 * np.log10(np.mean(frames[:, :_FRAME] ** 2, axis=1) + 1e-12))
            self._f0.append(_yin(frames))
        self._signal = self._signal[hops * _HOP :]
        self._done += hops

    def track(self, speech: Sequence[bool], frame_s: float) -> VoiceTrack:
        """The track so far, voiced only where ``speech`` (flags per ``frame_s``) says
        someone speaks."""
        self._measure()
        f0 = np.concatenate(self._f0) if self._f0 else np.zeros(0)
        dbfs = np.concatenate(self._dbfs) if self._dbfs else np.zeros(0)
        flags = np.asarray(speech, dtype=bool)
        centre = (np.arange(f0.size) * _HOP + _FRAME / 2) / SAMPLE_RATE
        frame_index = np.minimum((centre / frame_s).astype(int), max(len(flags) - 1, 0))
        speaking = flags[frame_index] if flags.size else np.zeros(f0.size, dtype=bool)
        f0 = np.where(speaking, f0, np.nan)
        return VoiceTrack(f0, dbfs)


def _yin(frames: FloatArray) -> FloatArray:
    """F0 of each row (NaN if aperiodic): YIN over lags up to ``_TAU_MAX``."""
    n = frames.shape[1]
    size = 1 << int(np.ceil(np.log2(2 * n)))
    spectrum = np.fft.rfft(frames, size, axis=1)
    window = frames[:, :_FRAME]
    # Autocorrelation of the first _FRAME samples against the frame shifted by tau.
    head = np.fft.rfft(window, size, axis=1)
    cross = np.fft.irfft(np.conj(head) * spectrum, size, axis=1)[:, : _TAU_MAX + 1]
    energy = np.cumsum(frames**2, axis=1)
    e0 = energy[:, _FRAME - 1]
    shifted = energy[:, _FRAME - 1 : _FRAME + _TAU_MAX] - np.concatenate(
        [np.zeros((frames.shape[0], 1)), energy[:, :_TAU_MAX]], axis=1
    )
    diff = e0[:, None] + shifted - 2 * cross
    diff[:, 0] = 0.0
    cumulative = np.cumsum(diff[:, 1:], axis=1) / np.arange(1, _TAU_MAX + 1)
    cmnd = np.ones_like(diff)
    cmnd[:, 1:] = diff[:, 1:] / np.maximum(cumulative, 1e-12)
    out = np.full(frames.shape[0], np.nan)
    below = cmnd[:, _TAU_MIN:_TAU_MAX] < _YIN_THRESHOLD
    rows = np.flatnonzero(below.any(axis=1))
    if rows.size == 0:
        return out
    first = _TAU_MIN + np.argmax(below[rows], axis=1)
    # The bottom of the first dip: within the next _DIP lags, while still under the
    # threshold (the next dip, at twice the period, is at least 20 lags away).
    lags = np.minimum(first[:, None] + np.arange(_DIP)[None, :], _TAU_MAX - 1)
    dip = cmnd[rows[:, None], lags]
    dip[dip >= _YIN_THRESHOLD] = np.inf
    tau = np.clip(first + np.argmin(dip, axis=1), 1, _TAU_MAX - 1)
    a, b, c = cmnd[rows, tau - 1], cmnd[rows, tau], cmnd[rows, tau + 1]
    curve = a - 2 * b + c
    shift = np.where(curve > 1e-12, 0.5 * (a - c) / np.where(curve > 1e-12, curve, 1.0), 0.0)
    out[rows] = SAMPLE_RATE / (tau + np.clip(shift, -1.0, 1.0))
    return out


def semitones(f0: FloatArray) -> FloatArray:
    """Voiced F0 as semitones from the median, octave jumps (a tracker's slip) dropped."""
    voiced = f0[np.isfinite(f0)]
    if voiced.size == 0:
        return voiced
    st: FloatArray = 12 * np.log2(voiced / np.median(voiced))
    kept: FloatArray = st[np.abs(st) < 9]
    return kept


def pitch_spread(
    track: VoiceTrack, spans: Sequence[tuple[float, float]] | None = None, min_voiced_s: float = 1.0
) -> float | None:
    """Standard deviation of F0 in semitones over ``spans`` (all of it when None);
    None with under ``min_voiced_s`` of voiced speech to judge from."""
    if spans is None:
        f0 = track.f0
    else:
        parts = [track.f0[track.at(a, b)] for a, b in spans]
        f0 = np.concatenate(parts) if parts else np.zeros(0)
    st = semitones(f0)
    if st.size * HOP_S < min_voiced_s:
        return None
    return round(float(np.std(st)), 2)


def speech_loudness(track: VoiceTrack) -> float | None:
    """Median loudness (dBFS) of the voiced frames."""
    voiced = track.dbfs[np.isfinite(track.f0)]
    return round(float(np.median(voiced)), 1) if voiced.size else None


def trailing_share(
    track: VoiceTrack, sentences: Sequence[tuple[float, float]], drop_db: float, tail_s: float = 0.5
) -> float | None:
    """Share of sentences whose last ``tail_s`` of voice is ``drop_db`` quieter than the
    rest of the sentence (the end of the thought is lost); None without enough."""
    judged = dropped = 0
    for start, end in sentences:
        if end - start < 3 * tail_s:
            continue
        body = track.dbfs[track.at(start, end - tail_s)][
            np.isfinite(track.f0[track.at(start, end - tail_s)])
        ]
        tail_slice = track.at(end - tail_s, end)
        tail = track.dbfs[tail_slice][np.isfinite(track.f0[tail_slice])]
        if body.size < 20 or tail.size < 5:
            continue
        judged += 1
        dropped += float(np.median(body) - np.median(tail)) >= drop_db
    return round(dropped / judged, 2) if judged >= 3 else None


@dataclass(frozen=True, slots=True)
class VoiceFeedback:
    """Pitch and loudness verdicts for one answer (None where there was too little)."""

    pitch_spread_st: float | None
    monotone: bool
    part_spread_st: dict[str, float | None]
    loudness_dbfs: float | None
    trailing_share: float | None
    trailing_off: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "pitch_spread_st": self.pitch_spread_st,
            "monotone": self.monotone,
            "part_spread_st": dict(self.part_spread_st),
            "loudness_dbfs": self.loudness_dbfs,
            "trailing_share": self.trailing_share,
            "trailing_off": self.trailing_off,
        }

    @classmethod
    def from_dict(cls, data: object) -> VoiceFeedback | None:
        """A stored one back (read as untrusted: anything odd gives None)."""
        if not isinstance(data, dict):
            return None

        def number(value: object) -> float | None:
            if isinstance(value, bool) or not isinstance(value, int | float):
                return None
            return float(value) if math.isfinite(value) else None

        parts = data.get("part_spread_st")
        return cls(
            number(data.get("pitch_spread_st")),
            data.get("monotone") is True,
            {str(k): number(v) for k, v in parts.items()} if isinstance(parts, dict) else {},
            number(data.get("loudness_dbfs")),
            number(data.get("trailing_share")),
            data.get("trailing_off") is True,
        )


def judge_voice(
    track: VoiceTrack,
    parts: dict[str, list[tuple[float, float]]],
    sentences: Sequence[tuple[float, float]],
    *,
    monotone_st: float,
    trailing_drop_db: float,
    trailing_share_max: float,
) -> VoiceFeedback:
    spread = pitch_spread(track)
    share = trailing_share(track, sentences, trailing_drop_db)
    return VoiceFeedback(
        spread,
        spread is not None and spread < monotone_st,
        {part: pitch_spread(track, spans, 0.5) for part, spans in parts.items() if spans},
        speech_loudness(track),
        share,
        share is not None and share >= trailing_share_max,
    )
