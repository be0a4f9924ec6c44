"""Progress: trends in STAR, pace, fillers and length, overall and per competency;
weak spots offered as the next practice set."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from coach.history import queries
from coach.history.progress import Trend, band_text, in_band, span, trend, trends
from coach.practice.session import weak_spot_plan
from coach.screens.base import CoachScreen
from coach.widgets.feedback_text import sparkline
from coach.widgets.safe import plain
from coach.widgets.theme_colours import palette_for
from coach.words import counted


class ProgressScreen(CoachScreen):
    BINDINGS = [
        Binding(
            "w",
            "practise_weak",
            "Practise weak spots",
            id="progress-weak",
            tooltip="practise the weak spots",
        ),
        Binding("escape", "app.pop_screen", "Back", id="progress-back"),
    ]

    def compose(self) -> ComposeResult:
        store = self.coach.store
        points = queries.progress(store)
        self.weak = queries.weak_spots(store)
        yield Header()
        with VerticalScroll(id="progress"):
            dates = f", {span(points)}" if points else ""
            yield Static(f"Over time ({counted(len(points), 'answer')}{dates})", classes="label")
            yield Static(self._trends(trends(points)), id="trends", classes="panel")
            yield Static("By competency", classes="label")
            yield Static(self._competencies(), id="by-competency", classes="panel")
            yield Static(
                "Weak spots: the last take missed a part (w practises them)", classes="label"
            )
            yield Static(self._weak(), id="weak-spots", classes="panel")
        yield Footer()

    def _trends(self, rows: list[Trend]) -> Table | Text:
        if not any(t.values for t in rows):
            return Text("Nothing yet: answer a few questions and your trends appear here.")
        table = Table(box=None, pad_edge=False, expand=True)
        table.add_column("")
        table.add_column("first", justify="right", no_wrap=True)
        table.add_column("trend", ratio=1, no_wrap=True)
        table.add_column("now", justify="right", no_wrap=True)
        table.add_column("aim", no_wrap=True)
        colours = palette_for(self.app)
        for row in rows:
            if row.last is None or row.first is None:
                continue
            good = in_band(row.field, row.last)
            table.add_row(
                row.label,
                f"{row.first:.1f}",
                sparkline(list(row.values), *((0, 5) if row.field == "star_parts" else ())),
                Text(
                    f"{row.last:.1f} {'✓' if good else '✗'}",
                    style=colours.good if good else colours.warn,
                ),
                Text(band_text(row.field), style="dim"),
            )
        return table

    def _competencies(self) -> Table | Text:
        store = self.coach.store
        names = queries.competencies(store)
        if not names:
            return Text("Answers to pack questions are grouped by competency here.")
        table = Table(box=None, pad_edge=False, expand=True)
        table.add_column("Competency", ratio=1)
        table.add_column("answers", justify="right")
        table.add_column("STAR trend", no_wrap=True)
        table.add_column("now", justify="right")
        for name in names:
            points = queries.progress(store, name)
            star = trend(points, "star_parts", buckets=20)
            now = f"{star.last:.1f}/5" if star.last is not None else "—"
            table.add_row(
                Text(plain(name)), str(len(points)), sparkline(list(star.values), 0, 5), now
            )
        return table

    def _weak(self) -> Text:
        if not self.weak:
            return Text("None: every question's latest take had all five parts.")
        out = Text()
        for spot in self.weak:
            missing = ", ".join(spot.missing)
            out.append(f"• {plain(spot.question_text)}\n")
            out.append(f"  missing: {missing}\n", style="dim")
        return out

    def action_practise_weak(self) -> None:
        if not self.weak:
            self.notify("No weak spots to practise.")
            return
        spots = [(s.pack_id, s.question_id) for s in self.weak]
        plan, left_out = weak_spot_plan(self.coach.packs, spots)
        if plan is None:
            self.notify(
                "The packs or questions of these weak spots are no longer installed.",
                severity="warning",
            )
            return
        if left_out:
            self.notify(
                f"Practising {counted(len(plan.questions), 'weak spot')} from "
                f"{plain(plan.pack.title)}; {left_out} more wait for the next round "
                "(press w again after this session).",
                timeout=8,
            )
        self.coach.start_practice(plan, typed=not self.coach.can_record)
