"""How long discovering and validating every built-in pack takes (target: 50 ms).

python benchmarks/pack_load.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from coach.packs.registry import discover


def main() -> int:
    discover()  # first call pays for imports
    runs = []
    for _ in range(20):
        began = time.perf_counter()
        entries = discover()
        runs.append((time.perf_counter() - began) * 1000)
    packs = [e.pack for e in entries if e.pack is not None]
    print(
        json.dumps(
            {
                "packs": len(packs),
                "questions": sum(len(p.questions) for p in packs),
                "load_all_ms_median": round(statistics.median(runs), 2),
                "load_all_ms_max": round(max(runs), 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
