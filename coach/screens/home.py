"""Home: what coach will use (model, microphone) and how to start."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from coach.app import CoachApp
from coach.packs import Pack, Question


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("r", "record", "Record an answer", id="record"),
        Binding("t", "type_answer", "Type an answer", id="type"),
        Binding("s", "summary", "Session summary", id="summary"),
        Binding("q", "app.quit", "Quit", id="home-quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(
                "Practise answering out loud. Everything stays on this machine.", id="intro"
            )
            yield Static(id="model-status", classes="status")
            yield ProgressBar(total=1.0, show_eta=False, id="model-progress")
            yield Static(id="input-status", classes="status")
            yield Static(id="next-step")
            yield Static("Question pack", classes="label")
            yield OptionList(*self._pack_options(), id="packs")
        yield Footer()

    def _pack_options(self) -> list[Option]:
        options = []
        for pack in self.coach.packs:
            mix = " · ".join(f"{n} {level}" for level, n in pack.difficulty_mix.items() if n)
            label = Text.assemble(
                (pack.title, "bold"), f"  {pack.role} · {len(pack.questions)} questions · {mix}"
            )
            options.append(Option(label, id=pack.id))
        return options

    def question(self) -> tuple[Pack, Question] | None:
        """A question from the highlighted pack, not asked yet this session if possible."""
        packs = self.query_one("#packs", OptionList)
        if not self.coach.packs or packs.highlighted is None:
            return None
        pack = self.coach.packs[packs.highlighted]
        return pack, self.coach.next_question(pack)

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    def on_mount(self) -> None:
        self.refresh_status()

    def on_screen_resume(self) -> None:
        self.refresh_status()

    def refresh_status(self) -> None:
        app = self.coach
        model = app.backends.model
        status = self.query_one("#model-status", Static)
        bar = self.query_one("#model-progress", ProgressBar)
        if app.transcriber is not None:
            status.update(
                Text.assemble(("✓ ", "green"), f"Speech model: {app.transcriber.model_name}")
            )
            bar.display = False
        elif app.model_error is not None:
            status.update(Text.assemble(("✗ ", "red"), f"Speech model: {app.model_error}"))
            bar.display = False
        else:
            status.update(Text(f"… Speech model {model}: {app.model_label}"))
            bar.update(progress=app.model_fraction)
        inp = app.input_status
        input_widget = self.query_one("#input-status", Static)
        if inp is None:
            input_widget.update(Text("… Microphone: checking"))
        elif inp.ok:
            input_widget.update(Text.assemble(("✓ ", "green"), f"Input: {inp.description}"))
        else:
            lines = Text.assemble(("✗ ", "red"), f"Input: {inp.problem}")
            if inp.hint:
                lines.append(f"\n  {inp.hint}", style="dim")
            input_widget.update(lines)
        ready = app.transcriber is not None and inp is not None and inp.ok
        self.query_one("#next-step", Static).update(
            Text("Press r to record a practice answer, or t to type one.", style="bold")
            if ready
            else Text(
                "Recording becomes available once the model and an input are ready; "
                "press t to type an answer meanwhile.",
                style="dim",
            )
        )

    def on_coach_app_status_changed(self, message: CoachApp.StatusChanged) -> None:
        self.refresh_status()

    def action_record(self) -> None:
        app = self.coach
        if app.transcriber is None:
            self.notify("The speech model is not ready yet.", severity="warning")
            return
        if app.input_status is None or not app.input_status.ok:
            self.notify("No input to record from; see the message above.", severity="warning")
            return
        from coach.screens.record import RecordScreen

        chosen = self.question()
        if chosen is None:
            self.app.push_screen(RecordScreen(app.transcriber))
            return
        pack, question = chosen
        self.app.push_screen(RecordScreen(app.transcriber, pack=pack, pack_question=question))

    def action_summary(self) -> None:
        from coach.screens.summary import SummaryScreen
        from coach.summary import summarise

        app = self.coach
        answers = app.store.answers(app.session_id) if app.session_id is not None else []
        self.app.push_screen(SummaryScreen(summarise(answers)))

    def action_type_answer(self) -> None:
        from coach.screens.typed import TypedAnswerScreen

        chosen = self.question()
        if chosen is None:
            self.notify("No question packs found; see `coach packs list`.", severity="warning")
            return
        pack, question = chosen
        self.app.push_screen(TypedAnswerScreen(pack, question))
