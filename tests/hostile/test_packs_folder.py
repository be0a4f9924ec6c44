"""One bad entry in the user's packs folder is skipped and named, never fatal (item 12)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from coach.app import make_app
from coach.backends import Backends
from coach.cli import main
from coach.packs.registry import discover, user_dir
from tests.functional.waiting import wait_for

GOOD = """\
id: mine
title: My pack
questions:
  - id: q1
    text: Tell me about a time you changed your mind.
"""


def _bad_entries(folder: Path) -> set[str]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.yaml").write_text(GOOD)
    (folder / "dangling.yaml").symlink_to(folder / "gone.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "folder.yaml").mkdir()
    os.mkfifo(folder / "fifo.yaml")
    (folder / "two-docs.yaml").write_text(GOOD + "---\n" + GOOD)
    (folder / "complex-key.yaml").write_text("? [a, b]\n: 1\n")
    (folder / "binary.yaml").write_bytes(b"\xff\xfe\x00bad")
    (folder / "huge.yaml").write_bytes(b"#" * 2_000_000)
    return {
        "dangling.yaml",
        "loop.yaml",
        "folder.yaml",
        "fifo.yaml",
        "two-docs.yaml",
        "complex-key.yaml",
        "binary.yaml",
        "huge.yaml",
    }


def _within(seconds: float, work):  # type: ignore[no-untyped-def]
    """Run ``work`` in a thread; fail (rather than hang the suite) if it blocks."""
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert out, f"still running after {seconds} s (blocked on a pipe?)"
    return out[0]


def test_bad_pack_files_are_skipped_and_named(capsys: pytest.CaptureFixture[str]) -> None:
    bad = _bad_entries(user_dir())
    entries = _within(10, discover)
    broken = {e.path.name for e in entries if e.pack is None}
    assert broken == bad
    assert any(e.pack is not None and e.pack.id == "mine" for e in entries)
    assert _within(10, lambda: main(["packs", "list"])) == 0
    out = capsys.readouterr().out
    assert "mine" in out and all(name in out for name in bad)
    assert "Traceback" not in out


@pytest.mark.skipif(os.getuid() == 0, reason="root reads any file; permissions cannot hide one")
def test_an_unreadable_pack_and_packs_folder_are_reported() -> None:
    folder = user_dir()
    folder.mkdir(parents=True)
    (folder / "secret.yaml").write_text(GOOD)
    (folder / "secret.yaml").chmod(0)
    assert [e.error is not None for e in discover() if e.origin == "user"] == [True]
    folder.chmod(0)
    try:
        assert [e.path for e in discover() if e.origin == "user"] == [folder]
    finally:
        folder.chmod(0o700)


async def test_the_app_starts_and_says_which_packs_it_skipped(private_data_dir: Path) -> None:
    bad = _bad_entries(user_dir())
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert {p.id for p in app.packs} >= {"mine"}
        text = str(app.screen.query_one("#pack-problems").render())
        assert f"Skipped {len(bad)} pack file(s)" in text and "coach packs list" in text


def test_a_packs_folder_that_cannot_be_listed_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = user_dir()
    folder.mkdir(parents=True)
    real_iterdir = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    entries = discover()
    (user,) = [e for e in entries if e.origin == "user"]
    assert user.path == folder and user.error is not None
    assert "Permission denied" in str(user.error)
    assert any(e.pack is not None for e in entries), "the built-in packs still load"
