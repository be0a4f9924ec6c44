"""The one place coach changes files: harmless by construction.

coach deletes, truncates, repairs or chmods only *regular files it created inside
its own data folder*: the path must sit directly in a folder coach owns (the data
folder, or its ``recordings/``), neither it nor that folder may be a symbolic link,
and the file must belong to this user. Every other path is refused, whatever a
database row, an import or a pack says. Files that replace an earlier one are
written atomically (a temp file beside it, fsync, rename), so a crash or a full
disk leaves the old file whole.

Plain Python, no Textual.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from coach.errors import StorageError

PRIVATE_FILE_MODE = 0o600
RECORDING_SUFFIXES = (".wav", ".pending.json", ".typed.json")
"""What coach itself writes into ``recordings/``; anything else there is left alone."""


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (it may own a file coach would otherwise clean)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's, or a number no process can have: leave its files
    return True


def real_folder(folder: Path) -> Path | None:
    """``folder`` resolved, if it is a real folder (not itself a symbolic link)."""
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    return Path(os.path.realpath(folder))


def owned_file(path: Path, folder: Path) -> os.stat_result | None:
    """The file's status if ``path`` is a regular file of this user, directly in
    ``folder``, reached without following any link; otherwise ``None``."""
    real = real_folder(folder)
    if real is None or path.name in ("", ".", ".."):
        return None
    if Path(os.path.realpath(os.path.abspath(path.parent))) != real:
        return None
    try:
        info = os.lstat(real / path.name)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        return None
    return info


def remove_owned(path: Path, folder: Path) -> bool:
    """Delete ``path`` if it is a file coach owns in ``folder`` (see :func:`owned_file`);
    ``False`` if it was refused or already gone. Other failures are a :class:`StorageError`."""
    if owned_file(path, folder) is None:
        return False
    try:
        os.unlink(Path(os.path.realpath(folder)) / path.name)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StorageError(
            f"could not delete {path}: {exc.strerror or exc}", hint=f"remove {path} by hand"
        ) from exc
    return True


@contextlib.contextmanager
def open_owned(path: Path, folder: Path, mode: str = "r+b") -> Iterator[IO[Any]]:
    """Open an existing file coach owns for repair, never through a link (``O_NOFOLLOW``)
    and only if it is still a regular file of this user once opened."""
    if owned_file(path, folder) is None:
        raise PermissionError(errno.EPERM, "not a file coach created", str(path))
    flags = (os.O_RDWR if "+" in mode else os.O_RDONLY) | os.O_NOFOLLOW | os.O_NONBLOCK
    fd = os.open(Path(os.path.realpath(folder)) / path.name, flags)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        os.close(fd)
        raise PermissionError(errno.EPERM, "not a file coach created", str(path))
    with os.fdopen(fd, mode) as handle:
        yield handle


def create_private(path: Path, mode: str = "wb", **kwargs: Any) -> IO[Any]:
    """Create a new file readable by the user only (0600); never opens an existing file
    or follows a link (``O_EXCL``), so it can only ever change a file it made."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE_MODE)
    os.fchmod(fd, PRIVATE_FILE_MODE)  # the umask may have taken bits; the file is ours
    return os.fdopen(fd, mode, **kwargs)


def atomic_write(path: Path, data: bytes, *, follow_links: bool = False) -> None:
    """Replace ``path`` with ``data`` (0600) atomically: all of it or none of it.

    A temp file in the same folder is written, synced and renamed over ``path``; on
    any failure it is removed and the earlier file at ``path`` is untouched. A link at
    ``path`` is itself replaced, unless ``follow_links`` (a path the user named), when
    the file it points to is."""
    target = Path(os.path.realpath(path)) if follow_links else Path(os.path.abspath(path))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), PRIVATE_FILE_MODE)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    with contextlib.suppress(OSError):  # the rename itself durable, where the OS allows
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user named (``-o FILE``): atomically when it is (or will be) a
    regular file; a device or pipe (``/dev/stdout``) is written as it is, never
    chmodded or replaced."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(path, "wb") as out:  # a device: no temp file, no rename
            out.write(data)
        return
    atomic_write(path, data, follow_links=True)


@dataclass(frozen=True, slots=True)
class DataFolder:
    """coach's data folder: the history database beside ``recordings/``.

    The folder itself may be reached through a link the user made (``COACH_DATA_DIR``
    pointing elsewhere); nothing inside it is followed out of it."""

    root: Path

    @classmethod
    def at(cls, path: Path) -> DataFolder:
        return cls(Path(os.path.realpath(path.expanduser())))

    @property
    def recordings(self) -> Path:
        return self.root / "recordings"

    @property
    def database(self) -> Path:
        return self.root / "coach.sqlite3"

    def recording_name(self, audio_path: str | Path | None) -> str | None:
        """The file name, if ``audio_path`` names a WAV directly in ``recordings/``
        (a relative path is taken from the data folder); ``None`` for anything else,
        such as ``/etc/passwd`` or ``recordings/../../x.wav``."""
        if not audio_path or "\0" in str(audio_path):
            return None
        path = Path(os.path.normpath(self.root / Path(audio_path).expanduser()))
        if path.suffix.lower() != ".wav" or path.name.startswith("."):
            return None
        if path.parent == self.recordings:
            return path.name
        try:
            same = Path(os.path.realpath(path.parent)) == Path(os.path.realpath(self.recordings))
        except (OSError, ValueError):
            return None
        return path.name if same else None

    def recording(self, audio_path: str | Path | None) -> Path | None:
        """The recording to play or decode: a regular file coach owns, else ``None``."""
        name = self.recording_name(audio_path)
        if name is None or owned_file(self.recordings / name, self.recordings) is None:
            return None
        return self.recordings / name

    def remove_recording(self, name: str) -> bool:
        return remove_owned(self.recordings / name, self.recordings)
