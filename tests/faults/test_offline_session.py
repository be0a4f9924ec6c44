"""A full practice session, with the real model, never touches the network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import shared_clip

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.model


def test_a_full_session_with_sockets_blocked_makes_no_network_attempt(
    private_data_dir: Path,
) -> None:
    run = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("offline_session_driver.py")),
            str(private_data_dir),
            str(shared_clip("jfk.flac")),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COACH_DATA_DIR": str(private_data_dir)},
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "ATTEMPTS 0 []"
    assert list((private_data_dir / "recordings").glob("*.wav")), "the answer was recorded"
