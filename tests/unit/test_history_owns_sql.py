"""Storage does not leak: only the history package speaks SQL or holds the connection.

Screens, recovery, the doctor and the CLI ask the typed store and its queries; a
schema change then touches one package.
"""

from __future__ import annotations

import re
from pathlib import Path

import coach

PACKAGE = Path(coach.__file__).parent
SQL = re.compile(
    r"\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE|PRAGMA\s+\w)"
)
CONNECTION = re.compile(r"^\s*(import sqlite3|from sqlite3 import)|\.db\b\s*[.,)]", re.M)


def _outside_history() -> list[Path]:
    history = PACKAGE / "history"
    return [p for p in PACKAGE.rglob("*.py") if history not in p.parents]


def test_no_sql_outside_the_history_package() -> None:
    leaks = [
        f"{path.relative_to(PACKAGE)}: {match.group(0)!r}"
        for path in _outside_history()
        for match in [*SQL.finditer(path.read_text()), *CONNECTION.finditer(path.read_text())]
    ]
    assert leaks == []


def test_the_check_would_see_a_leak() -> None:
    assert SQL.search('db.execute("SELECT id FROM answers")')
    assert SQL.search("UPDATE answers SET x = 1")
    assert CONNECTION.search("rows = queries.sessions(self.coach.store.db, f)")
    assert CONNECTION.search("import sqlite3\n")
    assert not SQL.search("Select a pack, then press r")
