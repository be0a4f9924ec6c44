"""The settings screen: change what coach remembers, saved for the next launch."""

from __future__ import annotations

import html
from pathlib import Path

from textual.widgets import Input, Select

from coach.app import make_app
from coach.backends import Backends
from coach.config import load_config


async def test_settings_saved_from_the_screen_shape_the_next_session(
    private_data_dir: Path,
) -> None:
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        assert type(app.screen).__name__ == "SettingsScreen"
        assert app.focused is not None and app.focused.id == "theme", "focus on the first field"
        app.screen.query_one("#think_s", Input).value = "900"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SettingsScreen", "a bad value keeps the screen"
        assert any("think_s must be" in n.message for n in app._notifications)

        app.screen.query_one("#think_s", Input).value = "20"
        app.screen.query_one("#interview_feedback", Select).value = "each"
        app.screen.query_one("#theme", Select).value = "gruvbox"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.theme == "gruvbox"
        await pilot.press("m", "t")
        await pilot.pause()
        practice = app.practice
        assert practice is not None and not practice.interview, "feedback after each question"
        prompt = practice.first()
        assert prompt is not None and practice.context(prompt)[2].think_s == 20

    config, problems = load_config()
    assert problems == []
    assert (config.think_s, config.interview_feedback, config.theme) == (20, "each", "gruvbox")


async def test_escape_leaves_the_settings_unchanged(private_data_dir: Path) -> None:
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        app.screen.query_one("#think_s", Input).value = "20"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    assert load_config()[0].think_s is None


async def test_the_chosen_mode_reads_without_colour(private_data_dir: Path) -> None:
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        text = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "Mock interview (3–5) ◀" in text and "Drill (1) ◀" not in text
