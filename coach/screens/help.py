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

Home      d / m / c   drill (1 question) / mock interview / custom set
          r / t       start: answer aloud / type answers (no microphone)
          s           the last session's summary
Question  space       start before the think time ends; stop answering
          p           pause and resume the recording
          r           retake (while takes remain; every take is kept)
          n           skip to the next question (what you said is kept)
          escape      back home (asks first while recording)
Feedback  1-3         answer a recommended follow-up now
          n / enter   next question, or the summary after the last
          r / s       retake / the session so far
Anywhere  ctrl+p      command palette (themes, main actions)
          ?  ctrl+q   this help / quit (asks first mid-answer)

Recordings and transcripts are saved in:
  {data}
Nothing is sent anywhere: speech is recognised on this machine.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Text(HELP.format(data=data_dir())))
