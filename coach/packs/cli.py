"""``coach packs ...``: list, show, validate, new."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach.analysis.text import visible_controls
from coach.errors import UsageError
from coach.packs.loader import PackError, load_pack
from coach.packs.registry import builtin_dir, discover, find_pack, user_dir
from coach.words import counted

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A coach question pack. Text is plain (no markup). Times are in seconds.
id: my-pack
title: My practice questions
role: Customer support agent
level: entry            # entry, mid, senior or any
description: What this pack is for and who should use it.
author: Your name
version: "1.0"
language: en
timings:
  think_s: 30                 # time to think before recording starts
  answer_target_s: [60, 120]  # the answer length to aim for
  hard_cap_s: 300             # recording stops here
  takes: 3                    # attempts allowed per question
questions:
  - id: first-question
    text: Tell me about a time you helped a customer who was having a bad day.
    competency: Empathy
    kind: behavioral          # behavioral, situational or general
    difficulty: easy          # easy, medium or hard
    areas_to_cover:
      - What the customer needed beyond the obvious request
      - What you did yourself
      - How the customer felt at the end
    follow_ups:
      - How did you know what the customer was feeling?
      - What would you do differently now?
      - How did you follow up afterwards?
    sample_answers:
      - title: A short, complete answer
        text: >-
          Last winter a customer called about a late parcel while her child was ill...
"""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    packs = sub.add_parser(
        "packs",
        help="list, show, check and create question packs",
        description="Question packs: YAML files of questions, areas to cover, "
        "follow-ups and sample answers.",
    )
    psub = packs.add_subparsers(dest="packs_command", metavar="ACTION", required=True)
    ls = psub.add_parser("list", help="the packs found (built-in and yours)")
    ls.add_argument("--json", action="store_true", help="print the packs as JSON")
    ls.set_defaults(handler=cmd_list)
    show = psub.add_parser("show", help="one pack's questions")
    show.add_argument("ref", metavar="ID|PATH")
    show.add_argument("--json", action="store_true", help="print the pack as JSON")
    show.set_defaults(handler=cmd_show)
    val = psub.add_parser("validate", help="check pack files and report every problem")
    val.add_argument("paths", nargs="+", metavar="PATH")
    val.add_argument("--json", action="store_true", help="print each file's result as JSON")
    val.set_defaults(handler=cmd_validate)
    imp = psub.add_parser(
        "import",
        help="turn an interview guide (text or Markdown) into a pack",
        description="Find the questions, areas to cover, follow-ups, difficulties, "
        "competencies and sample answers in a guide, skip the article prose around them, and "
        "write a pack. The title is the guide's first heading, else the role or field it is "
        "about; --title sets it. What looked like content but could not be placed is listed.",
    )
    imp.add_argument("guide", metavar="GUIDE")
    imp.add_argument("--title", metavar="TEXT", help="the pack's title (and id)")
    imp.add_argument("-o", "--output", metavar="OUT", help="write the pack here (default: stdout)")
    imp.set_defaults(handler=cmd_import)
    new = psub.add_parser("new", help="write a commented starter pack to PATH")
    new.add_argument("path", metavar="PATH")
    new.set_defaults(handler=cmd_new)


