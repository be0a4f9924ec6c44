"""What coach remembers between launches: ``config.toml`` in the config folder.

Read with :mod:`tomllib`, written atomically (the whole file or none of it). The file
is the user's to edit, so it is untrusted input: a value coach cannot use is reported
in one line and its default used instead; a file that is not TOML at all gives the
defaults and a message, never a crash. Plain Python, no Textual.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

from coach.errors import UsageError
from coach.locations import config_dir, ensure_private_dir
from coach.safe_files import atomic_write

Feedback = Literal["end", "each"]
MODES = ("drill", "mock", "custom")
MODELS = ("base", "tiny.en")
MAX_CONFIG_BYTES = 64 * 1024
MAX_THINK_S = 300
WHOLE_NUMBERS = {"think_s": (0, MAX_THINK_S, "of seconds"), "interview_questions": (3, 5, "")}

DESCRIPTIONS = {
    "pack": "the question pack chosen last (its id)",
    "mode": "the practice mode chosen last: drill, mock or custom",
    "theme": "the colour theme (any Textual theme name, e.g. textual-dark, nord, gruvbox)",
    "model": "the speech model when --model is not given: base or tiny.en",
    "device": "the input device when --device is not given (a number or a name)",
    "think_s": "think time before each question in seconds, instead of the pack's (0-300)",
    "interview_feedback": "mock interview feedback: end (after the interview) or each question",
    "interview_questions": "how many questions a mock interview asks (3-5)",
}


@dataclass(frozen=True, slots=True)
class Config:
    pack: str | None = None
    mode: str = "drill"
    theme: str | None = None
    model: str | None = None
    device: str | None = None
    think_s: int | None = None
    interview_feedback: Feedback = "end"
    interview_questions: int = 4

    @property
    def feedback_each(self) -> bool:
        return self.interview_feedback == "each"


KEYS = tuple(f.name for f in fields(Config))


def config_path() -> Path:
    return config_dir() / "config.toml"


def _quoted(value: object) -> str:
    """A value the user gave, short enough for a one-line message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _checked(key: str, value: object) -> Any:
    """``value`` as ``key`` takes it; :class:`UsageError` saying why not."""
    if key in ("pack", "theme", "device"):
        if isinstance(value, int) and not isinstance(value, bool) and key == "device":
            return str(value)
        if not isinstance(value, str) or not value.strip() or len(value) > 200:
            raise UsageError(f"{key} must be a short text")
        return value.strip()
    if key == "mode" and value not in MODES:
        raise UsageError(f"mode must be one of {', '.join(MODES)}, not {_quoted(value)}")
    if key == "model" and value not in MODELS:
        raise UsageError(f"model must be one of {', '.join(MODELS)}, not {_quoted(value)}")
    if key == "interview_feedback" and value not in ("end", "each"):
        raise UsageError(f"interview_feedback must be end or each, not {_quoted(value)}")
    if key in WHOLE_NUMBERS:
        low, high, what = WHOLE_NUMBERS[key]
        text = value.strip() if isinstance(value, str) else ""
        number = int(text) if text.isascii() and text.isdigit() else value
        if not isinstance(number, int) or isinstance(number, bool) or not low <= number <= high:
            wanted = " ".join(filter(None, ("a whole number", what, f"from {low} to {high}")))
            raise UsageError(f"{key} must be {wanted}")
        return number
    if key not in KEYS:
        raise UsageError(f"unknown setting {_quoted(key)}", hint=f"settings: {', '.join(KEYS)}")
    return value


def _read(path: Path) -> bytes | None:
    """The file's bytes; None when there is none. Only a regular file, not too large."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        data = handle.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise OSError(f"{path} is larger than {MAX_CONFIG_BYTES // 1024} KB")
    return data


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings in ``path`` (the config folder's ``config.toml`` by default) and a
    message for each thing in it that could not be used (the default is used then)."""
    path = path or config_path()
    try:
        data = _read(path)
        raw: dict[str, Any] = tomllib.loads(data.decode("utf-8")) if data else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(), [f"{path} could not be read ({exc}); using the default settings"]
    config, problems = Config(), []
    for key, value in raw.items():
        try:
            config = replace(config, **{key: _checked(key, value)})
        except UsageError as exc:
            problems.append(f"{path.name}: {exc.message}; using the default")
    return config, problems


def _toml_value(value: object) -> str:
    # A JSON string (ASCII, escaped) is also a valid TOML basic string.
    return str(value) if isinstance(value, int) else json.dumps(str(value))


def save_config(config: Config, path: Path | None = None) -> Path:
    """Write ``config`` (only the settings that differ from the defaults) atomically."""
    path = path or config_path()
    ensure_private_dir(path.parent)
    lines = ["# coach settings: `coach config` shows and sets them\n"]
    for key in KEYS:
        value = getattr(config, key)
        if value is not None and value != getattr(Config(), key):
            lines.append(f"{key} = {_toml_value(value)}\n")
    atomic_write(path, "".join(lines).encode("utf-8"))
    return path


def set_value(config: Config, key: str, value: str | None) -> Config:
    """``config`` with ``key`` set from text (None: back to its default)."""
    if key not in KEYS:
        raise UsageError(f"unknown setting {key!r}", hint=f"settings: {', '.join(KEYS)}")
    if value is None:
        return replace(config, **{key: getattr(Config(), key)})
    return replace(config, **{key: _checked(key, value)})
