"""What every coach screen shares: typed access to the app that owns it."""

from __future__ import annotations

from textual.screen import Screen

from coach.app import CoachApp


class CoachScreen(Screen[None]):
    @property
    def coach(self) -> CoachApp:
        """The app, with its backends, store and session in progress."""
        assert isinstance(self.app, CoachApp)
        return self.app
