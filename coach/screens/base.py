"""What every coach screen shares: typed access to the app that owns it.

Screens never import the app at run time (import-linter's layers contract: app →
screens → widgets → core); the app is known here only to the type checker."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from coach.app import CoachApp


class CoachScreen(Screen[None]):
    @property
    def coach(self) -> CoachApp:
        """The app, with its backends, store and session in progress."""
        return cast("CoachApp", self.app)

    def unsaved_reason(self) -> str | None:
        """Why leaving now would lose work (asked before quitting), or None."""
        return None

    def quit_after_saving(self) -> bool:
        """Quit once the work in progress is saved; False when nothing is waited for."""
        return False

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's own entries in the command palette."""
        return ()
