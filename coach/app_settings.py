"""What the app remembers and how it looks: settings, theme colours, notifications.

:class:`SettingsApp` is the base of :class:`coach.app.CoachApp`: it reads
``config.toml`` at start (saying what in it was unusable), applies the theme, keeps
every choice worth remembering, opens the settings screen, gives the stylesheet a
heading colour that reads on the theme, and shows every notification as plain text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel

from coach.config import Config, load_config, save_config
from coach.screens.settings import SettingsScreen
from coach.widgets.safe import plain
from coach.widgets.theme_colours import heading_colour


class SettingsApp(App[int]):
    def __init__(self) -> None:
        super().__init__()
        self.config, self.config_problems = load_config()
        """What the user chose last time (``config.toml``), and what in it was unusable."""

    def apply_config(self) -> None:
        """At mount: the remembered theme, and a message for each unusable setting."""
        theme = self.config.theme
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        elif theme is not None:
            self.config_problems.append(
                f"config.toml: no theme called {theme!r}; using the default"
            )
        self.theme_changed_signal.subscribe(self, lambda t: self.remember(theme=t.name))
        for problem in self.config_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: its messages carry paths, pack names and
        error text, which must never be read as markup or terminal control."""
        super().notify(
            plain(message), title=plain(title), severity=severity, timeout=timeout, markup=False
        )

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, plus headings in its accent made readable on it."""
        variables = super().get_css_variables()
        heading = heading_colour(variables)
        variables["coach-heading"] = heading or variables.get("text-accent", "ansi_green")
        return variables

    def open_settings(self) -> None:
        def saved(config: Config | None) -> None:
            if config is not None:
                self.keep_config(config)
                if config.theme and config.theme != self.theme:
                    self.theme = config.theme

        self.push_screen(SettingsScreen(self.config, sorted(self.available_themes)), saved)

    def remember(self, **changes: Any) -> None:
        """Keep a choice for the next launch (see :meth:`keep_config`)."""
        self.keep_config(replace(self.config, **changes))

    def keep_config(self, config: Config) -> None:
        """Save the settings; a settings file that cannot be written costs the memory,
        never the session (said once)."""
        if config == self.config:
            return
        self.config = config
        try:
            save_config(config)
        except OSError as exc:
            if not self._config_unsaved:
                self._config_unsaved = True
                self.notify(f"Settings not saved: {exc}", severity="warning", timeout=8)

    _config_unsaved = False
