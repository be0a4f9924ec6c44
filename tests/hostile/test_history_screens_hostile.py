"""The history screens with imported or edited data: shown as text, nothing outside opened."""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path

import pytest

from coach.app import make_app
from coach.backends import Backends
from coach.history.export import import_json
from coach.history.store import Store
from tests.functional.waiting import wait_for
from tests.hostile.exports import valid_export

ESCAPE = "\x1b]0;pwned\x07\x1b[2J"


async def test_imported_escapes_show_as_text_and_an_outside_recording_is_never_opened(
    private_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.wav"
    outside.write_bytes(b"not yours")
    data = valid_export()
    data["sessions"][0]["mode"] = "mock" + ESCAPE
    data["sessions"][0]["pack_id"] = "[@click=app.quit]ops[/]" + ESCAPE
    data["sessions"][0]["answers"][0]["pack_id"] = "[@click=app.quit]ops[/]"
    store = Store()
    import_json(store, data)
    store.db.execute("UPDATE answers SET audio_path = ?", (str(outside),))  # an older import
    store.db.execute("UPDATE sessions SET started_at = 1e300")
    store.db.commit()
    store.close()
    opened: list[object] = []
    monkeypatch.setattr("coach.speech.sources.decode_audio_file", lambda p, **_: opened.append(p))

    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "\x1b" not in shown and "unknown date" in shown and "^[" in shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen")
        assert "[@click=app.quit]ops[/]" in str(app.screen.query_one("#review-meta").render())
        await pilot.press("space")
        await pilot.pause()
        assert opened == [] and app.is_running
        player = str(app.screen.query_one("#player").render())
        assert "The recording is gone" in player
        app.screen.action_delete()
        await pilot.pause()
        await pilot.press("y")  # confirm
        await pilot.pause()
    assert outside.read_bytes() == b"not yours"
    db = sqlite3.connect(private_data_dir / "coach.sqlite3")
    assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == 1, "one deleted"
