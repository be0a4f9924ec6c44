"""The machine's resources: physical cores (Whisper is slower with more threads) and
how the C allocator shares memory between threads."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path

MALLOC_ARENAS = 2
MMAP_THRESHOLD = 1 << 20
_M_ARENA_MAX = -8  # glibc's mallopt parameter numbers
_M_MMAP_THRESHOLD = -3


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Let glibc keep at most ``arenas`` heaps for all threads, and give every block
    of 1 MB or more its own mapping, returned to the system when freed.

    By default glibc gives each busy thread its own heap (up to 8 per core), and
    raises its mapping threshold to 32 MB after the first large free, so the speech
    model's megabyte-sized buffers land in heaps that only grow: the capture,
    streaming, CTranslate2 and onnxruntime threads each hold freed memory the others
    cannot reuse. Peak over a 2-minute answer in the app, whole-recording pass
    included: 555–623 MB by default, 503–570 with two arenas, 441 with both
    settings (a 4 MB threshold did not help). Call before the worker threads start;
    returns whether the settings took (glibc only).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        arenas_set = libc.mallopt(_M_ARENA_MAX, arenas)
        threshold_set = libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        return bool(arenas_set and threshold_set)
    except (OSError, AttributeError):  # musl and others have no mallopt
        return False


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
