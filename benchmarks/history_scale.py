"""History at scale: build a database of 10,000 answers, then time the history screen
opening and a full-text search.

* ``open_history_ms``: from the ``h`` key's action on the home screen to the history
  screen painted with its sessions (target ≤ 200 ms);
* ``search_ms``: the FTS5 search behind the search box, median of several queries
  (target ≤ 100 ms); ``search_screen_ms``: a query typed to the table refilled and painted.

Prints one JSON object as its last line.

    python benchmarks/history_scale.py --answers 10000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from coach.analysis import analyze
from coach.app import make_app
from coach.backends import Backends
from coach.history import queries
from coach.history.store import NewAnswer, Store
from coach.packs.registry import discover

SENTENCES = (
    "Last spring a customer's order was lost before her daughter's birthday.",
    "My job was to get the parcel to her in time.",
    "I called the warehouse and paid for express delivery myself.",
    "It arrived the next morning and she gave us five stars.",
    "Our queue doubled after a product launch.",
    "I rewrote the help articles and trained two new agents.",
    "Wait times fell from nine minutes to three within a month.",
    "I learned to plan support before launches.",
    "Um, the manager asked me to, uh, handle the escalation.",
    "We agreed on a refund and a follow-up call the next week.",
)


def build(path: Path, answers: int, rng: random.Random) -> float:
    began = time.perf_counter()
    packs = [e.pack for e in discover() if e.pack is not None]
    store = Store(path)
    feedbacks = [
        analyze(" ".join(rng.sample(SENTENCES, rng.randint(3, 7)))).to_dict() for _ in range(50)
    ]
    start = time.time() - 400 * 86400
    made = 0
    while made < answers:
        pack = rng.choice(packs)
        session = store.start_session(
            rng.choice(["drill", "mock", "custom"]), pack.id, pack.version, started_at=start
        )
        for _ in range(min(answers - made, rng.randint(1, 6))):
            question = rng.choice(pack.questions)
            feedback = rng.choice(feedbacks)
            store.add_answer(
                session,
                NewAnswer(
                    question_id=question.id,
                    question_text=question.text,
                    question=question.to_dict(),
                    transcript=feedback["transcript"],
                    typed=True,
                    feedback=feedback,
                    created_at=start,
                ),
            )
            made += 1
            start += 60
        start += 3600 * rng.random() * 2
    store.close()
    return time.perf_counter() - began


async def time_screens(data_dir: Path) -> dict[str, float]:
    """Time from the key's action to the screen painted (after its first refresh)."""
    from textual.widgets import DataTable, Input

    from coach.screens.history import HistoryScreen
    from coach.screens.home import HomeScreen

    marks: dict[str, float] = {}
    open_history, mounted, refill = (
        HomeScreen.action_history,
        HistoryScreen.on_mount,
        HistoryScreen.refresh_rows,
    )

    def timed_open(self: HomeScreen) -> None:
        marks["pressed"] = time.perf_counter()
        open_history(self)

    def timed_mount(self: HistoryScreen) -> None:
        mounted(self)
        self.call_after_refresh(lambda: marks.setdefault("drawn", time.perf_counter()))

    def timed_refill(self: HistoryScreen) -> None:
        began = time.perf_counter()
        refill(self)
        self.call_after_refresh(lambda: marks.__setitem__("search", time.perf_counter() - began))

    HomeScreen.action_history = timed_open  # type: ignore[method-assign]
    HistoryScreen.on_mount = timed_mount  # type: ignore[method-assign]
    app = make_app(backends=Backends(model="tiny.en", data_dir=data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.store  # noqa: B018 - the database is open before, as after any practice
        await pilot.press("h")
        while "drawn" not in marks:
            await asyncio.sleep(0.001)
        table = app.screen.query_one("#sessions", DataTable)
        rows = table.row_count
        HistoryScreen.refresh_rows = timed_refill  # type: ignore[method-assign]
        app.screen.query_one("#search", Input).value = "warehouse express"
        while "search" not in marks:
            await asyncio.sleep(0.001)
        hits = table.row_count
    return {
        "open_history_ms": round((marks["drawn"] - marks["pressed"]) * 1000, 1),
        "sessions_listed": rows,
        "search_screen_ms": round(marks["search"] * 1000, 1),
        "search_screen_rows": hits,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000)
    args = parser.parse_args(argv)
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        build_s = build(data / "coach.sqlite3", args.answers, rng)
        store = Store(data / "coach.sqlite3")
        timings = []
        for query in ("warehouse", "refund follow", "nine minutes", "escal", "birthday parcel"):
            began = time.perf_counter()
            queries.search(store, query)
            timings.append(time.perf_counter() - began)
        total = store.db.execute("SELECT count(*) FROM answers").fetchone()[0]
        store.close()
        figures = asyncio.run(time_screens(data))
    print(
        json.dumps(
            {
                "answers": total,
                "build_s": round(build_s, 1),
                "search_ms": round(statistics.median(timings) * 1000, 2),
                "search_max_ms": round(max(timings) * 1000, 2),
                **figures,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
