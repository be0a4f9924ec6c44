"""How the TUI feels during a spoken answer: event-loop stalls, and stop → feedback.

Runs the real app headless (Textual's test driver) on the real model, with AUDIO
played at real-time pace through the file-backed microphone, exactly as a
candidate would answer: home → r → space → speak → space (stop) → feedback.

* ``max_stall_ms``: the largest gap between 10 ms heartbeats on the event loop
  while recording and streaming transcription run (target ≤ 100 ms);
* ``stop_to_feedback_s``: from pressing stop to the feedback screen drawn
  (target ≤ 1 s with the base model for a 2-minute answer);
* ``whole_pass_s``: from the feedback drawn to the whole-recording pass done (and
  ``refined``: whether its text was swapped in);
* ``peak_rss_mb``: the process's peak resident memory, model included, through the
  whole pass (target ≤ 500), and ``peak_rss_mb_at_feedback``.

Stop is pressed in the middle of the last run of speech, mid-word, as when a
candidate is cut off by the timer (``--stop-at`` chooses another second).

Prints one JSON object as its last line.

    python benchmarks/ui_responsiveness.py --audio answer_120s.wav --model base
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from coach.app import CoachApp, make_app
from coach.backends import Backends
from coach.errors import CoachError
from coach.speech.sources import FileSource, decode_audio_file
from coach.speech.transcriber import Transcriber
from coach.speech.vad import FRAME_S, speech_flags


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


def mid_speech_stop(audio: np.ndarray, min_run_s: float = 1.0) -> float:
    """The middle of the last run of speech at least ``min_run_s`` long: a stop
    mid-sentence, with the voice still going when the key is pressed."""
    flags = speech_flags(audio)
    end = flags.size
    while end > 0:
        while end > 0 and not flags[end - 1]:
            end -= 1
        first = end
        while first > 0 and flags[first - 1]:
            first -= 1
        if (end - first) * FRAME_S >= min_run_s:
            return (first + end) / 2 * FRAME_S
        end = first
    return audio.size / 16000


async def drive(app: CoachApp, stop_at_s: float) -> dict[str, object]:
    heart = Heartbeat()
    async with app.run_test(size=(100, 30)) as pilot:
        while not app.can_record:
            await pilot.pause(0.05)
        await pilot.press("r")
        await pilot.pause(0.2)
        await pilot.press("space")  # end the think time
        timer = app.set_interval(0.01, heart.beat)
        # Speak until the recording reaches the stop second (by the recorder's own
        # clock, which started when the microphone opened), then press stop.
        while getattr(app.screen, "seconds", 0.0) < stop_at_s:
            await asyncio.sleep(0.01)
        timer.stop()
        mid_speech = getattr(app.screen, "phase", "") == "recording"
        recording_gaps = list(heart.gaps)
        # The stop key's action, without Pilot.press: Pilot waits for the process to
        # go quiet (up to a second), and the whole-recording pass keeps it busy.
        stopped = time.perf_counter()
        app.screen.action_start_stop()  # type: ignore[attr-defined]
        while type(app.screen).__name__ != "FeedbackScreen":
            await asyncio.sleep(0.005)
        painted = asyncio.Event()
        app.screen.call_after_refresh(painted.set)  # after its first paint
        await painted.wait()
        stop_to_feedback = time.perf_counter() - stopped
        words = len(app.screen.feedback.transcript.split())  # type: ignore[attr-defined]
        rss_at_feedback = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        # Then the whole-recording pass runs behind the feedback; wait for it.
        while any(w.group == "whole-pass" and not w.is_finished for w in app.workers):
            await asyncio.sleep(0.05)
        await pilot.pause()
        whole_pass_s = time.perf_counter() - stopped - stop_to_feedback
        refined = bool(getattr(app.screen, "refined", False))
    return {
        "recorded_s": round(stop_at_s, 1),
        "stopped_while_recording": mid_speech,
        "max_stall_ms": round((max(recording_gaps) - 0.01) * 1000, 1),
        "p99_gap_ms": round(statistics.quantiles(recording_gaps, n=100)[98] * 1000, 1),
        "heartbeats": len(recording_gaps),
        "stop_to_feedback_s": round(stop_to_feedback, 3),
        "words": words,
        "peak_rss_mb_at_feedback": round(rss_at_feedback, 1),
        "whole_pass_s": round(whole_pass_s, 2),
        "refined": refined,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", required=True, help="a spoken answer (WAV, FLAC, MP3)")
    parser.add_argument("--model", default="base", help="base, tiny.en or a model folder")
    parser.add_argument(
        "--stop-at",
        type=float,
        help="press stop at this second (default: mid-word in the last run of speech)",
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
        stop_at = args.stop_at if args.stop_at is not None else mid_speech_stop(audio)
        figures = asyncio.run(drive(make_app(backends=backends), stop_at))
    figures = {"model": args.model, "audio_s": round(audio_s, 1), **figures}
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
