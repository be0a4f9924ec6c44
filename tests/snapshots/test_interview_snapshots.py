"""Snapshots of the new screens (interview report, settings) at 80x24 and 120x40, in
the dark and the light theme (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from coach.app import CoachApp, make_app
from coach.backends import Backends
from coach.config import Config, save_config
from tests.functional.test_interview import FOLLOW_UPS, STORIES

pytestmark = pytest.mark.slow  # snapshots: in make test, not in make test-fast

SIZES = [(80, 24), (120, 40)]
THEMES = ["textual-dark", "textual-light"]


@pytest.fixture
def app(tiny_transcriber, private_data_dir: Path) -> CoachApp:  # type: ignore[no-untyped-def]
    save_config(Config(interview_questions=3))
    backends = Backends(
        model="tiny.en",
        make_transcriber=lambda _progress: tiny_transcriber,
        data_dir=private_data_dir,
        shuffle=False,
    )
    return make_app(backends=backends)


def _setup(theme: str, then: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[int]) -> None:
        pilot.app.theme = theme
        await pilot.press("m", "t")
        await pilot.pause()
        for answer in [a for pair in zip(STORIES, FOLLOW_UPS, strict=True) for a in pair]:
            pilot.app.screen.query_one("#answer", TextArea).load_text(answer)
            await pilot.press("ctrl+s")
            await pilot.pause()
        await pilot.press(*then)
        await pilot.pause()

    return run


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_interview_report(snap_compare, app: CoachApp, size: tuple[int, int], theme: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=_setup(theme))


@pytest.mark.parametrize("theme", THEMES)
def test_interview_verdict(snap_compare, app: CoachApp, theme: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(120, 40), run_before=_setup(theme, ("v",)))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings(snap_compare, app: CoachApp, size: tuple[int, int], theme: str) -> None:  # type: ignore[no-untyped-def]
    async def settings(pilot: Pilot[int]) -> None:
        pilot.app.theme = theme
        await pilot.press("comma")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=settings)
