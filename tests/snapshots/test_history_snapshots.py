"""Snapshots of the history, review, compare and progress screens on a fixed history."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from coach.app import CoachApp, make_app
from coach.backends import Backends
from tests.conftest import shared_clip
from tests.history_data import seed_history

pytestmark = pytest.mark.slow  # snapshots: in make test, not in make test-fast

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def app(private_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> CoachApp:
    monkeypatch.setenv("TZ", "UTC")  # dates on screen are local time
    time.tzset()
    seed_history(private_data_dir, shared_clip("jfk.flac")).store.close()
    return make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))


async def _history(pilot: Pilot[int]) -> None:
    await pilot.press("h")
    await pilot.pause()


async def _review(pilot: Pilot[int]) -> None:
    await _history(pilot)
    await pilot.press("down", "enter")
    await pilot.pause()


async def _compare(pilot: Pilot[int]) -> None:
    await _review(pilot)
    await pilot.press("c")
    await pilot.pause()


async def _progress(pilot: Pilot[int]) -> None:
    await _history(pilot)
    await pilot.press("g")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "steps", [_history, _review, _compare, _progress], ids=lambda f: f.__name__.strip("_")
)
def test_history_screens(snap_compare, app: CoachApp, steps, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    try:
        assert snap_compare(app, terminal_size=size, run_before=steps)
    finally:
        time.tzset()
