"""How many physical cores this machine has (Whisper is slower with more threads)."""

from __future__ import annotations

import os
from pathlib import Path


def physical_cores() -> int:
    """Distinct (package, core) pairs in /proc/cpuinfo; logical count elsewhere."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return max(1, os.cpu_count() or 1)
    cores: set[tuple[str, str]] = set()
    package = core = ""
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key == "physical id":
            package = value.strip()
        elif key == "core id":
            core = value.strip()
        elif not line.strip():
            if core:
                cores.add((package, core))
            package = core = ""
    if core:
        cores.add((package, core))
    logical = os.cpu_count() or 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else logical
    return max(1, min(len(cores) or logical, usable))
