"""Home: what coach will use (model, microphone) and how to start."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, OptionList, ProgressBar, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError
from coach.packs import Pack
from coach.practice.session import MODE_TITLES, MODES, Mode, plan_session
from coach.screens.base import CoachScreen
from coach.screens.custom import CustomChoice, CustomScreen
from coach.widgets.safe import plain
from coach.widgets.theme_colours import palette_for

if TYPE_CHECKING:
    from coach.app import CoachApp

MODE_LABELS = {"drill": "Drill (1)", "mock": "Mock interview (3–5)", "custom": "Custom…"}


def command_text(hint: str) -> Text:
    """A hint for the terminal: `commands` in bold instead of between backticks."""
    out = Text(style="dim")
    for number, piece in enumerate(plain(hint).split("`")):
        out.append(piece, style="bold" if number % 2 else "")
    return out


class HomeScreen(CoachScreen):
    BINDINGS = [
        Binding("r", "start(False)", "Speak", id="record", tooltip="start: answer aloud"),
        Binding(
            "t",
            "start(True)",
            "Type",
            id="type",
            tooltip="start: type the answer (no microphone needed)",
        ),
        Binding(
            "d",
            "mode('drill')",
            "Drill",
            id="mode-drill",
            show=False,
            tooltip="mode: drill, one question",
        ),
        Binding(
            "m",
            "mode('mock')",
            "Mock",
            id="mode-mock",
            show=False,
            tooltip="mode: mock interview, 3–5 questions with follow-ups",
        ),
        Binding(
            "c",
            "mode('custom')",
            "Custom",
            id="mode-custom",
            show=False,
            tooltip="mode: custom set (competencies, difficulty, count)",
        ),
        Binding("s", "summary", "Summary", id="summary", tooltip="the last session's summary"),
        Binding(
            "comma",
            "settings",
            "Settings",
            key_display=",",
            id="settings",
            tooltip="settings: theme, think time, interview feedback, model",
        ),
        Binding(
            "h",
            "history",
            "History",
            id="history",
            tooltip="history: sessions, search, review, progress",
        ),
        Binding(
            "v",
            "recover",
            "Recover",
            id="recover",
            show=False,
            tooltip="save answers a crash interrupted",
        ),
        Binding("q", "app.quit", "Quit", id="home-quit"),
    ]

    AUTO_FOCUS = "#packs"

    def __init__(self, pack_id: str | None = None, mode: Mode = "drill") -> None:
        super().__init__()
        self.first_pack = pack_id
        """The pack chosen last time: highlighted at start."""
        self.mode = mode

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home", can_focus=False):
            yield Static(
                "Practise answering out loud. Everything stays on this machine.", id="intro"
            )
            yield Static(id="model-status", classes="status")
            yield ProgressBar(total=1.0, show_eta=False, id="model-progress")
            yield Static(id="input-status", classes="status")
            yield Static(id="input-hint")
            yield Static(id="recovery")
            yield Static(self._pack_problems(), id="pack-problems")
            yield Static(id="next-step")
            yield Static("Question pack", classes="label")
            yield OptionList(*self._pack_options(), id="packs")
            yield Static("Mode (d, m, c)", classes="label")
            with RadioSet(id="modes"):
                for mode in MODES:
                    yield RadioButton(
                        self._mode_label(mode), value=mode == self.mode, id=f"mode-{mode}"
                    )
        yield Footer()

    def _pack_options(self) -> list[Option]:
        options = []
        for pack in self.coach.packs:
            short = {"medium": "med"}
            mix = " · ".join(
                f"{n} {short.get(level, level)}" for level, n in pack.difficulty_mix.items() if n
            )
            role = f" · {plain(pack.role)}" if pack.role.lower() not in pack.title.lower() else ""
            label = Text.assemble(
                (plain(pack.title), "bold"),
                (f"{role}  {len(pack.questions)} q · {mix}", "dim"),
                no_wrap=True,
                overflow="ellipsis",
            )
            options.append(Option(label, id=pack.id))
        return options

    def _pack_problems(self) -> Text:
        """Pack files that could not be read are skipped, and named here."""
        broken = self.coach.pack_problems
        if not broken:
            return Text()
        names = ", ".join(plain(entry.path.name) for entry in broken[:3])
        more = f" and {len(broken) - 3} more" if len(broken) > 3 else ""
        return Text.assemble(
            ("⚠ ", "bold"),
            f"Skipped {len(broken)} pack file(s) that could not be used: {names}{more}. ",
            ("`coach packs list` says why.", "dim"),
        )

    @property
    def pack(self) -> Pack | None:
        packs = self.query_one("#packs", OptionList)
        if not self.coach.packs or packs.highlighted is None:
            return None
        return self.coach.packs[packs.highlighted]

    mode: Mode = "drill"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.mode = MODES[event.index]
        for mode in MODES:
            self.query_one(f"#mode-{mode}", RadioButton).label = self._mode_label(mode)

    def _mode_label(self, mode: Mode) -> str:
        """The chosen mode is marked in words too: without colour every button is ●."""
        return f"{MODE_LABELS[mode]} ◀" if mode == self.mode else MODE_LABELS[mode]

    def on_mount(self) -> None:
        self.query_one("#pack-problems", Static).display = bool(self.coach.pack_problems)
        packs = self.query_one("#packs", OptionList)
        ids = [p.id for p in self.coach.packs]
        if self.first_pack in ids:
            packs.highlighted = ids.index(self.first_pack)
        elif ids and packs.highlighted is None:
            packs.highlighted = 0
        self.watch(self.app, "theme", self.refresh_status, init=False)
        self.refresh_status()

    def on_screen_resume(self) -> None:
        # ↓/↑ choose a pack and r starts it: the list holds the keys on every return.
        self.query_one("#packs", OptionList).focus()
        self.refresh_status()

    def refresh_status(self) -> None:
        self._show_recovery()
        app = self.coach
        colours = palette_for(app)
        model = app.backends.model
        status = self.query_one("#model-status", Static)
        bar = self.query_one("#model-progress", ProgressBar)
        if app.transcriber is not None:
            status.update(
                Text.assemble(("✓ ", colours.good), f"Speech model: {app.transcriber.model_name}")
            )
            bar.display = False
        elif app.model_error is not None:
            status.update(Text.assemble(("✗ ", colours.bad), f"Speech model: {app.model_error}"))
            bar.display = False
        else:
            status.update(Text(f"… Speech model {model}: {app.model_label}"))
            bar.update(progress=app.model_fraction)
        inp = app.input_status
        input_widget = self.query_one("#input-status", Static)
        hint = self.query_one("#input-hint", Static)
        hint.display = bool(inp is not None and not inp.ok and inp.hint)
        if inp is None:
            input_widget.update(Text("… Microphone: checking"))
        elif inp.ok:
            input_widget.update(Text.assemble(("✓ ", colours.good), f"Input: {inp.description}"))
        else:
            input_widget.update(Text.assemble(("✗ ", colours.bad), f"Input: {inp.problem}"))
            hint.update(command_text(inp.hint or ""))
        self.query_one("#next-step", Static).update(
            Text("Choose a pack and a mode; r to answer aloud, t to type.", style="bold")
            if app.can_record
            else Text("Press t to type an answer; speaking needs the model and an input.")
        )

    def _show_recovery(self) -> None:
        orphans = self.coach.orphans
        widget = self.query_one("#recovery", Static)
        widget.display = bool(orphans)
        if orphans:
            seconds = sum(o.seconds for o in orphans)
            typed = sum(o.typed for o in orphans)
            spoken = len(orphans) - typed
            parts = []
            if spoken:
                parts.append(
                    f"{spoken} spoken answer(s) were interrupted ({seconds:.0f} s recorded)"
                )
            if typed:
                parts.append(f"{typed} typed answer(s) wait to be saved")
            widget.update(
                Text.assemble(
                    ("⚠ ", "bold"),
                    "; ".join(parts) + ". ",
                    ("Press v to save them to the history.", "bold"),
                )
            )

    def action_recover(self) -> None:
        if not self.coach.orphans:
            return
        if self.coach.transcriber is None and not all(o.typed for o in self.coach.orphans):
            self.notify("Wait for the speech model to load, then press v again.")
            return
        self.notify("Recovering interrupted answers…")
        self.coach.recover_interrupted()

    def on_coach_app_status_changed(self, message: CoachApp.StatusChanged) -> None:
        self.refresh_status()

    def action_mode(self, mode: Mode) -> None:
        self.mode = mode
        self.query_one(f"#mode-{mode}", RadioButton).value = True

    def start_mode(self, mode: Mode, typed: bool = False) -> None:
        self.action_mode(mode)
        self.call_after_refresh(self.action_start, typed)

    def action_start(self, typed: bool) -> None:
        """Start a session in the chosen mode from the highlighted pack."""
        app = self.coach
        if not typed and not app.can_record:
            why = "the speech model is not ready" if app.transcriber is None else "no input"
            self.notify(f"Cannot record yet: {why}. Press t to type.", severity="warning")
            return
        pack = self.pack
        if pack is None:
            self.notify("No question packs found; see `coach packs list`.", severity="warning")
            return
        if self.mode != "custom":
            self._begin(pack, self.mode, typed)
            return

        def chosen(choice: CustomChoice | None) -> None:
            if choice is not None:
                self._begin(pack, "custom", typed, choice)

        self.app.push_screen(CustomScreen(pack), chosen)

    def _begin(
        self, pack: Pack, mode: Mode, typed: bool, choice: CustomChoice | None = None
    ) -> None:
        app = self.coach
        try:
            plan = plan_session(
                pack,
                mode,
                count=choice.count if choice else app.config.interview_questions,
                competencies=choice.competencies if choice else (),
                difficulties=choice.difficulties if choice else (),
                shuffle=choice.shuffle if choice else app.backends.shuffle,
                avoid={qid for pid, qid in app.asked if pid == pack.id},
            )
        except CoachError as exc:
            self.notify(str(exc), severity="warning")
            return
        if choice is not None and len(plan.questions) < choice.count:
            found = len(plan.questions)
            self.notify(f"Only {found} question{'s' if found > 1 else ''} matched.")
        app.start_practice(plan, typed=typed)

    def action_settings(self) -> None:
        self.coach.open_settings()

    def action_summary(self) -> None:
        if self._history_ready():
            self.app.push_screen(self.coach.summary_screen())

    def _history_ready(self) -> bool:
        """The history opens, or the user is told why not (never a traceback)."""
        try:
            self.coach.store  # noqa: B018 - opening it is the check
        except CoachError as exc:
            self.notify(str(exc), title="History unavailable", severity="error", timeout=10)
            return False
        return True

    def action_history(self) -> None:
        from coach.screens.history import HistoryScreen

        if self._history_ready():
            self.app.push_screen(HistoryScreen())

    def palette_commands(self) -> Iterable[SystemCommand]:
        for mode in MODES:
            yield SystemCommand(
                f"Start: {MODE_TITLES[mode]}",
                "answer aloud, from the highlighted pack",
                lambda m=mode: self.start_mode(m),
            )
        yield SystemCommand(
            "Type an answer", "no microphone needed", lambda: self.action_start(True)
        )
        yield SystemCommand("Last session summary", "what to practise next", self.action_summary)
        yield SystemCommand("History", "past sessions, search, review, export", self.action_history)
        yield SystemCommand("Progress", "trends and weak spots", self._progress)
        yield SystemCommand(
            "Settings", "theme, think time, interview feedback, model", self.action_settings
        )

    def _progress(self) -> None:
        from coach.screens.progress import ProgressScreen

        if self._history_ready():
            self.app.push_screen(ProgressScreen())
