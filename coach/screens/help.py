"""Help: what the keys do and where files live."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.locations import data_dir

HELP = """\
coach — offline interview practice

Home      d m c     mode: drill / mock interview / custom set
          r / t     start: answer aloud / type (no microphone)
          s / h     last session's summary / history and progress
          v         recover answers a crash interrupted
Question  space     start now (skip think time); stop answering
          p         pause or resume the recording
          r / n     retake (every take is kept) / skip
          escape    back home (asks first while recording)
Feedback  1-3       answer a recommended follow-up now
          n         next question, or the summary after the last
          r / s     retake / the session so far
          m         the pack's sample answer, marked by STAR part
History   / enter   search what you said / review an answer
Review    space     play or pause; ← → seek; click a word to seek
          c / a     compare takes / re-analyse with today's analysis
          m         the pack's sample answer
Anywhere  ctrl+p    command palette (main actions, themes)
          ? ctrl+q  this help / quit (asks first mid-answer)

Recordings and transcripts are saved in:
  {data}
Nothing is sent anywhere: speech is recognised on this machine.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text(HELP.format(data=data_dir())))
