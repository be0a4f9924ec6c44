"""``coach history``, ``coach export`` and ``coach import``."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from coach.analysis.text import visible_controls
from coach.errors import StorageError, UsageError
from coach.history import queries
from coach.history.export import export_json, export_markdown, import_json, session_ids
from coach.history.import_check import read_export
from coach.history.queries import when
from coach.history.store import Store
from coach.locations import data_dir
from coach.safe_files import (
    RECORDING_SUFFIXES,
    DataFolder,
    owned_file,
    real_folder,
    remove_owned,
    write_output,
)


def add_parsers(sub: Any) -> None:
    hist = sub.add_parser(
        "history",
        help="list past sessions (newest first), or search what you said",
        description="List practice sessions newest first with a glance at their results.",
    )
    hist.add_argument("--search", metavar="WORDS", help="answers containing all these words")
    hist.add_argument("--pack", metavar="ID", help="only sessions from this pack")
    hist.add_argument("--json", action="store_true", help="print JSON")
    hist.set_defaults(handler=cmd_history)

    exp = sub.add_parser(
        "export",
        help="a session or the whole history as a coach's report (Markdown or one HTML "
        "page) or complete JSON",
        description="Export SESSION (an id from `coach history`) or `all`: md and html are "
        "reports a coach can read (each answer marked by STAR part, verdicts, fillers, "
        "follow-ups asked and answered, advice); json holds every stored field and "
        "`coach import` reads it back.",
    )
    exp.add_argument("session", metavar="SESSION|all")
    exp.add_argument("--format", choices=("md", "html", "json"), default="md", help="default: md")
    exp.add_argument("-o", "--output", metavar="FILE", help="write here (private, 0600)")
    exp.set_defaults(handler=cmd_export)

    imp = sub.add_parser(
        "import",
        help="add sessions from a `coach export --format json` file",
        description="Add the sessions of a `coach export all --format json` file to this "
        "history, all or nothing. Every field is checked first; recordings outside this "
        "coach's recordings folder are left out (the answers keep their transcripts).",
    )
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(handler=cmd_import)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def cmd_history(args: argparse.Namespace) -> int:
    store = Store()
    if args.search:
        hits = queries.search(store, args.search)
        if args.json:
            print(json.dumps([_asdict(hit) for hit in hits], indent=2))
            return 0
        for hit in hits:
            print(f"session {hit.session_id} · answer {hit.answer_id} · {when(hit.created_at)}")
            print(f"  {visible_controls(hit.question_text)}\n  {visible_controls(hit.snippet)}")
        if not hits:
            print("no answer contains those words")
        return 0
    rows = queries.sessions(store, queries.HistoryFilter(pack_id=args.pack))
    if args.json:
        print(json.dumps([_asdict(row) for row in rows], indent=2))
        return 0
    if not rows:
        print("no sessions yet: run `coach` and answer a question")
    for row in rows:
        star = f"STAR {row.star_parts:.1f}/5" if row.star_parts is not None else "STAR —"
        wpm = f"{row.wpm:.0f} wpm" if row.wpm else "typed"
        mode, pack = visible_controls(str(row.mode)), visible_controls(str(row.pack_id or "—"))
        print(
            f"{row.id:>5}  {when(row.started_at)}  {mode:<6} {pack}  "
            f"{plural(row.answers, 'answer')}  {star}  {wpm}"
        )
    return 0


def _asdict(row: object) -> dict[str, Any]:
    return {name: getattr(row, name) for name in row.__slots__}  # type: ignore[attr-defined]


def cmd_export(args: argparse.Namespace) -> int:
    store = Store()
    ids = session_ids(store, args.session)
    if args.format == "json":
        text = json.dumps(export_json(store, ids), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "html":
        from coach.history.html_report import export_html

        text = export_html(store, ids)
    else:
        text = export_markdown(store, ids)
    if not args.output:
        sys.stdout.write(text)
        return 0
    path = Path(args.output).expanduser()
    if not path.parent.is_dir():
        raise UsageError(f"no such folder: {path.parent}", hint="create it first")
    try:
        write_output(path, text.encode("utf-8"))
    except OSError as exc:
        raise StorageError(
            f"cannot write {path}: {exc.strerror or exc}; nothing was changed there",
            hint="free space or pick another path",
        ) from exc
    print(f"wrote {plural(len(ids), 'session')} to {path}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    data = read_export(args.file)
    result = import_json(Store(), data)
    print(f"imported {plural(result.sessions, 'session')} ({plural(result.answers, 'answer')})")
    if result.dropped_audio:
        print(
            f"left out {plural(result.dropped_audio, 'recording')} named outside this coach's "
            "recordings folder; those answers keep their transcripts and feedback",
            file=sys.stderr,
        )
    return 0


def add_care_parsers(sub: Any) -> None:
    rec = sub.add_parser(
        "recover",
        help="transcribe and save answers interrupted by a crash or power loss",
        description="Find recordings a crash or power loss left unsaved (coach offers them at "
        "start too), repair their headers, transcribe them with the model and save them to "
        "the history with the question each one answered. Typed answers kept after a full "
        "disk or a busy history are saved as typed.",
    )
    rec.add_argument(
        "--model", dest="sub_model", default=None, metavar="NAME|PATH", help="as coach --model"
    )
    rec.set_defaults(handler=cmd_recover)

    forget = sub.add_parser(
        "forget",
        help="delete every recording and the whole practice history",
        description="Delete all recordings, transcripts and feedback coach has kept. "
        "Question packs and settings stay.",
    )
    forget.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    forget.set_defaults(handler=cmd_forget)


def cmd_recover(args: argparse.Namespace) -> int:
    from coach.recovery import find_orphans, recover
    from coach.speech.transcriber import Transcriber

    store = Store()
    orphans = find_orphans(store, data_dir() / "recordings")
    if not orphans:
        print("nothing to recover: every recording is in the history")
        return 0
    needs_model = any(not orphan.typed for orphan in orphans)
    transcriber = Transcriber(args.sub_model or args.model) if needs_model else None
    for orphan in orphans:
        answer_id = recover(orphan, store, transcriber)
        what = "typed answer" if orphan.typed else f"{orphan.seconds:.1f} s"
        print(f"recovered {orphan.path.name} ({what}) as answer {answer_id}")
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    """Delete the history and the recordings: only regular files coach wrote, directly
    in its data folder and ``recordings/``; never through a link, never a folder."""
    folder = DataFolder.at(data_dir())
    recordings = folder.recordings
    files: list[Path] = []
    others = 0
    if real_folder(recordings) is not None:
        for entry in sorted(recordings.iterdir()):
            mine = entry.name.endswith(RECORDING_SUFFIXES) and owned_file(entry, recordings)
            if mine:
                files.append(entry)
            else:
                others += 1
    elif recordings.is_symlink():
        others += 1
    database = [
        side
        for side in (
            folder.database,
            Path(f"{folder.database}-wal"),
            Path(f"{folder.database}-shm"),
        )
        if owned_file(side, folder.root)
    ]
    if not database and not files:
        print(f"nothing to forget in {folder.root}")
        return 0
    history = "no history"
    if folder.database in database:
        try:
            store = Store(folder.database)
            history = plural(store.answer_count(), "answer")
            store.close()
        except (StorageError, sqlite3.Error):  # damaged: forgetting it is still allowed
            history = "a history that cannot be read"
    summary = f"{history} and {plural(len(files), 'recording file')} in {folder.root}"
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(
                f"refusing to delete {summary} without confirmation",
                hint="run it in a terminal, or add --yes",
            )
        reply = input(f"Delete {summary}? This cannot be undone. Type 'forget' to confirm: ")
        if reply.strip().lower() != "forget":
            print("nothing deleted")
            return 1
    # Recordings first, then the history: a failure part-way leaves a history that still
    # opens (some recordings "gone"), and running forget again finishes the job.
    for path in files:
        _forget_file(path, recordings)
    for path in database:
        _forget_file(path, folder.root)
    print(f"deleted {summary}")
    if others:
        print(
            f"left alone {plural(others, 'item')} in {recordings} that coach did not write "
            "(folders, links or other files)",
            file=sys.stderr,
        )
    return 0


def _forget_file(path: Path, folder: Path) -> None:
    try:
        remove_owned(path, folder)
    except StorageError as exc:
        raise StorageError(
            f"{exc.message}; the rest was not deleted",
            hint="fix that, then run `coach forget` again",
        ) from exc
