"""A model that cannot load: the app says why and what to do, and typed answers still work."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from coach.app import make_app
from coach.backends import Backends
from coach.errors import ModelError
from tests.functional.waiting import wait_for


def _out_of_memory(_progress: object) -> None:
    raise MemoryError


def _truncated(_progress: object) -> None:
    raise ModelError(
        "model.bin in /models/base is truncated (12 MB of 145 MB)",
        hint="delete the folder; coach rebuilds it from the installed packages",
    )


async def test_out_of_memory_names_the_smaller_model(private_data_dir: Path) -> None:
    app = make_app(backends=Backends(make_transcriber=_out_of_memory, data_dir=private_data_dir))  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.model_error is not None)
        shown = str(app.screen.query_one("#model-status", Static).render())
        assert "not enough memory" in shown and "--model tiny.en" in shown
        await pilot.press("t")  # typing still works
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TypedAnswerScreen")


async def test_a_truncated_model_is_explained_and_recording_is_not_offered(
    private_data_dir: Path,
) -> None:
    app = make_app(backends=Backends(make_transcriber=_truncated, data_dir=private_data_dir))  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.model_error is not None)
        shown = str(app.screen.query_one("#model-status", Static).render())
        assert "truncated" in shown and "rebuilds it" in shown
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen" and app.is_running


async def test_an_unopenable_history_is_a_message_not_a_crash(tmp_path: Path) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be")
    app = make_app(backends=Backends(model="tiny.en", data_dir=blocked))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen" and app.is_running
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_recordings_folder_that_cannot_be_made_is_a_message(tmp_path: Path) -> None:
    from coach.speech.sources import FileSource
    from tests.conftest import shared_clip

    data = tmp_path / "data"
    data.mkdir()
    (data / "recordings").write_text("a file in the way")
    app = make_app(
        backends=Backends(
            model="tiny.en",
            make_source=lambda: FileSource(shared_clip("jfk.flac")),
            data_dir=data,
        )
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.can_record)
        await pilot.press("r", "space")
        await wait_for(
            pilot, lambda: "could not start" in str(app.screen.query_one("#timer", Static).render())
        )
        shown = str(app.screen.query_one("#transcript", Static).render())
        assert "cannot use the folder" in shown and "COACH_DATA_DIR" in shown
        assert app.is_running
