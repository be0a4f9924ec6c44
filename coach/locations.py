"""Where coach keeps its files, in one place.

Defaults follow the platform (``platformdirs``); each is overridable through an
environment variable so tests and portable installs can move them. Every
directory coach creates is private to the user (0700).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

from coach.errors import StorageError, UsageError

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
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
        if not path.is_dir():
            raise NotADirectoryError(20, "not a folder", str(path))
        os.chmod(path, PRIVATE_DIR_MODE)
    except OSError as exc:
        raise StorageError(
            f"cannot use the folder {path}: {exc.strerror or exc}",
            hint="check its permissions and free space, or set COACH_DATA_DIR to another folder",
        ) from exc
    return path


def open_private(path: Path, mode: str = "wb", **kwargs: Any) -> IO[Any]:
    """Open ``path`` for writing (truncated), created readable by the user only (0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    os.chmod(path, PRIVATE_FILE_MODE)
    return os.fdopen(fd, mode, **kwargs)


def input_file(path: str | Path, what: str, error: type[UsageError] = UsageError) -> Path:
    """``path`` as a readable file the user named, or ``error`` saying what is wrong."""
    file = Path(path).expanduser()
    if not file.exists():
        raise error(f"no such {what}: {file}", hint="check the path and try again")
    if file.is_dir():
        article = "an" if what[0] in "aeiou" else "a"
        raise error(f"{file} is a folder, not {article} {what}")
    try:
        with file.open("rb"):
            pass
    except OSError as exc:
        raise error(f"cannot read {file}: {exc.strerror}") from exc
    return file
