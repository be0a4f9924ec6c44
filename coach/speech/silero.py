"""Silero VAD, streaming: the speech probability of every 32 ms of audio.

The model is the one faster-whisper ships (``faster_whisper/assets/silero_vad_v6.onnx``,
1.2 MB, pinned by SHA-256 here), run by onnxruntime with its recurrent state carried
from block to block, so it can follow a live recording. Unlike an energy threshold it
tells a voice from mains hum, fans, pink noise and keyboard clicks, and it hears a
quiet microphone: pauses survive a real room. It costs well under 1 % of real time on
one core (``benchmarks/delivery.py``).
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from coach.errors import ModelError
from coach.speech.audio import SAMPLE_RATE, AudioArray

CHUNK = 512
"""Samples the model reads at a time (32 ms at 16 kHz)."""
CONTEXT = 64
"""Samples of the previous chunk the model sees before each chunk."""
CHUNK_S = CHUNK / SAMPLE_RATE
MODEL_SHA256 = "4cbf549b8326f60f80f2536d9eefeb450a9abe83365a098031c89719f1be17d2"
HINT = "reinstall coach (make clean && make run): faster-whisper's VAD model is damaged"

_SESSION: Any = None
_SESSION_LOCK = threading.Lock()


def model_path() -> Path:
    try:
        from faster_whisper.utils import get_assets_path
    except ImportError as error:
        raise ModelError("faster-whisper is not installed", hint=HINT) from error
    return Path(get_assets_path()) / "silero_vad_v6.onnx"


def _session() -> Any:
    """One checked onnxruntime session for the process (the model has no state of its
    own: each stream carries its recurrent state)."""
    global _SESSION
    with _SESSION_LOCK:
        if _SESSION is None:
            import onnxruntime

            try:
                data = model_path().read_bytes()
            except OSError as error:
                raise ModelError(f"cannot read the voice detector: {error}", HINT) from error
            if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
                raise ModelError("the voice detector is not the file coach was built with", HINT)
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.enable_cpu_mem_arena = False
            options.log_severity_level = 4
            _SESSION = onnxruntime.InferenceSession(
                data, options, providers=["CPUExecutionProvider"]
            )
        return _SESSION


class SileroStream:
    """Feed audio blocks of any size in order; ``probabilities`` grows by one entry per
    32 ms chunk."""

    def __init__(self) -> None:
        self._session = _session()
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(CONTEXT, dtype=np.float32)
        self._rest = np.zeros(0, dtype=np.float32)
        self.probabilities: list[float] = []

    def feed(self, block: AudioArray) -> int:
        """Score the whole chunks in ``block``; returns how many were added."""
        data = np.concatenate([self._rest, block.astype(np.float32, copy=False)])
        whole = data.size // CHUNK
        self._rest = data[whole * CHUNK :].copy()
        if whole == 0:
            return 0
        chunks = data[: whole * CHUNK].reshape(whole, CHUNK)
        before = np.vstack([self._context[None, :], chunks[:-1, -CONTEXT:]])
        batch = np.ascontiguousarray(np.hstack([before, chunks]), dtype=np.float32)
        probs, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c}
        )
        self._context = chunks[-1, -CONTEXT:].copy()
        self.probabilities.extend(float(p) for p in np.asarray(probs).reshape(-1))
        return whole


def speech_runs(
    probabilities: list[float] | npt.NDArray[np.float64], threshold: float, release: float
) -> npt.NDArray[np.bool_]:
    """Speech per chunk with hysteresis: speech starts at ``threshold`` and lasts until
    the probability falls below ``release`` (Silero's own rule, threshold − 0.15)."""
    out = np.zeros(len(probabilities), dtype=bool)
    speaking = False
    for i, p in enumerate(probabilities):
        speaking = p >= threshold if not speaking else p >= release
        out[i] = speaking
    return out
