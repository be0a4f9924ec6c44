"""The hash-locked dependency sets match pyproject.toml and carry a hash for every file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
ENTRY = re.compile(r"^([a-z0-9._-]+)==(\S+) \\\n    --hash=sha256:([0-9a-f]{64})$", re.M)


def _lock(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text()
    entries = {m.group(1): m.group(2) for m in ENTRY.finditer(text)}
    pins = [line for line in text.splitlines() if "==" in line]
    assert len(pins) == len(entries), "every pin has exactly one SHA-256"
    return entries


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_dependency_is_locked_at_a_version_pyproject_allows() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    run, dev = _lock("run.lock"), _lock("dev.lock")
    for spec, locked in [(s, run) for s in project["dependencies"]] + [
        (s, dev) for s in project["optional-dependencies"]["dev"]
    ]:
        requirement = Requirement(spec)
        version = locked.get(_normal(requirement.name))
        assert version is not None, f"{requirement.name} is not in the lock: run `make lock`"
        assert requirement.specifier.contains(version, prereleases=True), (spec, version)
    assert {k: v for k, v in dev.items() if k in run} == run, "dev.lock holds run.lock as is"
    assert "hatchling" in run and "editables" in run, "the build backend is locked too"
