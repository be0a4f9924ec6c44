"""Where coach keeps its files, in one place.

Defaults follow the platform (``platformdirs``); each is overridable through an
environment variable so tests and portable installs can move them. Every
directory coach creates is private to the user (0700).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

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

    Only folders coach creates are made private: an existing folder (a shared one the
    user pointed ``COACH_DATA_DIR`` at, say) keeps the permissions its owner gave it.
    """
    missing: list[Path] = []
    probe = path
    while not os.path.lexists(probe):
        missing.append(probe)
        probe = probe.parent
    try:
        for folder in reversed(missing):
            try:
                folder.mkdir(mode=PRIVATE_DIR_MODE)
            except FileExistsError:  # another coach made it a moment ago: not ours
                continue
            os.chmod(folder, PRIVATE_DIR_MODE)  # ours: the umask may have taken bits
        if not path.is_dir():
            raise NotADirectoryError(20, "not a folder", str(path))
    except OSError as exc:
        raise StorageError(
            f"cannot use the folder {path}: {exc.strerror or exc}",
            hint="check its permissions and free space, or set COACH_DATA_DIR to another folder",
        ) from exc
    return path


def input_file(path: str | Path, what: str, error: type[UsageError] = UsageError) -> Path:
    """``path`` as a readable regular file the user named, or ``error`` saying what is
    wrong. A pipe or a device is refused before it is opened (reading one could wait
    for ever, or never end)."""
    file = Path(path).expanduser()
    try:
        info = os.stat(file)
    except FileNotFoundError:
        hint = "it is a link to a file that is not there" if file.is_symlink() else None
        raise error(
            f"no such {what}: {file}", hint=hint or "check the path and try again"
        ) from None
    except OSError as exc:  # a link loop, a name too long, a folder we may not enter
        raise error(f"cannot read {file}: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        article = "an" if what[0] in "aeiou" else "a"
        raise error(f"{file} is a folder, not {article} {what}")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{file} is not a regular file (a pipe or a device?)")
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise error(f"cannot read {file}: {exc.strerror}") from exc
    os.close(fd)
    return file
