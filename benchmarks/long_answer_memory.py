"""Memory over a long answer: does recording and streaming transcription stay bounded?

Records AUDIO looped to 1 minute and then to 10 minutes through the real capture
path (recorder + streaming transcriber, at ``--speed`` × real time), each in a
fresh process, and reports how much the process grew while answering (peak RSS
minus RSS before the first block; the looped input itself is excluded).
Target: the 10-minute answer grows ≤ 50 MB more than the 1-minute one.
Prints one JSON object as its last line.

    python benchmarks/long_answer_memory.py --audio answer.wav --model base
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def one_run(audio_path: str, model: str, minutes: float, speed: float) -> dict[str, float]:
    import numpy as np

    from coach.speech.capture import AnswerCapture
    from coach.speech.sources import FileSource, decode_audio_file
    from coach.speech.streaming import StreamingTranscriber
    from coach.speech.transcriber import Transcriber

    clip = decode_audio_file(audio_path)
    samples = int(minutes * 60 * 16000)
    audio = np.resize(clip, samples).astype(np.float32)  # the clip looped to the length
    transcriber = Transcriber(model)
    transcriber.transcribe(clip[: 16000 * 5])  # warm up: allocations every run pays once
    peak = baseline = rss_mb()
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_mb())
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    with tempfile.TemporaryDirectory() as tmp:
        capture = AnswerCapture(
            FileSource(audio, speed=speed),
            Path(tmp) / "answer.wav",
            StreamingTranscriber(transcriber),
        )
        began = time.perf_counter()
        result = capture.run()
        spent = time.perf_counter() - began
    done.set()
    watcher.join()
    return {
        "minutes": minutes,
        "growth_mb": round(peak - baseline, 1),
        "peak_rss_mb": round(peak, 1),
        "words": len(result.transcript.words),
        "wall_s": round(spent, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", required=True, help="a spoken answer to loop")
    parser.add_argument("--model", default="base")
    parser.add_argument("--speed", type=float, default=4.0, help="× real time (default 4)")
    parser.add_argument("--run", type=float, help=argparse.SUPPRESS)  # one child run
    args = parser.parse_args(argv)
    if args.run is not None:
        print(json.dumps(one_run(args.audio, args.model, args.run, args.speed)))
        return 0
    runs = []
    for minutes in (1.0, 10.0):
        child = subprocess.run(
            [sys.executable, __file__, "--audio", args.audio, "--model", args.model,
             "--speed", str(args.speed), "--run", str(minutes)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
    short, long = runs
    print(
        json.dumps(
            {
                "model": args.model,
                "growth_1min_mb": short["growth_mb"],
                "growth_10min_mb": long["growth_mb"],
                "extra_for_10min_mb": round(long["growth_mb"] - short["growth_mb"], 1),
                "words_10min": long["words"],
                "peak_rss_10min_mb": long["peak_rss_mb"],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
