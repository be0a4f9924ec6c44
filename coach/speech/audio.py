"""Audio array conventions and small helpers shared by the speech core."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

SAMPLE_RATE = 16_000
"""Every audio array inside coach is 16 kHz mono float32 in [-1, 1]."""

AudioArray = npt.NDArray[np.float32]


def to_mono_float32(block: npt.NDArray[np.generic]) -> AudioArray:
    """Average channels of a (frames, channels) block into one float32 channel."""
    data = np.asarray(block)
    if data.ndim == 2:
        data = data.mean(axis=1) if data.shape[1] > 1 else data[:, 0]
    if np.issubdtype(data.dtype, np.integer):
        scale = float(np.iinfo(data.dtype).max) + 1.0
        return (data.astype(np.float32) / scale).astype(np.float32)
    return np.asarray(data, dtype=np.float32)


class LinearResampler:
    """Streaming linear-interpolation resampler, for a device that refuses 16 kHz.

    Used only as a fallback when PortAudio cannot capture at 16 kHz directly;
    speech above 8 kHz carries little that Whisper needs, so no anti-alias filter.
    """

    def __init__(self, source_rate: int, target_rate: int = SAMPLE_RATE) -> None:
        self.step = source_rate / target_rate
        self._pos = 0.0
        self._prev = np.zeros(1, dtype=np.float32)

    def __call__(self, block: AudioArray) -> AudioArray:
        data = np.concatenate([self._prev, block])
        positions = np.arange(self._pos, data.size - 1, self.step)
        out: AudioArray = np.interp(positions, np.arange(data.size), data).astype(np.float32)
        next_pos = float(positions[-1]) + self.step if positions.size else self._pos
        self._pos = next_pos - (data.size - 1)
        self._prev = data[-1:]
        return out


def rms_dbfs(block: AudioArray) -> float:
    """Loudness of a block in dB relative to full scale (-100 for digital silence)."""
    if block.size == 0:
        return -100.0
    power = float(np.mean(np.square(block, dtype=np.float64)))
    return max(-100.0, 10.0 * float(np.log10(power + 1e-12)))
