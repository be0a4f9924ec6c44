"""Keep the Hugging Face hub offline before faster-whisper is imported.

coach only ever passes local folders to faster-whisper, which never needs the
hub; these variables make sure no code path under it tries anyway.
"""

from __future__ import annotations

import os

_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "TRANSFORMERS_OFFLINE": "1",
}


def ensure_offline() -> None:
    for key, value in _OFFLINE_ENV.items():
        os.environ[key] = value
