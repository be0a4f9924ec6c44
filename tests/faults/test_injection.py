"""User text is data: markup, action links and terminal escapes in answers render literally."""

from __future__ import annotations

import html
from pathlib import Path

from textual.widgets import TextArea

from coach.app import make_app
from coach.backends import Backends
from tests.functional.waiting import wait_for

HOSTILE = (
    "[bold red]Loud[/] and [@click=app.quit]quit[/] then \x1b[2J\x1b[31mcleared "
    "[link=https://example.com]link[/link]. I led the team and we fixed it."
)


async def test_a_typed_answer_full_of_markup_and_escapes_shows_as_typed(
    private_data_dir: Path,
) -> None:
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TypedAnswerScreen")
        app.screen.query_one("#answer", TextArea).load_text(HOSTILE)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "FeedbackScreen")
        shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        for literal in ("[bold red]Loud[/]", "[@click=app.quit]quit[/]", "[link=https://"):
            assert literal in shown
        assert "\x1b" not in shown
        await pilot.click("#marked-transcript")  # clicking the "link" does nothing
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        await pilot.press("h")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen")
        shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "[@click=app.quit]quit[/]" in shown and "\x1b" not in shown


async def test_pack_titles_and_questions_render_literally_even_past_the_loader(
    private_data_dir: Path,
) -> None:
    """The loader refuses markup in packs; the screens would show it as text anyway."""
    from coach.packs import Pack, Question

    hostile = Pack(
        id="hostile",
        title="[@click=app.quit]Click me[/] \x1b[5mPack",
        role="[red]role[/red]",
        questions=(
            Question(id="q1", text="[b]Tell[/b] me about [@click=app.bell]a time[/]. \x1b]0;x\x07"),
        ),
    )
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    app.packs = [hostile]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "[@click=app.quit]Click me[/]" in shown and "\x1b" not in shown
        await pilot.press("t")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TypedAnswerScreen")
        shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "[b]Tell[/b] me about [@click=app.bell]a time[/]." in shown
        assert "\x1b" not in shown and "\x07" not in shown
