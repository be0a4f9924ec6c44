"""Snapshots of the key screens at 80x24 and 120x40 (update with --snapshot-update).

The app runs on the real tiny.en model and a silent input that never delivers a
block, so every screen is the same on every machine.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from coach.app import CoachApp, make_app
from coach.backends import Backends
from coach.speech.audio import AudioArray

pytestmark = pytest.mark.slow  # snapshots: in make test, not in make test-fast

SIZES = [(80, 24), (120, 40)]
ANSWER = (
    "Um, last spring a customer called because her order was lost before her daughter's "
    "birthday. My job was to get it to her in time. I called the warehouse, found the parcel "
    "and paid for express delivery myself. It arrived the next morning and she thanked us. "
    "I learned to check the tracking before I promise anything."
)


class SilentInput:
    """An input that is open but hears nothing: a recording screen that holds still."""

    description = "silent test input"
    overflows = 0
    exhausted = False
    stream_error = None

    def start(self) -> None: ...

    def drain(self) -> list[AudioArray]:
        return []

    def read(self, timeout: float = 0.2) -> AudioArray | None:
        time.sleep(timeout)
        return None

    def stop(self) -> None: ...


@pytest.fixture
def app(tiny_transcriber, private_data_dir: Path) -> CoachApp:  # type: ignore[no-untyped-def]
    backends = Backends(
        model="tiny.en",
        make_source=SilentInput,
        make_transcriber=lambda _progress: tiny_transcriber,
        data_dir=private_data_dir,
        shuffle=False,
    )
    return make_app(backends=backends)


async def _ready(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, CoachApp)
    for _ in range(100):
        if app.transcriber is not None and app.input_status is not None:
            break
        await pilot.pause(0.05)
    await pilot.pause()


async def _typed_answer(pilot: Pilot[int]) -> None:
    await _ready(pilot)
    await pilot.press("down", "down", "t")  # the customer service representative pack
    await pilot.pause()
    pilot.app.screen.query_one("#answer", TextArea).load_text(ANSWER)
    await pilot.press("ctrl+s")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, app: CoachApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=_ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question_recording(snap_compare, app: CoachApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def record(pilot: Pilot[int]) -> None:
        await _ready(pilot)
        await pilot.press("down", "down", "r", "space")  # skip the think time
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=record)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_feedback(snap_compare, app: CoachApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=_typed_answer)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_summary(snap_compare, app: CoachApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def summary(pilot: Pilot[int]) -> None:
        await _typed_answer(pilot)
        await pilot.press("n")  # a drill has one question: next ends the session
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=summary)


def test_feedback_in_the_light_theme(snap_compare, app: CoachApp) -> None:  # type: ignore[no-untyped-def]
    """STAR marks, fillers and bands stay readable on a light background."""

    async def light(pilot: Pilot[int]) -> None:
        pilot.app.theme = "textual-light"
        await _typed_answer(pilot)

    assert snap_compare(app, terminal_size=(100, 40), run_before=light)


def test_custom_session_dialog(snap_compare, app: CoachApp) -> None:  # type: ignore[no-untyped-def]
    async def custom(pilot: Pilot[int]) -> None:
        await _ready(pilot)
        await pilot.press("c", "t")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=custom)


def test_a_196_wpm_answer_is_called_too_fast(snap_compare, app: CoachApp) -> None:  # type: ignore[no-untyped-def]
    """The pace verdict in colour and words, the chart on a fixed scale, the stretch
    marked in the transcript."""
    from coach.analysis import analyze
    from coach.practice.session import Prompt
    from coach.screens.feedback import FeedbackScreen
    from tests.history_data import spoken

    text = (Path(__file__).resolve().parents[1] / "data" / "answer_2min.txt").read_text()
    feedback = analyze(spoken(text, wps=196 / 60))
    assert feedback.to_dict()["speech"]["pace_verdict"] == "too_fast"

    async def fast(pilot: Pilot[int]) -> None:
        await _ready(pilot)
        await pilot.app.push_screen(FeedbackScreen(Prompt("Tell me about a busy day."), feedback))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=fast)
