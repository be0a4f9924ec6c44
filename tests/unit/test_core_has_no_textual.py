"""The core (speech, errors, locations, backends) must run without Textual or Rich."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "coach.speech.transcriber",
    "coach.speech.streaming",
    "coach.speech.capture",
    "coach.speech.microphone",
    "coach.speech.recorder",
    "coach.speech.sources",
    "coach.speech.models",
    "coach.backends",
    "coach.analysis.feedback",
    "coach.analysis.report",
    "coach.analysis.inputs",
    "coach.cli",
]


def test_core_imports_without_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE_MODULES)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in: {out.stdout.strip()}"
