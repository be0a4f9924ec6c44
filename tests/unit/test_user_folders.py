"""The check behind ``users_folders_untouched`` (conftest) would see a write."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import _listing


def test_the_listing_sees_a_new_file_and_a_changed_one(tmp_path: Path) -> None:
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "config.toml").write_text("a = 1\n")
    before = _listing([folder, tmp_path / "absent"])
    (folder / "config.toml").write_text("a = 12\n")
    assert _listing([folder]) != before
    (folder / "new").write_text("")
    assert len(_listing([folder])) == len(before) + 1
