"""Stop-to-transcript latency of streaming transcription versus transcribing afterwards.

Streams AUDIO through the real recorder and streaming transcriber at real-time
pace (as a microphone would deliver it) and measures ``tail_latency_s``: from the
last audio block to the final transcript. In the same run it transcribes the whole
file after the fact (``batch_s``, the naive approach). Also: the encoder's time per
call (median, and the last phrase's), CPU seconds of the whole process per second of
audio while streaming (voice detection and recording included), and both WERs with
``--reference``. Prints one JSON object as its last line.

    python benchmarks/latency.py --audio answer.wav --model base
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from coach.errors import CoachError
from coach.speech.capture import AnswerCapture
from coach.speech.sources import FileSource, decode_audio_file
from coach.speech.streaming import CommitPolicy, StreamingTranscriber
from coach.speech.transcriber import Transcriber
from coach.speech.vad import FRAME_S, speech_flags
from coach.speech.wer import wer


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def stop_where(audio: np.ndarray, stop: str) -> np.ndarray:
    """``audio`` cut where the speaker stops: 0.3 s after the last speech, or halfway
    through the last run of speech (mid-word, as when the timer runs out)."""
    if stop == "file":
        return audio
    flags = speech_flags(audio)
    speech = np.flatnonzero(flags)
    if speech.size == 0:
        return audio
    last = int(speech[-1])
    if stop == "end":
        return audio[: int((last + 1) * FRAME_S * 16000 + 0.3 * 16000)]
    first = last
    while first > 0 and flags[first - 1]:
        first -= 1
    return audio[: int((first + last) / 2 * FRAME_S * 16000)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", required=True, help="speech to stream (WAV, FLAC, MP3)")
    parser.add_argument("--model", default="base", help="base, tiny.en or a model folder")
    parser.add_argument("--reference", help="a text file with what was said, to report WER")
    parser.add_argument("--fast", action="store_true", help="feed as fast as possible")
    parser.add_argument(
        "--stop",
        choices=("file", "end", "mid"),
        default="file",
        help="where the speaker stops: at the file's end, 0.3 s after the last word, "
        "or in the middle of the last word run",
    )
    parser.add_argument(
        "--padded-final", action="store_true", help="encode the last phrase as a 30-s window"
    )
    parser.add_argument(
        "--window-s",
        type=float,
        help="refinement windows of this many seconds while speaking (0 turns them off)",
    )
    parser.add_argument(
        "--long-phrase",
        nargs=2,
        type=float,
        metavar=("SECONDS", "PAUSE_S"),
        help="past SECONDS of pending speech, a pause of PAUSE_S ends a phrase",
    )
    args = parser.parse_args(argv)
    try:
        audio = decode_audio_file(args.audio)
        load_began = time.perf_counter()
        transcriber = Transcriber(args.model)
        load_s = time.perf_counter() - load_began
    except CoachError as exc:
        print(f"latency: {exc}", file=sys.stderr)
        return 2
    audio = stop_where(audio, args.stop)
    audio_s = audio.size / 16000
    encodes: list[float] = []
    model = transcriber._model
    plain_encode = model.encode

    def timed_encode(features: object) -> object:  # per-call encoder time
        began = time.perf_counter()
        try:
            return plain_encode(features)
        finally:
            encodes.append(time.perf_counter() - began)

    model.encode = timed_encode
    cpu_began = time.process_time()

    with tempfile.TemporaryDirectory() as tmp:
        policy = CommitPolicy(short_final=not args.padded_final)
        if args.window_s is not None:
            policy = replace(policy, window_s=args.window_s)
        if args.long_phrase:
            policy = replace(
                policy, long_phrase_s=args.long_phrase[0], long_phrase_pause_s=args.long_phrase[1]
            )
        streamer = StreamingTranscriber(transcriber, policy=policy)
        capture = AnswerCapture(
            FileSource(audio, realtime=not args.fast), Path(tmp) / "answer.wav", streamer
        )
        result = capture.run()
        tail_latency_s = time.perf_counter() - result.last_block_at
    stream_cpu_s = time.process_time() - cpu_began
    stream_encodes = list(encodes)
    stream_text = result.transcript.text

    began = time.perf_counter()
    batch_text = transcriber.transcribe(audio).text
    batch_s = time.perf_counter() - began

    figures: dict[str, object] = {
        "model": transcriber.model_name,
        "cpu_threads": transcriber.cpu_threads,
        "audio_s": round(audio_s, 2),
        "tail_latency_s": round(tail_latency_s, 3),
        "batch_s": round(batch_s, 3),
        "rtf": round(streamer.stats.inference_s / audio_s, 3),
        "phrases": streamer.stats.phrases,
        "slowest_phrase_s": round(max(streamer.stats.timings, default=0.0), 3),
        "last_phrase_s": round(streamer.stats.timings[-1], 3) if streamer.stats.timings else None,
        "short_input_retries": transcriber.short_input_retries,
        "context_retries": transcriber.context_retries,
        "encoder_s_median": round(float(np.median(stream_encodes)), 3) if stream_encodes else None,
        "last_encoder_s": round(stream_encodes[-1], 3) if stream_encodes else None,
        "cpu_s_per_audio_s": round(stream_cpu_s / audio_s, 3),
        "windows": streamer.stats.windows,
        "windows_abandoned": streamer.stats.windows_abandoned,
        "stop": args.stop,
        "batch_to_tail": round(batch_s / max(tail_latency_s, 1e-3), 1),
        "model_load_s": round(load_s, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    if args.reference:
        reference = Path(args.reference).read_text()
        figures["stream_wer"] = round(wer(reference, stream_text), 4)
        figures["batch_wer"] = round(wer(reference, batch_text), 4)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
