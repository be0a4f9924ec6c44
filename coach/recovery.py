"""Answers interrupted by a crash: find their recordings, repair them, save them.

The recorder writes each block to disk as it comes (and fsyncs every 0.5 s), and
the record screen leaves a small ``.pending.json`` beside the WAV saying which
question it answers, removed once the answer is in the history. After a crash
(even ``kill -9``) the next start finds WAVs the history does not know, fixes
their RIFF sizes from the file length, and offers to transcribe and save them.
Plain Python, no Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.locations import open_private
from coach.speech.audio import SAMPLE_RATE
from coach.store import Store

if TYPE_CHECKING:
    from coach.speech.transcriber import Transcriber

HEADER_BYTES = 44
BYTES_PER_FRAME = 2


@dataclass(frozen=True, slots=True)
class Orphan:
    path: Path
    seconds: float
    pending: dict[str, Any]
    """What the record screen noted at the start: question text, pack and question ids."""


def pending_path(wav: Path) -> Path:
    return wav.with_suffix(".pending.json")


def write_pending(wav: Path, note: dict[str, Any]) -> None:
    """Note, before recording, what ``wav`` will be an answer to (and which process
    records it, so another coach never mistakes a live recording for an orphan)."""
    with open_private(pending_path(wav), "w", encoding="utf-8") as out:
        json.dump({**note, "pid": os.getpid()}, out)


def _recording_elsewhere(note: dict[str, Any]) -> bool:
    pid = note.get("pid")
    if not isinstance(pid, int) or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clear_pending(wav: Path) -> None:
    pending_path(wav).unlink(missing_ok=True)


def repair_wav(path: Path) -> float:
    """Make the RIFF and data sizes match what is on disk; returns the seconds kept.

    A block half-written when the process died is cut back to whole samples."""
    size = path.stat().st_size
    if size < HEADER_BYTES:
        return 0.0
    with path.open("r+b") as wav:
        header = wav.read(HEADER_BYTES)
        if header[:4] != b"RIFF" or header[8:12] != b"WAVE" or header[36:40] != b"data":
            return 0.0
        data = (size - HEADER_BYTES) // BYTES_PER_FRAME * BYTES_PER_FRAME
        wav.truncate(HEADER_BYTES + data)
        wav.seek(4)
        wav.write(struct.pack("<I", 36 + data))
        wav.seek(40)
        wav.write(struct.pack("<I", data))
    return data / BYTES_PER_FRAME / SAMPLE_RATE


def find_orphans(store: Store, recordings: Path) -> list[Orphan]:
    """Recordings on disk that no answer in the history points to."""
    if not recordings.is_dir():
        return []
    known = {p for (p,) in store.db.execute("SELECT audio_path FROM answers") if p}
    orphans = []
    for wav in sorted(recordings.glob("*.wav")):
        if str(wav) in known:
            clear_pending(wav)
            continue
        try:
            note = json.loads(pending_path(wav).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            note = {}
        if isinstance(note, dict) and _recording_elsewhere(note):
            continue  # another coach is recording this answer right now
        seconds = repair_wav(wav)
        if seconds > 0:
            orphans.append(Orphan(wav, seconds, note if isinstance(note, dict) else {}))
    return orphans


def recover(orphan: Orphan, store: Store, transcriber: Transcriber) -> int:
    """Transcribe an interrupted answer, analyse it and save it; returns its answer id.

    The recording is never deleted, whatever fails: a later start offers it again."""
    from coach.analysis import AnalysisSettings, QuestionContext, analyze
    from coach.speech.sources import decode_audio_file
    from coach.speech.vad import EnergyVad, silences

    audio = decode_audio_file(orphan.path)
    transcript = transcriber.transcribe(audio)
    vad = EnergyVad()
    vad.feed(audio)
    quiet = silences(vad.flags)
    note = orphan.pending
    question_text = str(note.get("question_text") or "An answer interrupted by a crash")
    settings = AnalysisSettings()
    with contextlib.suppress(TypeError, ValueError):  # settings from another version
        settings = settings.with_overrides(note.get("settings"))
    feedback = (
        analyze(
            transcript, silences=quiet, question=QuestionContext(question_text), settings=settings
        )
        if transcript.text
        else None
    )
    session = store.start_session("recovered", note.get("pack_id"), note.get("pack_version"))
    answer_id = store.add_answer(
        session,
        question_id=note.get("question_id"),
        question_text=question_text,
        question=note.get("question"),
        transcript=transcript.text,
        audio_path=orphan.path,
        transcript_data={**transcript.to_dict(), "silences": [list(s) for s in quiet]},
        feedback=feedback.to_dict() if feedback else None,
        settings=settings.to_dict(),
    )
    clear_pending(orphan.path)
    return answer_id
