"""A session's answers in one table (STAR marks, pace, fillers) and what to practise
next: the session summary and the interview report both show them."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from coach.analysis.star import COMPONENT_LETTERS
from coach.summary import SessionSummary
from coach.widgets.feedback_text import Palette
from coach.widgets.safe import plain


def answers_table(summary: SessionSummary, palette: Palette) -> Table | Text:
    if not summary.answers and not summary.skipped:
        return Text("No answers yet: press r or t on the home screen.", style="dim")
    table = Table(box=None, expand=True, pad_edge=False)
    table.add_column("Question", ratio=1, overflow="fold")
    table.add_column("STAR", no_wrap=True)
    table.add_column("wpm", justify="right", no_wrap=True)
    table.add_column("fillers", justify="right", no_wrap=True)
    for line in summary.answers:
        marks = Text(line.verdict, style=palette.warn) if line.verdict else Text()
        for part, present in line.parts.items() if not line.verdict else ():
            marks.append(
                COMPONENT_LETTERS[part] if present else "·",
                style=palette.good if present else "dim",
            )
        question = Text(("↳ " if line.follow_up else "") + plain(line.question))
        if line.take > 1:
            question.append(f" (take {line.take})", style="dim")
        wpm = "typed" if line.typed else (f"{line.wpm:.0f}" if line.wpm else "—")
        table.add_row(question, marks, wpm, str(line.fillers))
    for text in summary.skipped:
        table.add_row(Text(f"{plain(text)} (skipped)", style="dim"), "", "", "")
    return table


def advice_text(summary: SessionSummary) -> Text:
    advice = Text()
    for line in summary.practise_next or ("Nothing stood out: keep going.",):
        advice.append(f"• {line}\n")
    return advice
