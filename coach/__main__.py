"""Entry point for ``coach`` and ``python -m coach``."""

from __future__ import annotations

import sys

from coach.cli import main as cli_main


def main() -> None:
    sys.exit(cli_main())


if __name__ == "__main__":
    main()
