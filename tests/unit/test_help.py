"""Help is read from the screens' bindings, so every key a screen answers is in it."""

from __future__ import annotations

from coach.app import CoachApp
from coach.screens.help import help_text, screen_keys


def test_help_lists_every_key_and_says_how_to_close() -> None:
    shown = help_text(CoachApp.BINDINGS).plain
    assert "esc, q or ? closes this help" in shown
    for _title, bindings in screen_keys(CoachApp.BINDINGS):
        for binding in bindings:
            assert (binding.tooltip or binding.description) in shown
    for once_missing in ("g  ", "w  ", "[  ", "]  ", "x del"):
        assert once_missing in shown
