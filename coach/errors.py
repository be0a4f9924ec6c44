"""Errors a user can act on.

Every failure a user can cause or fix (a bad path, a missing microphone, a model
folder without its tokenizer) is raised as a :class:`CoachError`. The CLI prints
its message and hint and exits with :attr:`CoachError.exit_code`; the TUI shows it
in a notification. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class CoachError(Exception):
    """A problem the user can understand and fix; never shown as a traceback."""

    exit_code: int = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class UsageError(CoachError):
    """Bad input from the user: a wrong argument, a missing or unreadable file."""

    exit_code = 2


class AudioFileError(UsageError):
    """An audio file that cannot be opened or decoded."""


class ModelError(CoachError):
    """A speech model that cannot be found, verified or loaded."""


class DeviceError(CoachError):
    """No PortAudio, no input device, a busy or vanished microphone."""


class StorageError(CoachError):
    """The disk refused a write: full, read-only, or permissions."""


class ModelChoiceError(ModelError, UsageError):
    """``--model`` names no model: an unknown name, a missing or incomplete folder (exit 2)."""
