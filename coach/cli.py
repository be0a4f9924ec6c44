"""Command-line interface: argument parsing and the headless subcommands.

``coach`` alone opens the TUI; ``coach transcribe`` and friends run without a
screen. A :class:`~coach.errors.CoachError` becomes a one-line message on stderr
and its exit code (2 for usage errors); argparse's own errors also exit 2.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence

from coach import __version__
from coach.analysis.text import visible_controls
from coach.errors import CoachError, UsageError
from coach.speech.models import DEFAULT_MODEL

EPILOG = """\
examples:
  coach                          practise in the terminal (default model: base)
  coach --model tiny.en          use the smaller, faster model on a slow machine
  coach --audio-file answer.wav  practise with a recording instead of a microphone
  coach transcribe answer.wav    print the transcript of a recording
  coach transcribe answer.flac --json
  coach history --search refund  every past answer that mentions a refund
  coach export all -o report.md  the whole history as a readable report
  coach doctor                   check microphone, model files and data folder

Everything runs offline; recordings and transcripts stay in your data folder.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coach",
        description="An offline interview coach: answer questions aloud, get a transcript "
        "and feedback on structure and pace. Nothing leaves this machine.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument(
        "--model",
        default=None,
        metavar="NAME|PATH",
        help="speech model: base (default, most accurate), tiny.en (faster), "
        "or a folder holding a CTranslate2 Whisper model (`coach config model` remembers one)",
    )
    parser.add_argument(
        "--audio-file",
        metavar="FILE",
        help="use this recording (WAV, FLAC, MP3) as the microphone, played in real time",
    )
    parser.add_argument(
        "--device",
        metavar="ID|NAME",
        help="input device to record from (see `coach devices`; `coach config device` "
        "remembers one)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    tr = sub.add_parser(
        "transcribe",
        help="transcribe a recording offline",
        description="Transcribe an audio file offline and print the text (or JSON with "
        "segments and word timings).",
    )
    tr.add_argument("audio", metavar="AUDIO", help="a WAV, FLAC, MP3 or OGG file")
    tr.add_argument(
        "--model", dest="sub_model", default=None, metavar="NAME|PATH", help="as coach --model"
    )
    tr.add_argument("--json", action="store_true", help="print JSON with segments and words")
    tr.set_defaults(handler=cmd_transcribe)

    an = sub.add_parser(
        "analyze",
        aliases=["analyse"],
        help="feedback on an answer: STAR, pace, fillers, pauses, follow-ups",
        description="Analyse a spoken answer (audio, transcribed offline) or a .txt "
        "transcript (no timings: pace and pauses are left out).",
    )
    an.add_argument(
        "path",
        metavar="PATH",
        help="audio file, .txt transcript, or .json from `coach transcribe --json`",
    )
    which = an.add_mutually_exclusive_group()
    which.add_argument("--question", metavar="TEXT", help="the question that was answered")
    which.add_argument("--pack", metavar="ID|PATH", help="a question pack (with --question-id)")
    an.add_argument("--question-id", metavar="QID", help="the question's id in --pack")
    an.add_argument(
        "--follow-up",
        action="store_true",
        help="--question is a follow-up to an earlier answer: judge the answer for what it "
        "asked, on the follow-up length band, not as a whole STAR story",
    )
    an.add_argument(
        "--model", dest="sub_model", default=None, metavar="NAME|PATH", help="as coach --model"
    )
    an.add_argument("--json", action="store_true", help="print the feedback as JSON")
    an.set_defaults(handler=cmd_analyze)

    from coach.packs.cli import add_parser as add_packs_parser

    add_packs_parser(sub)

    from coach.history.cli import add_care_parsers
    from coach.history.cli import add_parsers as add_history_parsers

    add_history_parsers(sub)
    add_care_parsers(sub)

    from coach.config_cli import add_parser as add_config_parser

    add_config_parser(sub)

    doc = sub.add_parser(
        "doctor",
        help="check Python, PortAudio, microphones, model files and the data folder",
        description="Check everything coach depends on and say what to fix: Python, "
        "PortAudio and the microphones, every file of both bundled models against its "
        "SHA-256, the feedback model, the data folder's permissions and free space, and "
        "answers a crash interrupted. Exit 0 when all is well, 1 otherwise.",
    )
    doc.add_argument(
        "--json", action="store_true", help="print the checks as JSON (each model file's SHA-256)"
    )
    doc.set_defaults(handler=cmd_doctor)

    dev = sub.add_parser(
        "devices",
        help="list the microphones PortAudio can see",
        description="List the input devices PortAudio can see; * marks the default. Use the "
        "number or the name with --device (or `coach config device`).",
    )
    dev.add_argument("--json", action="store_true", help="print the devices as JSON")
    dev.set_defaults(handler=cmd_devices)

    comp = sub.add_parser(
        "completion",
        help="print shell completion for bash, zsh or fish",
        description='Print a completion script: eval "$(coach completion bash)" in ~/.bashrc '
        "(zsh: the same with zsh in ~/.zshrc; fish: coach completion fish > "
        "~/.config/fish/completions/coach.fish).",
    )
    comp.add_argument("shell", choices=("bash", "zsh", "fish"))
    comp.set_defaults(handler=cmd_completion)
    return parser


