"""Streamed versus whole-file accuracy at speaking rates from calm to fast, and its cost.

For each rate, the held-back answers in ``benchmarks/data/held_back_*.txt`` (or,
with ``--set monologues``, four ~300-word monologues strung from the team's STAR
training answers, ``monologue_*.txt``, in two other voices, which Whisper finds
harder: the set that showed the stream's gap to whole-file is wider there) are
spoken by several espeak-ng voices, streamed through the real capture path (paced
at ``--speed`` times real time, which leaves the worker the idle time a live answer
does) and transcribed whole afterwards. WER is pooled over voices and answers (one
synthetic clip's WER moves by points with inaudible changes). Printed per rate:
whole-file WER; streamed with each commit policy compared (``--policies``: the
app's, every phrase encoded short, shorter clauses, no refinement windows, or the
policy before long phrases were cut at shorter pauses); for each, ``_final``, what
the app ends with once its whole-recording pass has replaced the
streamed text where plausible; the busy seconds of transcription per second of
audio; and a 95 % interval of the streamed text's gap to whole-file, resampling
clips (per rate, and pooled over rates at the end). Per-clip figures go to stderr.

    python benchmarks/streaming_wer.py --rates 140,165,185,200
    python benchmarks/streaming_wer.py --set monologues --rates 140,185
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coach.refine import better
from coach.speech.capture import AnswerCapture
from coach.speech.sources import FileSource, decode_audio_file
from coach.speech.streaming import CommitPolicy, StreamingTranscriber
from coach.speech.transcriber import Transcriber
from coach.speech.transcript import Transcript
from coach.speech.wer import word_errors

DATA = Path(__file__).parent / "data"
CACHE = Path(__file__).resolve().parents[1] / "tests" / ".generated"


def spoken(text: str, voice: str, rate: int) -> Path:
    """``text`` read by espeak-ng as a 16 kHz WAV, made once and cached."""
    key = hashlib.sha256(f"bench|{voice}|{rate}|{text}".encode()).hexdigest()[:16]
    out = CACHE / f"bench-{key}.wav"
    if not out.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        raw = out.with_suffix(".raw.wav")
        speak = ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(raw), text]
        subprocess.run(speak, check=True, capture_output=True)
        convert = ["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)]
        subprocess.run(convert, check=True, capture_output=True)
        raw.unlink()
    return out


def gap(clips: list[tuple[int, int, int]]) -> float:
    """Pooled WER gap (streamed − whole-file) over ``clips`` of (streamed errors,
    whole-file errors, words)."""
    return sum(s - w for s, w, _ in clips) / sum(n for _, _, n in clips)


def gap_ci95(clips: list[tuple[int, int, int]], rounds: int = 2000) -> list[float]:
    """95 % interval of :func:`gap`, resampling whole clips: one clip's errors move
    together, so its words are not independent samples."""
    pick = random.Random(0)
    gaps = sorted(gap([pick.choice(clips) for _ in clips]) for _ in range(rounds))
    return [round(gaps[int(rounds * 0.025)], 4), round(gaps[int(rounds * 0.975) - 1], 4)]


def final_text(streamed: Transcript, whole: Transcript) -> str:
    return whole.text if better(streamed, whole) else streamed.text


SETS = {
    "held-back": ("held_back_*.txt", "en-us,en-gb-x-rp,en-gb"),
    "monologues": ("monologue_*.txt", "en-gb-scotland,en-029"),
}

POLICIES = {
    "phrases": CommitPolicy(),  # the app's
    "short": CommitPolicy(short_phrases=True),  # every phrase encoded short
    "clauses": CommitPolicy(long_phrase_s=4.0, long_phrase_pause_s=0.12),  # more, shorter
    "no-windows": CommitPolicy(window_s=0.0),  # phrases only, no refinement windows
    # Before shorter pauses ended long phrases and the last phrase's overlap was cut:
    "long": CommitPolicy(long_phrase_s=float("inf"), final_overlap_s=4.0, pause_hold_s=0.0),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="base")
    parser.add_argument("--rates", default="140,165,185,200", help="words a minute, espeak -s")
    parser.add_argument("--set", choices=sorted(SETS), default="held-back")
    parser.add_argument("--voices", help="espeak-ng voices (default: the set's)")
    parser.add_argument("--speed", type=float, default=2.5, help="pace of the stream")
    parser.add_argument(
        "--policies",
        default="phrases",
        help=f"commit policies to compare, from {', '.join(POLICIES)}",
    )
    args = parser.parse_args(argv)
    transcriber = Transcriber(args.model)
    pattern, default_voices = SETS[args.set]
    texts = [p.read_text() for p in sorted(DATA.glob(pattern))]
    voices = (args.voices or default_voices).split(",")
    names = args.policies.split(",")
    if unknown := set(names) - set(POLICIES):
        parser.error(f"unknown policies: {', '.join(sorted(unknown))}")
    rows = []
    clips: list[dict[str, object]] = []
    paired: dict[str, list[tuple[int, int, int]]] = {}  # every rate's clips, per policy
    for rate in [int(r) for r in args.rates.split(",")]:
        errors: dict[str, int] = {}
        cpu: dict[str, float] = {}
        words = 0
        audio_s = 0.0
        pairs: dict[str, list[tuple[int, int, int]]] = {name: [] for name in names}
        for text in texts:
            for voice in voices:
                audio = decode_audio_file(spoken(text, voice, rate))
                audio_s += audio.size / 16000
                began = time.perf_counter()
                whole_transcript = transcriber.transcribe(audio)
                whole_s = time.perf_counter() - began
                cpu["whole"] = cpu.get("whole", 0.0) + whole_s
                whole_wrong, count = word_errors(text, whole_transcript.text)
                errors["whole"] = errors.get("whole", 0) + whole_wrong
                words += count
                for name in names:
                    streamer = StreamingTranscriber(transcriber, policy=POLICIES[name])
                    with tempfile.TemporaryDirectory() as tmp:
                        capture = AnswerCapture(
                            FileSource(audio, speed=args.speed), Path(tmp) / "a.wav", streamer
                        )
                        result = capture.run()
                    wrong, _ = word_errors(text, result.transcript.text)
                    errors[name] = errors.get(name, 0) + wrong
                    pairs[name].append((wrong, whole_wrong, count))
                    cpu[name] = cpu.get(name, 0.0) + streamer.stats.inference_s
                    # What the app ends with, once its whole-recording pass has
                    # replaced the streamed text where that is plausible.
                    final = final_text(result.transcript, whole_transcript)
                    final_wrong, _ = word_errors(text, final)
                    errors[f"{name}_final"] = errors.get(f"{name}_final", 0) + final_wrong
                    cpu[f"{name}_final"] = cpu.get(f"{name}_final", 0.0) + (
                        streamer.stats.inference_s + whole_s
                    )
                    clips.append(
                        {
                            "rate": rate,
                            "voice": voice,
                            "whole": round(whole_wrong / count, 3),
                            name: round(wrong / count, 3),
                            f"{name}_final": round(final_wrong / count, 3),
                        }
                    )
        row: dict[str, object] = {"rate": rate, "words": words, "audio_s": round(audio_s, 1)}
        for name, wrong in errors.items():
            row[f"{name}_wer"] = round(wrong / words, 4)
            row[f"{name}_cpu_per_audio_s"] = round(cpu[name] / audio_s, 3)
        for name in names:
            row[f"{name}_gap_ci95"] = gap_ci95(pairs[name])
            paired.setdefault(name, []).extend(pairs[name])
        rows.append(row)
        print(json.dumps(row), flush=True)
    for clip in clips:
        print(json.dumps(clip), file=sys.stderr)
    pooled = {
        name: {
            "clips": len(pairs),
            "gap": round(gap(pairs), 4),
            "gap_ci95": gap_ci95(pairs),
        }
        for name, pairs in paired.items()
    }
    print(json.dumps({"model": transcriber.model_name, "rows": rows, "all_rates": pooled}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
