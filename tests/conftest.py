"""Shared fixtures: private temp data dirs, the real bundled model, real and synthetic speech."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "tests" / ".generated"
SHARED = Path(os.environ.get("COACH_SHARED_DIR", ROOT.parent / "shared"))
AUDIO = SHARED / "audio"
DATA = ROOT / "tests" / "data"

JFK_TEXT = (
    "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)
ARCTIC_TEXT = "It was my reports from the north which chiefly induced people to buy."

# The joined base model is cached across test runs (it is rebuildable, 145 MB), in the
# checkout, never in the user's cache (even when COACH_CACHE_DIR is set for the app).
os.environ["COACH_CACHE_DIR"] = str(GENERATED / "cache")


def _user_folders() -> list[Path]:
    """Where coach (and PulseAudio, started by the microphone test) would write for the
    user: the tests must leave every one of them as it was."""
    from platformdirs import user_cache_dir, user_config_dir, user_data_dir

    home = Path.home()
    return [
        Path(user_config_dir("coach", appauthor=False)),
        Path(user_data_dir("coach", appauthor=False)),
        Path(user_cache_dir("coach", appauthor=False)),
        home / ".config" / "pulse",
        home / ".local" / "bin" / "coach",
    ]


def _listing(roots: list[Path]) -> dict[str, tuple[int, int]]:
    seen: dict[str, tuple[int, int]] = {}
    for root in roots:
        if not root.exists() and not root.is_symlink():
            continue
        for path in [root, *(root.rglob("*") if root.is_dir() else [])]:
            info = path.lstat()
            seen[str(path)] = (info.st_mtime_ns, info.st_size)
    return seen


@pytest.fixture(scope="session", autouse=True)
def users_folders_untouched() -> Iterator[None]:
    """After the whole run, the user's config, data and cache folders (and PulseAudio's
    cookie folder) are exactly as they were: tests write only to temp folders."""
    folders = _user_folders()
    before = _listing(folders)
    yield
    after = _listing(folders)
    changed = sorted(set(before.items()) ^ set(after.items()))
    assert not changed, f"tests wrote into the user's folders: {changed[:5]}"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test writes its recordings and settings under its own temp dir."""
    data = tmp_path / "coach-data"
    monkeypatch.setenv("COACH_DATA_DIR", str(data))
    monkeypatch.setenv("COACH_CONFIG_DIR", str(tmp_path / "coach-config"))
    return data


def shared_clip(name: str) -> Path:
    path = AUDIO / name
    if not path.exists():
        pytest.skip(f"shared audio clip {path} is missing (../shared must sit beside the repo)")
    return path


@pytest.fixture(scope="session")
def base_transcriber():  # type: ignore[no-untyped-def]
    from coach.speech.transcriber import Transcriber

    return Transcriber("base")


@pytest.fixture(scope="session")
def tiny_transcriber():  # type: ignore[no-untyped-def]
    from coach.speech.transcriber import Transcriber

    return Transcriber("tiny.en")


def make_speech(
    text: str, *, speed: int = 155, voice: str = "en-us", gap: int = 0, ssml: bool = False
) -> Path:
    """Speak ``text`` with espeak-ng into a cached 16 kHz mono WAV (no dither: repeatable);
    ``ssml`` reads ``text`` as SSML (``<prosody range="x-low">`` and the like)."""
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        pytest.skip("espeak-ng and sox are needed to make test speech (apt-get install them)")
    key = hashlib.sha256(f"{voice}|{speed}|{gap}|{ssml}|{text}".encode()).hexdigest()[:16]
    out = GENERATED / f"speech-{key}.wav"
    if out.exists():
        return out
    GENERATED.mkdir(parents=True, exist_ok=True)
    raw = GENERATED / f"speech-{key}.raw.wav"
    subprocess.run(
        [
            "espeak-ng",
            *(["-m"] if ssml else []),
            *("-v", voice, "-s", str(speed), "-g", str(gap), "-w", str(raw), text),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)],
        check=True,
        capture_output=True,
    )
    raw.unlink()
    return out


@pytest.fixture
def speech() -> Callable[..., Path]:
    return make_speech


@pytest.fixture(scope="session")
def answer_text() -> str:
    return (DATA / "answer_2min.txt").read_text()


@pytest.fixture
def isolated_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """An environment for subprocesses, with coach's dirs under tmp_path."""
    env = dict(os.environ)
    env["COACH_DATA_DIR"] = str(tmp_path / "data")
    yield env
