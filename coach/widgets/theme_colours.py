"""Feedback colours taken from the theme in use, each made to read on it.

Textual themes (Nord, Gruvbox, Solarized…) name their own success, warning and error
colours; coach uses those, so feedback looks like the rest of the theme. Every colour
is then checked against the theme's background and surface and, where it falls
short of the WCAG AA contrast of 4.5:1 for text, moved toward black or white until it
reads. STAR-part backgrounds are the theme's hues blended into its background, only
as strongly as the theme's text stays readable on them. ANSI themes leave colours to
the terminal, so they get the terminal's named colours (contrast is the terminal's).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from textual.app import App
from textual.color import Color, ColorParseError

from coach.widgets.feedback_text import DARK, LIGHT, Palette

MIN_CONTRAST = 4.5
"""WCAG 2 AA for normal text."""
STAR_HUES = {
    "situation": "primary",
    "task": "accent",
    "action": "success",
    "result": "error",
    "reflection": "foreground",
}


def _parse(value: str) -> Color:
    """A theme colour; an ANSI one (the terminal decides what it looks like) is refused."""
    colour = Color.parse(value)
    if colour.ansi is not None:
        raise ColorParseError(f"{value} is the terminal's colour")
    return colour


def luminance(colour: Color) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(a: Color, b: Color) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: Color, backgrounds: Sequence[Color]) -> Color:
    """``colour``, or the nearest shade of it toward black or white that reaches
    :data:`MIN_CONTRAST` on every one of ``backgrounds``."""
    darkest = min(luminance(b) for b in backgrounds)
    target = Color(0, 0, 0) if darkest > 0.18 else Color(255, 255, 255)
    for step in range(21):
        shade = colour.blend(target, step / 20)
        if min(contrast(shade, b) for b in backgrounds) >= MIN_CONTRAST:
            return shade
    return target


def tint(background: Color, hue: Color, text: Color) -> Color:
    """A background for a STAR part: ``hue`` blended into ``background`` as strongly
    as ``text`` on it still reads (at most 45 %)."""
    for share in (0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1):
        shaded = background.blend(hue, share)
        if contrast(text, shaded) >= MIN_CONTRAST:
            return shaded
    return background


@lru_cache(maxsize=32)
def _palette(variables: tuple[tuple[str, str], ...], dark: bool) -> Palette:
    v = dict(variables)
    try:
        background = _parse(v["background"])
        surface = _parse(v["surface"])
        text = readable(_parse(v["foreground"]), (background, surface))
        good, warn, bad = (
            readable(_parse(v[f"text-{name}"]), (background, surface)).hex6
            for name in ("success", "warning", "error")
        )
        star = {
            part: f"{text.hex6} on {tint(background, _parse(v[hue]), text).hex6}"
            for part, hue in STAR_HUES.items()
        }
    except (KeyError, ColorParseError):  # an ANSI theme: the terminal's own colours
        return DARK if dark else LIGHT
    return Palette(good=good, warn=warn, bad=bad, filler=f"underline bold {warn}", star=star)


def theme_palette(variables: Mapping[str, str], dark: bool = True) -> Palette:
    """The feedback colours for a theme given its CSS variables."""
    wanted = ("background", "surface", "foreground", "primary", "accent", "success", "error")
    texts = ("text-success", "text-warning", "text-error")
    return _palette(tuple((k, variables[k]) for k in (*wanted, *texts) if k in variables), dark)


def palette_for(app: App[Any]) -> Palette:
    """The feedback colours for the theme ``app`` shows now."""
    return theme_palette(app.theme_variables, app.current_theme.dark)


def heading_colour(variables: Mapping[str, str]) -> str | None:
    """The theme's accent for text, made readable on its background and surface; None
    for an ANSI theme (its CSS keeps the terminal's accent)."""
    try:
        backgrounds = (_parse(variables["background"]), _parse(variables["surface"]))
        return readable(_parse(variables["text-accent"]), backgrounds).hex6
    except (KeyError, ColorParseError):
        return None
