"""How the TUI feels during a spoken answer: event-loop stalls, and stop → feedback.

Runs the real app headless (Textual's test driver) on the real model, with AUDIO
played at real-time pace through the file-backed microphone, exactly as a
candidate would answer: home → r → space → speak → space (stop) → feedback.

* ``max_stall_ms``: the largest gap between 10 ms heartbeats on the event loop
  while recording and streaming transcription run (target ≤ 100 ms);
* ``stop_to_feedback_s``: from pressing stop to the feedback screen drawn
  (target ≤ 1 s with the base model for a 2-minute answer).

Prints one JSON object as its last line.

    python benchmarks/ui_responsiveness.py --audio answer_120s.wav --model base
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from coach.app import CoachApp, make_app
from coach.backends import Backends
from coach.errors import CoachError
from coach.speech.sources import FileSource, decode_audio_file
from coach.speech.transcriber import Transcriber


class Heartbeat:
    """Measures how late a 10 ms timer fires: the event loop's stalls."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._last: float | None = None

    def beat(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps.append(now - self._last)
        self._last = now


async def drive(app: CoachApp, audio_s: float, stop_early_s: float) -> dict[str, float]:
    heart = Heartbeat()
    async with app.run_test(size=(100, 30)) as pilot:
        while not app.can_record:
            await pilot.pause(0.05)
        await pilot.press("r")
        await pilot.pause(0.2)
        await pilot.press("space")  # end the think time
        began = time.perf_counter()
        timer = app.set_interval(0.01, heart.beat)
        # Speak until a little before the end of the clip, then press stop.
        while time.perf_counter() - began < audio_s - stop_early_s:
            await asyncio.sleep(0.05)
        timer.stop()
        recording_gaps = list(heart.gaps)
        stopped = time.perf_counter()
        await pilot.press("space")
        while type(app.screen).__name__ != "FeedbackScreen":
            await asyncio.sleep(0.005)
        await pilot.pause()  # let it draw
        stop_to_feedback = time.perf_counter() - stopped
        words = len(app.screen.feedback.transcript.split())  # type: ignore[attr-defined]
    return {
        "recorded_s": round(audio_s - stop_early_s, 1),
        "max_stall_ms": round((max(recording_gaps) - 0.01) * 1000, 1),
        "p99_gap_ms": round(statistics.quantiles(recording_gaps, n=100)[98] * 1000, 1),
        "heartbeats": len(recording_gaps),
        "stop_to_feedback_s": round(stop_to_feedback, 3),
        "words": words,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", required=True, help="a spoken answer (WAV, FLAC, MP3)")
    parser.add_argument("--model", default="base", help="base, tiny.en or a model folder")
    parser.add_argument(
        "--stop-early", type=float, default=2.0, help="press stop this many s before the end"
    )
    args = parser.parse_args(argv)
    try:
        audio = decode_audio_file(args.audio)
        transcriber = Transcriber(args.model)
    except CoachError as exc:
        print(f"ui_responsiveness: {exc}", file=sys.stderr)
        return 2
    audio_s = audio.size / 16000
    with tempfile.TemporaryDirectory() as tmp:
        backends = Backends(
            model=args.model,
            make_source=lambda: FileSource(audio),
            make_transcriber=lambda _progress: transcriber,
            data_dir=Path(tmp),
        )
        figures = asyncio.run(drive(make_app(backends=backends), audio_s, args.stop_early))
    figures = {"model": args.model, "audio_s": round(audio_s, 1), **figures}
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
