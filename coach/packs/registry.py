"""Where packs are found: built in, the user's packs folder, or a path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import coach
from coach.errors import UsageError
from coach.locations import config_dir
from coach.packs.loader import PackError, Problem, load_pack
from coach.packs.model import Pack

SUFFIXES = (".yaml", ".yml")


def builtin_dir() -> Path:
    """``question_packs/`` beside the package (a checkout) or inside it (a wheel)."""
    package = Path(coach.__file__).resolve().parent
    for candidate in (package / "_question_packs", package.parent / "question_packs"):
        if candidate.is_dir():
            return candidate
    return package.parent / "question_packs"


def user_dir() -> Path:
    """The user's own packs (``~/.config/coach/packs`` on Linux)."""
    return config_dir() / "packs"


@dataclass(frozen=True, slots=True)
class PackEntry:
    path: Path
    origin: str
    """'built-in' or 'user'."""
    pack: Pack | None
    error: PackError | None = None


def discover() -> list[PackEntry]:
    """Every pack file in the built-in and user folders, valid or not."""
    entries: list[PackEntry] = []
    for origin, folder in (("built-in", builtin_dir()), ("user", user_dir())):
        try:
            if not folder.is_dir():
                continue
            paths = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)
        except OSError as exc:  # an unreadable packs folder: say so, keep the others
            problem = Problem("", f"cannot list the folder: {exc.strerror or exc}")
            entries.append(PackEntry(folder, origin, None, PackError(str(folder), [problem])))
            continue
        for path in paths:
            try:
                entries.append(PackEntry(path, origin, load_pack(path)))
            except PackError as exc:
                entries.append(PackEntry(path, origin, None, exc))
            except UsageError as exc:  # a dangling link, a link loop, a folder named x.yaml
                problem = Problem("", exc.message)
                entries.append(PackEntry(path, origin, None, PackError(str(path), [problem])))
    return entries


def find_pack(ref: str) -> Pack:
    """A pack by id (user packs win over built-in ones) or by path."""
    path = Path(ref).expanduser()
    if path.suffix in SUFFIXES or path.exists():
        return load_pack(path)
    entries = discover()
    matches = [e for e in entries if e.pack is not None and e.pack.id == ref]
    if not matches:
        known = ", ".join(sorted({e.pack.id for e in entries if e.pack})) or "none"
        raise UsageError(f"no pack with id '{ref}'", hint=f"packs found: {known}")
    user = [e for e in matches if e.origin == "user"]
    chosen = (user or matches)[0].pack
    assert chosen is not None
    return chosen
