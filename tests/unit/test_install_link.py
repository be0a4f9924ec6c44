"""make install: `coach` on PATH in a new shell, never replacing a file coach did not make."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "install-link.sh"
COACH = Path(sys.executable).parent / "coach"


def _install(home: Path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        ["bash", str(SCRIPT), str(COACH)], env=env, capture_output=True, text=True, check=False
    )


def test_coach_works_in_a_new_shell_after_make_install(tmp_path: Path) -> None:
    done = _install(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Add" in done.stdout and ".local/bin" in done.stdout, "says how to reach it"
    shell = subprocess.run(
        ["bash", "-c", "coach --version"],
        env={"HOME": str(tmp_path), "PATH": f"{tmp_path}/.local/bin:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert shell.returncode == 0 and shell.stdout.startswith("coach "), shell.stderr
    assert _install(tmp_path).returncode == 0, "running it again is fine"


def test_an_existing_coach_that_is_not_our_link_is_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / ".local" / "bin" / "coach"
    mine.parent.mkdir(parents=True)
    mine.write_text("#!/bin/sh\necho someone else's coach\n")
    done = _install(tmp_path)
    assert done.returncode == 1 and "left as it is" in done.stderr
    assert "someone else" in mine.read_text() and not os.path.islink(mine)