@contextlib.contextmanager
def progress_line() -> Iterator[Callable[[float, str], None]]:
    """Model loading and transcription, one line on stderr that rewrites itself; only
    on a terminal (a pipe or a log gets nothing, and stdout stays clean for --json)."""
    shown = sys.stderr.isatty()

    def show(fraction: float, label: str) -> None:
        if shown:
            label = label.rstrip(".… ")
            text = f"{label}… {fraction:.0%}" if fraction < 1.0 else f"{label}…"
            sys.stderr.write(f"\r\033[K{visible_controls(text)[:120]}")
            sys.stderr.flush()

    try:
        yield show
    finally:
        if shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def model_of(args: argparse.Namespace) -> str:
    """``--model``, else the one the settings remember, else the default (base)."""
    if args.model:
        return str(args.model)
    from coach.config import load_config

    return load_config()[0].model or DEFAULT_MODEL


def cmd_transcribe(args: argparse.Namespace) -> int:
    from coach.speech.sources import MAX_ANSWER_S, decode_audio_file
    from coach.speech.transcriber import Transcriber

    audio = decode_audio_file(args.audio, max_seconds=MAX_ANSWER_S)  # before loading a model
    with progress_line() as progress:
        transcriber = Transcriber(args.sub_model or model_of(args), progress=progress)
        progress(1.0, f"Transcribing {audio.size / 16000:.0f} s of audio")
        transcript = transcriber.transcribe(audio)
    if args.json:
        json.dump(transcript.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(visible_controls(transcript.text) if transcript.text else "(no speech found)")
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from coach.analysis import QuestionContext, analyze
    from coach.analysis.inputs import load_answer
    from coach.analysis.report import render_report

    question = QuestionContext(text=args.question or "", is_follow_up=args.follow_up)
    settings = None
    if args.pack or args.question_id:
        if not (args.pack and args.question_id):
            raise UsageError("--pack and --question-id go together")
        from coach.packs.context import question_context

        question, settings = question_context(args.pack, args.question_id)
        if args.follow_up:
            raise UsageError("--follow-up goes with --question TEXT (the follow-up asked)")
    with progress_line() as progress:
        loaded = load_answer(args.path, model=args.sub_model or model_of(args), progress=progress)
    feedback = analyze(
        loaded.answer,
        silences=loaded.silences,
        question=question,
        settings=settings,
        duration_s=loaded.duration_s,
        voice=loaded.voice,
    )
    if args.json:
        json.dump(feedback.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(visible_controls(render_report(feedback)))  # the answer may be anyone's text
    return 0


def cmd_completion(args: argparse.Namespace) -> int:
    from coach.completion import SHELLS

    sys.stdout.write(SHELLS[args.shell](build_parser()))
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from coach.speech.microphone import list_input_devices

    devices = list_input_devices()
    if args.json:
        rows = [
            {
                "index": d.index,
                "name": d.name,
                "channels": d.channels,
                "default_samplerate": d.default_samplerate,
                "default": d.is_default,
            }
            for d in devices
        ]
        json.dump({"devices": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0 if devices else 1
    if not devices:
        print("No input devices found. Plug in a microphone, or use --audio-file.")
        return 1
    for d in devices:
        mark = "*" if d.is_default else " "
        print(f"{mark} {d.index:>3}  {d.name}  ({d.channels} ch, {d.default_samplerate:.0f} Hz)")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from coach.doctor import report, run_checks

    checks = run_checks(model_of(args))
    ok = all(c.ok for c in checks)
    if args.json:
        data = {"ok": ok, "checks": [c.to_dict() for c in checks]}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(report(checks))
    return 0 if ok else 1


def run_tui(args: argparse.Namespace) -> int:
    if args.audio_file is not None:
        from coach.speech.sources import MAX_ANSWER_S, decode_audio_file

        decode_audio_file(args.audio_file, max_seconds=MAX_ANSWER_S)  # exit 2 before the app
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Without a terminal Textual would draw into a pipe and wait for keys for ever.
        raise UsageError(
            "the coach app needs a terminal (stdin and stdout are not one)",
            hint="run `coach` in a terminal; for files use `coach analyze` or `coach transcribe`",
        )
    from coach.app import make_app
    from coach.config import load_config

    device = args.device or load_config()[0].device
    app = make_app(model=model_of(args), audio_file=args.audio_file, device=device)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", run_tui)
    try:
        code = handler(args)
        sys.stdout.flush()
        return code
    except CoachError as exc:
        print(f"coach: error: {visible_controls(exc.message)}", file=sys.stderr)
        if exc.hint:
            print(f"  hint: {visible_controls(exc.hint)}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`coach doctor | head -3`): stop quietly, as a shell tool
        # killed by SIGPIPE would; point stdout at /dev/null so exit's flush is silent.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except KeyboardInterrupt:
        print("coach: interrupted", file=sys.stderr)
        return 130
