"""History: past sessions newest first, filtered by pack, competency and date, or searched."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from coach.errors import CoachError
from coach.history import queries
from coach.history.queries import when
from coach.screens.base import CoachScreen
from coach.widgets.safe import plain

PAGE = 40
PERIODS = (("any time", None), ("last 7 days", 7), ("last 30 days", 30), ("last 90 days", 90))


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class HistoryScreen(CoachScreen):
    BINDINGS = [
        Binding(
            "slash",
            "focus_search",
            "Search",
            id="history-search",
            tooltip="search everything you said (↓ or enter: on to the results)",
        ),
        Binding(
            "g",
            "progress",
            "Progress",
            id="history-progress",
            tooltip="progress: trends and weak spots",
        ),
        Binding(
            "x,delete",
            "delete",
            "Delete session",
            id="history-delete",
            tooltip="delete the session with its recordings (asks first)",
        ),
        Binding("escape", "app.pop_screen", "Back", id="history-back"),
        Binding("down", "to_results", "Results", show=False, tooltip="from search to the results"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.searching = False
        self.loaded = 0
        self.more = False

    def compose(self) -> ComposeResult:
        store = self.coach.store
        yield Header()
        with Horizontal(id="history-filters"):
            yield Input(placeholder="search what you said (/)", id="search")
            yield Select(
                [(Text(plain(p)), p) for p in queries.pack_ids(store)],
                prompt="pack",
                id="pack-filter",
            )
            yield Select(
                [(Text(plain(c)), c) for c in queries.competencies(store)],
                prompt="skill",
                id="competency-filter",
            )
            yield Select([(label, days) for label, days in PERIODS[1:]], prompt="when", id="period")
        yield Static(id="history-count")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_rows()
        self.query_one("#sessions", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def _filter(self) -> queries.HistoryFilter:
        def value(selector: str) -> object:
            chosen = self.query_one(selector, Select).value
            return None if chosen is Select.NULL else chosen

        days = value("#period")
        return queries.HistoryFilter(
            pack_id=value("#pack-filter"),  # type: ignore[arg-type]
            competency=value("#competency-filter"),  # type: ignore[arg-type]
            since=time.time() - float(days) * 86400 if isinstance(days, int) else None,
        )

    def refresh_rows(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        store = self.coach.store
        text = self.query_one("#search", Input).value.strip()
        self.searching = bool(text)
        if self.searching:
            hits = queries.search(store, text)
            table.add_columns("When", "Question", "What you said")
            for hit in hits:
                table.add_row(
                    when(hit.created_at),
                    Text(plain(hit.question_text), overflow="ellipsis"),
                    Text(plain(hit.snippet)),
                    key=f"a{hit.answer_id}",
                )
            self._count(f"{len(hits)} answer{'s' if len(hits) != 1 else ''} match")
            return
        table.add_columns("When", "Session", "Answers", "STAR · wpm · fillers/min")
        self.loaded = 0
        rows = self._add_page()
        self._count(
            "Sessions, newest first · enter reviews one"
            if rows
            else "No sessions yet: practise from the home screen and they appear here."
        )

    def _add_page(self) -> int:
        """Add the next page of sessions to the table (more load as the cursor nears the end)."""
        table = self.query_one("#sessions", DataTable)
        rows = queries.sessions(self.coach.store, self._filter(), PAGE, self.loaded)
        self.loaded += len(rows)
        self.more = len(rows) == PAGE
        for row in rows:
            star = f"{row.star_parts:.1f}/5" if row.star_parts is not None else "—"
            pace = f"{row.wpm:.0f} wpm" if row.wpm else "typed"
            fillers = f"{row.fillers_per_min:.1f}" if row.fillers_per_min is not None else "—"
            table.add_row(
                when(row.started_at),
                Text(plain(f"{row.mode} · {_short(row.pack_id or '—', 24)}"), overflow="ellipsis"),
                str(row.answers),
                f"{star} · {pace} · {fillers}",
                key=f"s{row.id}",
            )
        return len(rows)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if not self.searching and self.more and event.cursor_row >= table.row_count - 5:
            self._add_page()

    def _count(self, text: str) -> None:
        self.query_one("#history-count", Static).update(Text(text, style="dim"))

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.refresh_rows()

    def on_select_changed(self, _event: Select.Changed) -> None:
        self.refresh_rows()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        from coach.screens.review import ReviewScreen

        store = self.coach.store
        if key.startswith("a"):
            answer = store.answer(int(key[1:]))
            if answer is not None:
                ids = [a.id for a in store.answers(answer.session_id)]
                self.app.push_screen(ReviewScreen(ids, ids.index(answer.id)))
            return
        ids = [a.id for a in store.answers(int(key[1:]))]
        if ids:
            self.app.push_screen(ReviewScreen(ids, 0))
        else:
            self.notify("That session has no answers.")

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_to_results()  # enter in the search box: on to what it found

    def action_to_results(self) -> None:
        """From the search box (↓ or enter) to the first result."""
        if isinstance(self.focused, Input):
            table = self.query_one("#sessions", DataTable)
            table.focus()
            if table.row_count:
                table.move_cursor(row=0)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_progress(self) -> None:
        from coach.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def action_delete(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if self.searching or table.row_count == 0:
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        session_id = int(key[1:])
        from coach.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                removed = self.coach.store.delete_session(session_id)
            except CoachError as exc:
                self.notify(str(exc), title="Not deleted", severity="error", timeout=10)
                return
            self.notify(f"Session deleted with {len(removed)} recording(s).")
            self.refresh_rows()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete session {session_id}, its answers and their recordings?\n"
                "This cannot be undone.",
                yes="Delete",
            ),
            answer,
        )
