"""``coach config``: show and change what coach remembers between launches."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coach.analysis.text import visible_controls
from coach.config import DESCRIPTIONS, KEYS, Config, config_path, load_config, save_config
from coach.config import set_value as with_value


def add_parser(sub: Any) -> None:
    cfg = sub.add_parser(
        "config",
        help="show or change the remembered settings (pack, mode, theme, model…)",
        description="Without arguments, list every setting with its value and what it "
        "does. With KEY, print one; with KEY VALUE, set it; --unset KEY puts it back to "
        f"its default. Settings live in {config_path()}.",
    )
    cfg.add_argument("key", nargs="?", metavar="KEY", choices=KEYS, help=", ".join(KEYS))
    cfg.add_argument("value", nargs="?", metavar="VALUE", help="the new value")
    cfg.add_argument("--unset", action="store_true", help="put KEY back to its default")
    cfg.add_argument("--json", action="store_true", help="print the settings as JSON")
    cfg.set_defaults(handler=cmd_config)


def _shown(value: object) -> str:
    return "(default)" if value is None else visible_controls(str(value))


def cmd_config(args: argparse.Namespace) -> int:
    config, problems = load_config()
    for problem in problems:
        print(f"coach: warning: {visible_controls(problem)}", file=sys.stderr)
    if args.key is not None and (args.value is not None or args.unset):
        config = with_value(config, args.key, None if args.unset else args.value)
        path = save_config(config)
        print(f"{args.key} = {_shown(getattr(config, args.key))}  (saved in {path})")
        return 0
    keys = (args.key,) if args.key else KEYS
    if args.json:
        json.dump({k: getattr(config, k) for k in keys}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if args.key:
        print(_shown(getattr(config, args.key)))
        return 0
    width = max(len(k) for k in KEYS)
    for key in KEYS:
        default = "" if getattr(config, key) != getattr(Config(), key) else "  (default)"
        value = getattr(config, key)
        print(f"{key:<{width}}  {_shown(value) if value is not None else '-'}{default}")
        print(f"{'':<{width}}  {DESCRIPTIONS[key]}")
    print(f"\nsaved in {config_path()}")
    return 0
