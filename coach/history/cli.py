"""``coach history``, ``coach export`` and ``coach import``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from coach.errors import StorageError, UsageError
from coach.history import queries
from coach.history.export import export_json, export_markdown, import_json, session_ids
from coach.locations import input_file, open_private
from coach.store import Store


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
        help="a session or the whole history as a Markdown report or complete JSON",
        description="Export SESSION (an id from `coach history`) or `all`.",
    )
    exp.add_argument("session", metavar="SESSION|all")
    exp.add_argument("--format", choices=("md", "json"), default="md", help="default: md")
    exp.add_argument("-o", "--output", metavar="FILE", help="write here (private, 0600)")
    exp.set_defaults(handler=cmd_export)

    imp = sub.add_parser("import", help="add sessions from a `coach export --format json` file")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(handler=cmd_import)


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp))


def cmd_history(args: argparse.Namespace) -> int:
    store = Store()
    if args.search:
        hits = queries.search(store.db, args.search)
        if args.json:
            print(json.dumps([_asdict(hit) for hit in hits], indent=2))
            return 0
        for hit in hits:
            print(f"session {hit.session_id} · answer {hit.answer_id} · {_when(hit.created_at)}")
            print(f"  {hit.question_text}\n  {hit.snippet}")
        if not hits:
            print("no answer contains those words")
        return 0
    rows = queries.sessions(store.db, queries.HistoryFilter(pack_id=args.pack))
    if args.json:
        print(json.dumps([_asdict(row) for row in rows], indent=2))
        return 0
    if not rows:
        print("no sessions yet: run `coach` and answer a question")
    for row in rows:
        star = f"STAR {row.star_parts:.1f}/5" if row.star_parts is not None else "STAR —"
        wpm = f"{row.wpm:.0f} wpm" if row.wpm else "typed"
        print(
            f"{row.id:>5}  {_when(row.started_at)}  {row.mode:<6} {row.pack_id or '—'}  "
            f"{row.answers} answer{'s' if row.answers != 1 else ''}  {star}  {wpm}"
        )
    return 0


def _asdict(row: object) -> dict[str, Any]:
    return {name: getattr(row, name) for name in row.__slots__}  # type: ignore[attr-defined]


def cmd_export(args: argparse.Namespace) -> int:
    store = Store()
    ids = session_ids(store, args.session)
    if args.format == "json":
        text = json.dumps(export_json(store, ids), indent=2, ensure_ascii=False) + "\n"
    else:
        text = export_markdown(store, ids)
    if not args.output:
        sys.stdout.write(text)
        return 0
    path = Path(args.output).expanduser()
    if not path.parent.is_dir():
        raise UsageError(f"no such folder: {path.parent}", hint="create it first")
    try:
        with open_private(path, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        raise StorageError(
            f"cannot write {path}: {exc.strerror}", hint="free space or pick another path"
        ) from exc
    print(f"wrote {len(ids)} session{'s' if len(ids) != 1 else ''} to {path}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = input_file(args.file, "history export")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path.name} is not JSON: {exc}") from exc
    count = import_json(Store(), data)
    print(f"imported {count} session{'s' if count != 1 else ''}")
    return 0


def add_care_parsers(sub: Any) -> None:
    rec = sub.add_parser(
        "recover", help="transcribe and save answers interrupted by a crash or power loss"
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
    from coach.locations import data_dir
    from coach.recovery import find_orphans, recover
    from coach.speech.transcriber import Transcriber

    store = Store()
    orphans = find_orphans(store, data_dir() / "recordings")
    if not orphans:
        print("nothing to recover: every recording is in the history")
        return 0
    transcriber = Transcriber(args.sub_model or args.model)
    for orphan in orphans:
        answer_id = recover(orphan, store, transcriber)
        print(f"recovered {orphan.path.name} ({orphan.seconds:.1f} s) as answer {answer_id}")
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    from coach.locations import data_dir

    folder = data_dir()
    database = folder / "coach.sqlite3"
    recordings = (
        sorted((folder / "recordings").glob("*")) if (folder / "recordings").is_dir() else []
    )
    if not database.exists() and not recordings:
        print(f"nothing to forget in {folder}")
        return 0
    answers = 0
    if database.exists():
        store = Store(database)
        answers = store.db.execute("SELECT count(*) FROM answers").fetchone()[0]
        store.close()
    summary = f"{answers} answers and {len(recordings)} recording files in {folder}"
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
    for path in recordings:
        path.unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    print(f"deleted {summary}")
    return 0
