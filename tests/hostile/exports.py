"""A small, valid history export to start hostile variations from."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from coach.analysis import analyze

STORY = (
    "Last spring our largest customer threatened to leave over late invoices. I was asked "
    "to fix billing within a month. I mapped every step, automated the reminders and called "
    "the customer weekly. Invoices went out on time and they renewed for two more years. "
    "I learned to measure the process before changing it."
)
_BASE: dict[str, Any] | None = None


def valid_export(audio_path: str | None = None) -> dict[str, Any]:
    """One session: a main answer and a follow-up answer linked to it."""
    global _BASE
    if _BASE is None:
        feedback = analyze(STORY).to_dict()
        answer = {
            "id": 1,
            "parent_id": None,
            "created_at": 1_700_000_000.0,
            "question_id": "billing",
            "question_text": "Tell me about a process you fixed.",
            "question": {"id": "billing", "competency": "Ownership", "areas_to_cover": []},
            "competency": "Ownership",
            "pack_id": "ops",
            "pack_version": "1",
            "take": 1,
            "typed": False,
            "audio_path": None,
            "transcript": STORY,
            "transcript_data": {
                "text": STORY,
                "segments": [{"words": [{"start": 0.0, "end": 0.4, "word": " Last"}]}],
                "silences": [[0.4, 1.0]],
                "duration_s": 60.0,
            },
            "feedback": feedback,
            "settings": {"target_wpm": [130, 160]},
        }
        follow_up = {
            **copy.deepcopy(answer),
            "id": 2,
            "parent_id": 1,
            "question_id": None,
            "question_text": "What would you do differently?",
            "typed": True,
            "transcript_data": None,
        }
        _BASE = {
            "format": "coach-history",
            "schema_version": 1,
            "exported_at": 1_700_000_100.0,
            "sessions": [
                {
                    "id": 7,
                    "started_at": 1_700_000_000.0,
                    "pack_id": "ops",
                    "pack_version": "1",
                    "mode": "mock",
                    "answers": [answer, follow_up],
                }
            ],
        }
    data = copy.deepcopy(_BASE)
    data["sessions"][0]["answers"][0]["audio_path"] = audio_path
    return data


def write_export(path: Path, data: Any) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path
