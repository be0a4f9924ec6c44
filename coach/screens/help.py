"""Help: every screen's keys, read from the screens' own bindings (so it cannot drift
from what the keys do), and where files live."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.locations import data_dir

KEY_NAMES = {
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "slash": "/",
    "escape": "esc",
    "delete": "del",
}


def _keys(binding: Binding) -> str:
    return " ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))


def _bindings(bindings: list[BindingType]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding)]


def screen_keys(app_bindings: list[BindingType]) -> list[tuple[str, list[Binding]]]:
    """(screen title, its bindings) in the order a session meets them, then the
    app's own (given: screens do not import the app)."""
    from coach.screens.compare import CompareScreen
    from coach.screens.feedback import FeedbackScreen
    from coach.screens.history import HistoryScreen
    from coach.screens.home import HomeScreen
    from coach.screens.progress import ProgressScreen
    from coach.screens.record import RecordScreen
    from coach.screens.review import ReviewScreen
    from coach.screens.typed import TypedAnswerScreen

    return [
        ("Home", _bindings(HomeScreen.BINDINGS)),
        ("Question", _bindings(RecordScreen.BINDINGS)),
        ("Typing", _bindings(TypedAnswerScreen.BINDINGS)),
        ("Feedback", _bindings(FeedbackScreen.BINDINGS)),
        ("History", _bindings(HistoryScreen.BINDINGS)),
        ("Review", _bindings(ReviewScreen.BINDINGS)),
        ("Compare", _bindings(CompareScreen.BINDINGS)),
        ("Progress", _bindings(ProgressScreen.BINDINGS)),
        ("Anywhere", [*_bindings(app_bindings), Binding("ctrl+p", "", "Command palette")]),
    ]


def help_text(app_bindings: list[BindingType]) -> Text:
    out = Text()
    out.append("coach — offline interview practice\n", style="bold")
    out.append("esc, q or ? closes this help\n\n", style="dim")
    for title, bindings in screen_keys(app_bindings):
        out.append(f"{title}\n", style="bold")
        for binding in bindings:
            out.append(f"  {_keys(binding):<12}", style="bold")
            out.append(f"{binding.tooltip or binding.description}\n")
        out.append("\n")
    out.append(f"Recordings and transcripts are saved in:\n  {data_dir()}\n")
    out.append("Nothing is sent anywhere: speech is recognised on this machine.\n")
    return out


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, app_bindings: list[BindingType]) -> None:
        super().__init__()
        self.app_bindings = app_bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_text(self.app_bindings))
