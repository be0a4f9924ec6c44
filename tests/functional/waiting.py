"""Waiting on an app driven by Pilot while worker threads do the real work."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot


async def wait_for(
    pilot: Pilot[int], predicate: Callable[[], object], timeout: float = 90.0
) -> None:
    """Poll until ``predicate()`` holds, then let the new screen finish mounting and
    any whole-recording pass behind a feedback screen finish (so a test reads the
    feedback the candidate ends up with, not whichever one the race left)."""
    waited = 0.0
    while not predicate() or _whole_pass_running(pilot):
        await pilot.pause(0.1)
        waited += 0.1
        if waited > timeout:
            raise AssertionError("timed out waiting for the app")
    await pilot.pause()
    await pilot.pause()


def _whole_pass_running(pilot: Pilot[int]) -> bool:
    """A feedback screen whose whole-recording pass has not been drawn yet."""
    return not getattr(pilot.app.screen, "settled", True)


async def wait_for_screen(pilot: Pilot[int], name: str, timeout: float = 90.0) -> None:
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == name, timeout)
