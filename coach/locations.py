"""Where coach keeps its files, in one place.

Defaults follow the platform (``platformdirs``); each is overridable through an
environment variable so tests and portable installs can move them. Every
directory coach creates is private to the user (0700).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

APP_NAME = "coach"

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _dir(env: str, default: str) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser() if value else Path(default)


def data_dir() -> Path:
    """Recordings, transcripts and history (``COACH_DATA_DIR``)."""
    return _dir("COACH_DATA_DIR", user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Rebuildable files such as the joined base model (``COACH_CACHE_DIR``)."""
    return _dir("COACH_CACHE_DIR", user_cache_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Settings and the user's own question packs (``COACH_CONFIG_DIR``)."""
    return _dir("COACH_CONFIG_DIR", user_config_dir(APP_NAME, appauthor=False))


def recordings_dir() -> Path:
    """Answer recordings, one WAV per take."""
    return data_dir() / "recordings"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` readable only by the user, with any missing parents; return it.

    Parents coach creates are private too; existing ones are left alone.
    """
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
    os.chmod(path, PRIVATE_DIR_MODE)
    return path
