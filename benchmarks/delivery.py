"""Are pauses still found in a real room? Pause precision/recall against known pauses.

Builds a ~100-s answer from espeak-ng sentences (tests/data/answer_2min.txt) joined
by silences of known length (0.3 to 2.5 s), then the same answer with mains hum at
−34 dBFS, pink noise at 10 and 20 dB SNR, keyboard clicks, and spoken 14 dB quieter
(speech about −35 dBFS). For each, the silences of at least 0.25 s that the voice
detector reports are matched to the known pauses (a hit overlaps one by half its
length); pauses inside espeak's own sentences (at commas) are not counted either
way. Prints precision, recall and the count for the energy detector coach used
before and for Silero (:class:`coach.speech.vad.SpeechVad`), and Silero's cost as a
fraction of real time. The last line is one JSON object.

    python benchmarks/delivery.py            # needs espeak-ng and sox
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

from coach.analysis.prosody import pitch_spread, voice_track
from coach.speech.audio import SAMPLE_RATE
from coach.speech.sources import decode_audio_file
from coach.speech.vad import FRAME_S, EnergyVad, SpeechVad, silences, speech_flags

ROOT = Path(__file__).resolve().parents[1]
GAPS = (0.3, 0.6, 1.2, 2.5)
Audio = np.ndarray


def sentence_audio(text: str, folder: Path, voice: str, rate: int) -> Audio:
    raw, clean = folder / "s.wav", folder / "s16.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(raw), text], check=True)
    subprocess.run(
        ["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(clean)], check=True
    )
    with wave.open(str(clean), "rb") as handle:
        audio = np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16)
    signal = audio.astype(np.float32) / 32768.0
    loud = np.flatnonzero(np.abs(signal) > 0.01)
    return signal[loud[0] : loud[-1] + 1]


def answer_with_pauses(
    folder: Path,
) -> tuple[Audio, list[tuple[float, float]], list[tuple[float, float]]]:
    """The answer, its known pauses, and the spans of speech (sentences)."""
    sentences = (ROOT / "tests" / "data" / "answer_2min.txt").read_text().split(". ")
    pieces, pauses, spoken = [], [], []
    t = 0.0
    for i, sentence in enumerate(sentences[:26]):
        audio = sentence_audio(sentence, folder, ("en-us", "en-gb-x-rp")[i % 2], 150 + 10 * (i % 4))
        pieces.append(audio)
        spoken.append((t, t + audio.size / SAMPLE_RATE))
        t += audio.size / SAMPLE_RATE
        gap = GAPS[i % len(GAPS)]
        pieces.append(np.zeros(int(gap * SAMPLE_RATE), dtype=np.float32))
        pauses.append((t, t + gap))
        t += gap
    signal = np.concatenate(pieces) * 0.5
    return signal, pauses[:-1], spoken


def rms(x: Audio) -> float:
    return float(np.sqrt(np.mean(x.astype(np.float64) ** 2)))


def pink(n: int, rng: np.random.Generator) -> Audio:
    white = rng.standard_normal(n)
    spectrum = np.fft.rfft(white)
    spectrum /= np.sqrt(np.maximum(np.arange(spectrum.size), 1))
    out = np.fft.irfft(spectrum, n)
    return (out / rms(out)).astype(np.float32)


def variants(clean: Audio) -> dict[str, Audio]:
    rng = np.random.default_rng(11)
    n = clean.size
    t = np.arange(n) / SAMPLE_RATE
    speech_rms = rms(clean[np.abs(clean) > 0.005])
    hum = (np.sin(2 * np.pi * 50 * t) + 0.5 * np.sin(2 * np.pi * 150 * t)).astype(np.float32)
    hum *= 10 ** (-34 / 20) / rms(hum)
    clicks = np.zeros(n, dtype=np.float32)
    for start in rng.integers(0, n - 400, size=int(n / SAMPLE_RATE * 6)):  # ~6 keys a second
        clicks[start : start + 400] += (
            rng.standard_normal(400) * np.exp(-np.arange(400) / 60)
        ).astype(np.float32) * 0.15
    return {
        "clean": clean,
        "hum_-34dBFS": clean + hum,
        "pink_20dB": clean + pink(n, rng) * speech_rms / 10,
        "pink_10dB": clean + pink(n, rng) * speech_rms / np.sqrt(10),
        "keyboard": clean + clicks,
        "quiet_mic_-35dBFS": clean * (10 ** (-35 / 20) / speech_rms),
    }


def score(
    found: list[tuple[float, float]],
    known: list[tuple[float, float]],
    spoken: list[tuple[float, float]],
) -> dict[str, float | int]:
    def overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
        return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))

    hits = {
        i
        for i, k in enumerate(known)
        if any(overlap(f, k) >= 0.5 * min(f[1] - f[0], k[1] - k[0]) for f in found)
    }
    # A silence inside a sentence is espeak's own (a comma): neither right nor wrong.
    between = [f for f in found if not any(overlap(f, s) >= 0.9 * (f[1] - f[0]) for s in spoken)]
    right = [f for f in between if any(overlap(f, k) > 0 for k in known)]
    precision = len(right) / len(between) if between else 1.0
    return {
        "found": len(between),
        "precision": round(precision, 3),
        "recall": round(len(hits) / len(known), 3),
    }


def pitch_spreads() -> dict[str, float | None]:
    """Pitch spread of flat, normal and expressive espeak speech and the real clips."""
    text = ". ".join((ROOT / "tests" / "data" / "answer_2min.txt").read_text().split(". ")[1:5])
    out: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, ssml in (
            ("espeak_flat", "x-low"),
            ("espeak_normal", ""),
            ("espeak_expressive", "x-high"),
        ):
            said = f'<speak><prosody range="{ssml}">{text}</prosody></speak>' if ssml else text
            raw, clean = folder / "p.wav", folder / "p16.wav"
            subprocess.run(["espeak-ng", "-m", "-v", "en-us", "-w", str(raw), said], check=True)
            subprocess.run(
                ["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(clean)],
                check=True,
            )
            out[name] = _spread(decode_audio_file(clean))
    shared = ROOT.parent / "shared" / "audio"
    for clip in ("jfk.flac", "arctic_a0024.wav"):
        if (shared / clip).exists():
            out[clip] = _spread(decode_audio_file(shared / clip))
    return out


def _spread(audio: Audio) -> float | None:
    began = time.perf_counter()
    track = voice_track(audio, speech_flags(audio).tolist(), FRAME_S)
    spread = pitch_spread(track)
    share = (time.perf_counter() - began) / (audio.size / SAMPLE_RATE)
    print(f"  pitch track: {share:.4f} of real time")
    return spread


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        clean, known, spoken = answer_with_pauses(Path(tmp))
    result: dict[str, object] = {
        "audio_s": round(clean.size / SAMPLE_RATE, 1),
        "known_pauses": len(known),
    }
    cost = 0.0
    for name, audio in variants(clean).items():
        audio = np.clip(audio, -1.0, 1.0).astype(np.float32)
        energy = EnergyVad()
        energy.feed(audio)
        began = time.perf_counter()
        silero = SpeechVad()
        for first in range(0, audio.size, 1600):  # 100 ms blocks, as the recorder gives them
            silero.feed(audio[first : first + 1600])
        silero.finish()
        cost += time.perf_counter() - began
        result[name] = {
            "energy": score(silences(energy.flags), known, spoken),
            "silero": score(silences(silero.flags), known, spoken),
        }
        row = result[name]
        assert isinstance(row, dict)
        print(f"{name:<20} energy {row['energy']}  silero {row['silero']}")
    result["silero_fraction_of_real_time"] = round(cost / (6 * clean.size / SAMPLE_RATE), 4)
    result["pitch_spread_st"] = pitch_spreads()
    print(f"pitch spread (semitones): {result['pitch_spread_st']}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
