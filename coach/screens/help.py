"""Help: what the keys do and where files live."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.locations import data_dir

HELP = """\
coach — offline interview practice

  r        answer a question from the chosen pack aloud (home)
  t        type an answer instead: no microphone needed (home)
  s        the session so far and what to practise next (home)
  space    start answering before the think time ends; stop recording
  f        full feedback on the answer just recorded
  1-3      answer a recommended follow-up question (feedback)
  escape   go back
  ?        this help
  ctrl+q   quit

Recordings and transcripts are saved in:
  {data}
Nothing is sent anywhere: speech is recognised on this machine.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Text(HELP.format(data=data_dir())))
