"""Write the hash-locked dependency sets ``make`` installs from.

    .venv/bin/python scripts/lock.py      (or: make lock)

pip resolves the project's dependencies (``requirements/run.lock``: what ``make run``
needs; ``requirements/dev.lock``: that plus the test tools) and reports the exact
file it would install for each, with its SHA-256; both sets also hold the build
backend, because coach itself is installed without build isolation (an isolated
build would fetch hatchling unchecked). ``make`` then installs with
``--require-hashes``: a file whose bytes differ from the ones locked here, or a new,
more specific wheel a publisher adds to a pinned version, is refused instead of
installed. Run this after changing a dependency in ``pyproject.toml`` and commit
both files.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ["hatchling>=1.25", "editables>=0.3"]  # editables: hatchling's editable installs


def resolve(extra: str) -> list[tuple[str, str, str]]:
    """(name, version, sha256) of every package pip would install for ``extra``."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        target = f"{ROOT}[{extra}]" if extra else str(ROOT)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
             "--quiet", "--report", str(report), target, *BUILD],
            check=True,
        )  # fmt: skip
        data = json.loads(report.read_text())
    found = []
    for item in data["install"]:
        name, version = item["metadata"]["name"], item["metadata"]["version"]
        if name == "coach":
            continue
        hashes = (item["download_info"].get("archive_info") or {}).get("hashes") or {}
        if "sha256" not in hashes:
            sys.exit(f"lock: no SHA-256 for {name} {version}; refusing to lock it")
        found.append((name.lower(), version, hashes["sha256"]))
    return sorted(found)


def write(path: Path, packages: list[tuple[str, str, str]], what: str) -> None:
    lines = [
        f"# {what}: written by scripts/lock.py (make lock); do not edit by hand.\n",
        "# Installed with pip --require-hashes: every file is checked against its SHA-256.\n",
    ]
    for name, version, digest in packages:
        lines.append(f"{name}=={version} \\\n    --hash=sha256:{digest}\n")
    path.write_text("".join(lines))
    print(f"wrote {path.relative_to(ROOT)}: {len(packages)} packages")


def main() -> None:
    out = ROOT / "requirements"
    out.mkdir(exist_ok=True)
    write(out / "run.lock", resolve(""), "What `make run` installs")
    write(out / "dev.lock", resolve("dev"), "What `make test` installs")


if __name__ == "__main__":
    main()
