"""A small, fixed practice history for the history screens' tests and snapshots."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from coach.analysis import analyze
from coach.history.store import NewAnswer, Store
from coach.packs.registry import discover
from coach.speech.transcript import Segment, Transcript, Word

DAY = 86400.0
START = 1_793_534_400.0  # 2026-11-01 10:00 UTC

HALF = (
    "Um, last spring a customer's order for her daughter's birthday went missing. I called "
    "the warehouse and, uh, found the parcel sitting on the wrong shelf, and I paid for "
    "express delivery myself so it would reach her the next morning. She was happy."
)
FULL = (
    "Last spring a customer's order was lost before her daughter's birthday. My job was to "
    "get it to her in time. I called the warehouse and paid for express delivery myself. It "
    "arrived the next morning and she gave us five stars. I learned to check tracking first."
)
FOLLOW_UP = "I would check the tracking before promising a date."
OTHER = (
    "Our support queue doubled in the week after a big product launch last year. I was "
    "asked to cut the wait times without hiring. I rewrote the five most visited help "
    "articles and trained two agents on the new billing screens. Wait times fell from nine "
    "minutes to three within a month."
)


def spoken(text: str, wps: float = 2.4) -> Transcript:
    """``text`` as if recognised from speech at ``wps`` words a second, with a pause."""
    words, t = [], 0.5
    for i, token in enumerate(text.split()):
        words.append(Word(t, t + 0.3, f" {token}", 0.95))
        t += 1 / wps + (1.4 if i == 6 else 0.0)
    return Transcript((Segment(0.5, t, text, tuple(words)),), t + 0.5, "base")


@dataclass
class Seeded:
    store: Store
    session_ids: list[int]
    answer_ids: list[int]
    audio: list[Path]


def seed_history(data_dir: Path, clip: Path) -> Seeded:
    """Two sessions: a mock interview with two takes and a follow-up, and a drill."""
    pack = next(e.pack for e in discover() if e.pack and e.pack.id.endswith("manager"))
    store = Store(data_dir / "coach.sqlite3")
    recordings = data_dir / "recordings"
    recordings.mkdir(parents=True, exist_ok=True, mode=0o700)
    first, second = pack.questions[0], pack.questions[1]
    mock = store.start_session("mock", pack.id, pack.version, started_at=START)
    ids, audio = [], []
    for take, text in enumerate((HALF, FULL), start=1):
        transcript = spoken(text)
        path = recordings / f"answer-take{take}.wav"
        shutil.copyfile(clip, path)
        path.chmod(0o600)
        audio.append(path)
        ids.append(
            store.add_answer(
                mock,
                NewAnswer(
                    question_id=first.id,
                    question_text=first.text,
                    question=first.to_dict(),
                    transcript=transcript.text,
                    take=take,
                    audio_path=path,
                    transcript_data=transcript.to_dict(),
                    feedback=analyze(transcript).to_dict(),
                    created_at=START + 60 * take,
                ),
            )
        )
    ids.append(
        store.add_answer(
            mock,
            NewAnswer(
                question_id=None,
                question_text=first.follow_ups[0],
                transcript=FOLLOW_UP,
                typed=True,
                parent_id=ids[-1],
                feedback=analyze(FOLLOW_UP).to_dict(),
                created_at=START + 200,
            ),
        )
    )
    drill = store.start_session("drill", pack.id, pack.version, started_at=START + 3 * DAY)
    transcript = spoken(OTHER)
    ids.append(
        store.add_answer(
            drill,
            NewAnswer(
                question_id=second.id,
                question_text=second.text,
                question=second.to_dict(),
                transcript=transcript.text,
                transcript_data=transcript.to_dict(),
                feedback=analyze(transcript).to_dict(),
                created_at=START + 3 * DAY + 60,
            ),
        )
    )
    return Seeded(store, [mock, drill], ids, audio)
