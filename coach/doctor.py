"""``coach doctor``: check everything coach depends on, and say what to fix.

Each check returns a :class:`Check`. Two change files, as starting coach would
anyway: joining the base model into the cache, and repairing the headers of
recordings a crash interrupted (they stay for ``coach recover``).
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coach.errors import CoachError
from coach.locations import data_dir
from coach.safe_files import real_folder
from coach.words import counted

MIN_FREE_MB = 200


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str | None = None
    files: tuple[dict[str, object], ...] = ()
    """For a model: each file's checksum state (``coach doctor --json``)."""

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "name": self.name,
            "ok": self.ok,
            "detail": self.detail,
            "fix": self.fix,
        }
        if self.files:
            data["files"] = list(self.files)
        return data


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info >= (3, 11)
    return Check("Python", ok, version, None if ok else "install Python 3.11 or newer")


def check_audio() -> Check:
    from coach.speech.microphone import PORTAUDIO_HINT, list_input_devices

    try:
        devices = list_input_devices()
    except CoachError as exc:
        return Check("PortAudio", False, exc.message, exc.hint or PORTAUDIO_HINT)
    if not devices:
        return Check(
            "Microphone",
            False,
            "PortAudio works but sees no input device",
            "plug in a microphone; meanwhile type answers (t) or use --audio-file FILE",
        )
    default = next((d for d in devices if d.is_default), devices[0])
    return Check("Microphone", True, f"{len(devices)} input(s); default: {default.name}")


def check_model(name: str) -> Check:
    """The model coach will load: a bundled one has every file hashed against its pin."""
    from coach.speech.models import bundled_model_files, resolve_model

    try:
        if name in ("base", "tiny.en"):
            folder, states = bundled_model_files(name)
            files = tuple(s.to_dict() for s in states)
            bad = [f"{s.file} ({s.state})" for s in states if not s.ok]
            if bad:
                fix = (
                    f"delete {folder} and run coach again to rebuild it"
                    if name == "base"
                    else "reinstall coach (make clean && make run)"
                )
                return Check(f"Model {name}", False, f"{', '.join(bad)} in {folder}", fix, files)
            return Check(
                f"Model {name}", True, f"{folder} ({len(states)} files, SHA-256 OK)", None, files
            )
        resolved = resolve_model(name)
    except CoachError as exc:
        return Check(f"Model {name}", False, exc.message, exc.hint)
    return Check(f"Model {name}", True, f"{resolved.path} (a local folder: files present)")


def check_feedback_model() -> Check:
    """The sentence encoder, the fitted STAR model and the voice detector the feedback
    needs."""
    from coach.analysis.encoder import SentenceEncoder
    from coach.analysis.star import shipped_model
    from coach.speech.silero import SileroStream

    try:
        SentenceEncoder.load()
        SileroStream()
        version = shipped_model().version
    except CoachError as exc:
        return Check("Feedback model", False, exc.message, exc.hint)
    except (OSError, ValueError) as exc:
        return Check("Feedback model", False, str(exc), "reinstall coach (make clean && make run)")
    return Check(
        "Feedback model", True, f"{version} on all-MiniLM-L6-v2 int8, Silero VAD (checksums OK)"
    )


def check_data_dir(folder: Path | None = None) -> Check:
    """coach's own files are private (its history, its recordings folder and what is in
    it). Nothing is followed through a link; a folder the user shares is not judged."""
    folder = folder or data_dir()
    if not folder.exists():
        return Check("Data folder", True, f"{folder} (created on first use)")
    mine = [folder / f"coach.sqlite3{side}" for side in ("", "-wal", "-shm")]
    recordings = folder / "recordings"
    if real_folder(recordings) is not None:
        mine.append(recordings)
        try:
            mine += sorted(recordings.iterdir())
        except OSError as exc:
            return Check("Data folder", False, f"cannot list {recordings}: {exc.strerror}")
    loose, links = [], []
    for path in mine:
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            links.append(str(path))
        elif stat.S_IMODE(info.st_mode) & 0o077:
            loose.append(f"{path} ({stat.S_IMODE(info.st_mode):o})")
    if recordings.is_symlink():
        links.insert(0, str(recordings))
    if links:
        return Check(
            "Data folder",
            False,
            f"{len(links)} link(s) where coach keeps its own files, e.g. {links[0]}",
            "coach never follows them; move them away so recordings stay in the data folder",
        )
    if loose:
        return Check(
            "Data folder",
            False,
            f"{len(loose)} of coach's files are readable by others, e.g. {loose[0]}",
            f"chmod go-rwx {shlex.quote(str(recordings))} and the files in it, "
            f"and {shlex.quote(str(folder / 'coach.sqlite3'))}",
        )
    if not os.access(folder, os.W_OK):
        return Check("Data folder", False, f"{folder} is read-only", f"chmod u+w {folder}")
    free_mb = shutil.disk_usage(folder).free / 1e6
    if free_mb < MIN_FREE_MB:
        return Check(
            "Free space",
            False,
            f"{free_mb:.0f} MB free in {folder}",
            f"free at least {MIN_FREE_MB} MB (a minute of answer is about 2 MB)",
        )
    return Check("Data folder", True, f"{folder} (private; {free_mb / 1000:.1f} GB free)")


def check_interrupted(folder: Path | None = None) -> Check:
    folder = folder or data_dir()
    if not (folder / "coach.sqlite3").exists():
        return Check("History", True, "empty")
    from coach.history.store import Store
    from coach.recovery import find_orphans

    try:
        store = Store(folder / "coach.sqlite3")
    except CoachError as exc:
        return Check("History", False, exc.message, exc.hint)
    orphans = find_orphans(store, folder / "recordings")
    answers = store.answer_count()
    store.close()
    if orphans:
        return Check(
            "History",
            False,
            f"{len(orphans)} recording(s) from interrupted answers",
            "run `coach recover` to transcribe and save them",
        )
    return Check("History", True, f"{counted(answers, 'answer')}, schema up to date")


def run_checks(model: str) -> list[Check]:
    checks: list[Callable[[], Check]] = [
        check_python,
        check_audio,
        lambda: check_model(model),
        *([lambda: check_model("tiny.en")] if model != "tiny.en" else []),
        check_feedback_model,
        check_data_dir,
        check_interrupted,
    ]
    return [check() for check in checks]


def report(checks: list[Check]) -> str:
    lines = []
    for check in checks:
        lines.append(f"{'✓' if check.ok else '✗'} {check.name}: {check.detail}")
        if check.fix:
            lines.append(f"    fix: {check.fix}")
    bad = sum(not c.ok for c in checks)
    lines.append("All good." if not bad else f"{bad} thing(s) to fix; see above.")
    return "\n".join(lines)
