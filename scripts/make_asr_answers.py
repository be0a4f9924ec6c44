"""Spoken versions of labelled answers, as the speech model hears them.

Each chosen answer of ``training/star/voices_*.txt`` is spoken by espeak-ng (a
different voice and rate each time, half of them over pink noise), transcribed by
the bundled Whisper model, and its sentences labelled by the written sentence they
overlap most. The result, ``training/star/voices_asr.txt``, teaches the STAR model
what real transcripts look like: missing commas, run-on sentences, misheard words.

    .venv/bin/python scripts/make_asr_answers.py [--every 3] [--model base]

Needs espeak-ng and sox (scripts/system-deps.sh). Deterministic for a given model.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

from coach.analysis.star_fit import LabelledAnswer, load_answers
from coach.analysis.text import from_text
from coach.safe_files import atomic_write
from coach.speech.transcriber import Transcriber

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "training" / "star"
VOICES = ("en-us", "en-gb-x-rp", "en-gb-scotland", "en-us+f3", "en-029", "en-gb+m4")
RATES = (145, 165, 185, 155, 175)
LETTER = {"situation": "S", "task": "T", "action": "A", "result": "R", "reflection": "L"}
LETTER["other"] = "O"


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def speak(text: str, number: int, folder: Path) -> np.ndarray:
    raw, clean = folder / "raw.wav", folder / "clean.wav"
    voice, rate = VOICES[number % len(VOICES)], RATES[number % len(RATES)]
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(raw), text], check=True)
    subprocess.run(
        ["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(clean)], check=True
    )
    with wave.open(str(clean), "rb") as handle:
        audio = np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16)
    signal = audio.astype(np.float32) / 32768.0
    if number % 2:  # pink-ish noise about 15 dB under the speech
        rng = np.random.default_rng(number)
        noise = np.cumsum(rng.standard_normal(len(signal))).astype(np.float32)
        noise -= np.convolve(noise, np.ones(400) / 400, mode="same")
        noise *= np.sqrt(np.mean(signal**2) / max(np.mean(noise**2), 1e-12)) * 0.18
        signal = np.clip(signal + noise, -1.0, 1.0)
    return signal


def relabel(answer: LabelledAnswer, heard: str) -> list[tuple[str, str]]:
    """Each heard sentence takes the label of the written sentence it shares most
    words with (the speech model splits and joins sentences its own way)."""
    parsed = from_text(heard)
    out = []
    for sentence in parsed.sentences:
        text = parsed.sentence_text(sentence).strip()
        said = words(text)
        best = max(answer.sentences, key=lambda ls: len(said & words(ls[1])) / (len(said) or 1))
        out.append((best[0], text))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=3, help="take every Nth specific answer")
    parser.add_argument("--model", default="base")
    args = parser.parse_args(argv)
    answers = [a for p in sorted(DATA.glob("voices_[ab].txt")) for a in load_answers(p)]
    chosen = [a for a in answers if a.specific][:: args.every]
    transcriber = Transcriber(args.model)
    lines = [
        "# Spoken versions of voices_a/voices_b answers as Whisper "
        f"{args.model} heard them (scripts/make_asr_answers.py).",
        "# espeak-ng voices and rates vary; odd-numbered ones are over noise.",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for number, answer in enumerate(chosen):
            audio = speak(answer.text, number, Path(tmp))
            heard = transcriber.transcribe(audio).text.strip()
            lines.append(f"## {answer.id}~asr | {answer.gap} | specific")
            lines.append(f"Q: {answer.question}")
            lines += [f"{LETTER[label]}: {text}" for label, text in relabel(answer, heard)]
            lines.append("")
            print(f"{answer.id}: {len(heard.split())} words", file=sys.stderr)
    atomic_write(DATA / "voices_asr.txt", "\n".join(lines).encode("utf-8"))
    print(f"wrote training/star/voices_asr.txt: {len(chosen)} answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