def cmd_list(args: argparse.Namespace) -> int:
    entries = discover()
    if args.json:
        packs = [
            {
                "id": e.pack.id if e.pack else None,
                "title": e.pack.title if e.pack else None,
                "questions": len(e.pack.questions) if e.pack else 0,
                "difficulty_mix": dict(e.pack.difficulty_mix) if e.pack else {},
                "origin": e.origin,
                "path": str(e.path),
                "ok": e.pack is not None,
                "problems": [str(p) for p in e.error.problems] if e.error else [],
            }
            for e in entries
        ]
        _json({"packs": packs, "user_folder": str(user_dir())})
        return 0
    if not entries:
        print(f"No packs found in {builtin_dir()} or {user_dir()}.")
        return 0
    # Columns as wide as the longest id or file name (capped, so one absurd name
    # cannot push the rest off the screen).
    width = min(48, max(len(e.pack.id if e.pack else e.path.name) for e in entries))
    for entry in entries:
        if entry.pack is None:
            first = entry.error.problems[0].message if entry.error and entry.error.problems else ""
            print(
                visible_controls(
                    f"✗ {entry.path.name:<{width}} {entry.origin:<8} skipped: {first} "
                    f"(`coach packs validate {entry.path}`)"
                )
            )
            continue
        p = entry.pack
        mix = " ".join(f"{k} {v}" for k, v in p.difficulty_mix.items() if v)
        questions = counted(len(p.questions), "question")
        print(
            visible_controls(
                f"  {p.id:<{width}} {entry.origin:<8} {questions:>13}  {p.title} ({mix})"
            )
        )
    print(f"\nYour own packs go in {user_dir()}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    pack = find_pack(args.ref)
    if args.json:
        json.dump(pack.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    lines = [f"{pack.title}  [{pack.id} v{pack.version}]"]
    if pack.role:
        lines.append(f"Role: {pack.role} ({pack.level})")
    if pack.description:
        lines.append(pack.description)
    for number, q in enumerate(pack.questions, start=1):
        lines.append(f"\n{number:>2}. {q.text}")
        lines.append(
            f"    {q.id} · {q.competency or 'general'} · {q.kind} · {q.difficulty} · "
            f"{counted(len(q.follow_ups), 'follow-up')} · "
            f"{counted(len(q.sample_answers), 'sample answer')}"
        )
    print(visible_controls("\n".join(lines)))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    failed = 0
    results: list[dict[str, object]] = []
    for ref in args.paths:
        try:
            pack = load_pack(ref)
        except UsageError as exc:  # a PackError lists every problem
            failed += 1
            problems = [str(p) for p in exc.problems] if isinstance(exc, PackError) else []
            results.append({"path": ref, "ok": False, "error": exc.message, "problems": problems})
            if not args.json:
                print(f"✗ {exc.message}", file=sys.stderr)
            continue
        results.append({"path": ref, "ok": True, "id": pack.id, "questions": len(pack.questions)})
        if not args.json:
            print(f"✓ {ref}: {pack.id}, {counted(len(pack.questions), 'question')}")
    if args.json:
        _json({"ok": not failed, "files": results})
    return 2 if failed else 0


def _json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_import(args: argparse.Namespace) -> int:
    from coach.packs.importer import import_guide

    result = import_guide(args.guide, args.title)
    pack = result.pack
    if args.output:
        out = Path(args.output).expanduser()
        if out.exists():
            raise UsageError(f"{out} already exists", hint="choose a new file name")
        try:
            out.write_text(result.yaml_text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror}") from exc
    else:
        sys.stdout.write(result.yaml_text)
    with_areas = sum(1 for q in pack.questions if q.areas_to_cover)
    with_follow = sum(1 for q in pack.questions if q.follow_ups)
    with_samples = sum(1 for q in pack.questions if q.sample_answers)
    print(
        f"Imported {counted(len(pack.questions), 'question')} ({with_areas} with areas to cover, "
        f"{with_follow} with follow-ups, {with_samples} with sample answers)"
        + (f" into {args.output}" if args.output else ""),
        file=sys.stderr,
    )
    for note in result.notes:
        print(f"  note: {note}", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    path = Path(args.path).expanduser()
    if path.exists():
        raise UsageError(f"{path} already exists", hint="choose a new file name")
    if path.suffix not in (".yaml", ".yml"):
        raise UsageError(f"{path.name} should end in .yaml")
    schema = builtin_dir() / "schema" / "pack.schema.json"
    try:
        path.write_text(
            TEMPLATE.format(schema=schema.as_uri() if schema.exists() else "pack.schema.json")
        )
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from exc
    print(f"Wrote {path}. Edit it, then run: coach packs validate {path}")
    return 0
