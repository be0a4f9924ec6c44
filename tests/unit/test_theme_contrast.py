"""Feedback colours come from the theme and read on it: every STAR part, verdict colour
and heading reaches WCAG AA contrast (4.5:1) on every built-in theme."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.color import Color

from coach.widgets.feedback_text import DARK, LIGHT
from coach.widgets.theme_colours import (
    MIN_CONTRAST,
    contrast,
    heading_colour,
    readable,
    theme_palette,
)

THEMES = sorted(App().available_themes)
ANSI = [t for t in THEMES if t.startswith("ansi-")]


def _variables(theme: str) -> tuple[dict[str, str], bool]:
    app: App[None] = App()
    app.theme = theme
    return app.get_css_variables(), app.current_theme.dark


def _colour(style: str, part: str) -> Color:
    """The foreground (``part="text"``) or background of a style like ``#aaa on #bbb``."""
    text, _, back = style.partition(" on ")
    return Color.parse(text if part == "text" else back)


@pytest.mark.parametrize("theme", [t for t in THEMES if t not in ANSI])
def test_every_feedback_colour_reads_on_the_theme(theme: str) -> None:
    variables, dark = _variables(theme)
    backgrounds = [Color.parse(variables["background"]), Color.parse(variables["surface"])]
    palette = theme_palette(variables, dark)
    for name in ("good", "warn", "bad"):
        colour = Color.parse(getattr(palette, name))
        for background in backgrounds:
            assert contrast(colour, background) >= MIN_CONTRAST, (name, colour.hex, background)
    assert palette.filler.endswith(palette.warn)
    for part, style in palette.star.items():
        ratio = contrast(_colour(style, "text"), _colour(style, "back"))
        assert ratio >= MIN_CONTRAST, (part, style, ratio)
        assert _colour(style, "back") != backgrounds[0] or part == "reflection", (
            f"{part} should be tinted so the parts tell apart"
        )
    heading = heading_colour(variables)
    assert heading is not None
    for background in backgrounds:
        assert contrast(Color.parse(heading), background) >= MIN_CONTRAST


@pytest.mark.parametrize("theme", ANSI)
def test_an_ansi_theme_keeps_the_terminals_own_colours(theme: str) -> None:
    variables, dark = _variables(theme)
    assert theme_palette(variables, dark) in (DARK, LIGHT)
    assert heading_colour(variables) is None


def test_the_light_themes_headings_were_too_faint_and_are_not_now() -> None:
    variables, _dark = _variables("textual-light")
    accent = Color.parse(variables["accent"])
    assert contrast(accent, Color.parse(variables["background"])) < 2.0  # what $accent gave
    assert contrast(Color.parse(heading_colour(variables) or ""), accent) > 1.0


def test_readable_moves_a_colour_only_as_far_as_needed() -> None:
    white, grey = Color(255, 255, 255), Color(200, 200, 200)
    assert readable(Color(0, 0, 0), [white]) == Color(0, 0, 0)
    shade = readable(grey, [white])
    assert contrast(shade, white) >= MIN_CONTRAST and shade != Color(0, 0, 0)
