"""User text on screen: never markup (it goes in ``rich.text.Text``, not parsed), and
never terminal control (escape characters are shown as ``^[``)."""

from __future__ import annotations

from coach.analysis.text import visible_controls as plain

__all__ = ["plain"]
