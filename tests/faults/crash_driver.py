"""Run the real app headless on a file-backed microphone and start answering; the test
kills this process with SIGKILL mid-answer. Usage: crash_driver.py DATA_DIR CLIP"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from coach.app import make_app
from coach.backends import Backends
from coach.speech.sources import FileSource


async def main(data_dir: Path, clip: Path) -> None:
    backends = Backends(
        model="tiny.en",
        make_source=lambda: FileSource(clip),  # real time, like a microphone
        data_dir=data_dir,
        shuffle=False,
    )
    app = make_app(backends=backends)
    async with app.run_test(size=(100, 30)) as pilot:
        while not app.can_record:
            await pilot.pause(0.05)
        await pilot.press("r", "space")
        while getattr(app.screen, "phase", "") != "recording":
            await pilot.pause(0.01)
        print(f"RECORDING {time.time()}", flush=True)
        await asyncio.sleep(60)  # killed long before this


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), Path(sys.argv[2])))
