"""A whole session with every socket blocked: load the real model, record a drill from a
recording, read feedback and the summary, open the history, export it. Prints the
network attempts (there must be none) as the last line."""

from __future__ import annotations

import asyncio
import io
import socket
import sys
from contextlib import redirect_stdout
from pathlib import Path

attempts: list[object] = []


class Blocked(socket.socket):
    def connect(self, address: object) -> None:  # type: ignore[override]
        attempts.append(address)
        raise OSError("network blocked by test")

    connect_ex = connect  # type: ignore[assignment]


def refuse(*args: object, **kwargs: object) -> None:
    attempts.append(args[:1])
    raise OSError("network blocked by test")


socket.socket = Blocked  # type: ignore[misc]
socket.create_connection = refuse  # type: ignore[assignment]
socket.getaddrinfo = refuse  # type: ignore[assignment]


async def session(data_dir: Path, clip: Path) -> None:
    from coach.app import make_app
    from coach.backends import Backends
    from coach.speech.sources import FileSource

    backends = Backends(
        model="base", make_source=lambda: FileSource(clip, realtime=False), data_dir=data_dir
    )
    app = make_app(backends=backends)
    async with app.run_test(size=(100, 30)) as pilot:

        async def until(name: str) -> None:
            for _ in range(1200):
                if type(app.screen).__name__ == name:
                    await pilot.pause()
                    return
                await pilot.pause(0.1)
            raise SystemExit(f"never reached {name}")

        while not app.can_record:
            await pilot.pause(0.1)
        await pilot.press("r", "space")
        await until("FeedbackScreen")
        await pilot.press("n")
        await until("SummaryScreen")
        await pilot.press("escape")
        await until("HomeScreen")
        await pilot.press("h")
        await until("HistoryScreen")


def main() -> None:
    data_dir, clip = Path(sys.argv[1]), Path(sys.argv[2])
    asyncio.run(session(data_dir, clip))
    from coach.cli import main as cli

    with redirect_stdout(io.StringIO()) as out:
        assert cli(["export", "all", "--format", "json"]) == 0
    assert '"coach-history"' in out.getvalue()
    print(f"ATTEMPTS {len(attempts)} {attempts!r}")


if __name__ == "__main__":
    main()
