"""A one-line input level meter, so the candidate can see the app is listening."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class LevelMeter(Widget):
    """Shows loudness in dBFS as a bar from -60 (silence) to 0 (clipping)."""

    DEFAULT_CSS = """
    LevelMeter { height: 1; width: 1fr; }
    """

    level: reactive[float] = reactive(-100.0)

    def render(self) -> Text:
        width = max(10, self.size.width - 12)
        fraction = min(1.0, max(0.0, (self.level + 60.0) / 60.0))
        filled = round(fraction * width)
        style = "green" if self.level < -6 else "red"
        bar = Text("▮" * filled, style=style) + Text("·" * (width - filled), style="dim")
        label = "silence" if self.level <= -60 else f"{self.level:5.0f} dB"
        return Text("level ") + bar + Text(f" {label}")
