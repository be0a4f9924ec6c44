"""Answers interrupted by a crash: find their recordings, repair them, save them.

The recorder writes each block to disk as it comes (and fsyncs every 0.5 s), and
the record screen leaves a small ``.pending.json`` beside the WAV saying which
question it answers, removed once the answer is in the history. After a crash
(even ``kill -9``) the next start finds WAVs the history does not know, fixes
their RIFF sizes from the file length, and offers to transcribe and save them.
Plain Python, no Textual.
"""

from __future__ import annotations

import json
import os
import struct
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.history.store import Store
from coach.safe_files import (
    create_private,
    open_owned,
    owned_file,
    process_alive,
    real_folder,
    remove_owned,
)
from coach.speech.audio import SAMPLE_RATE

if TYPE_CHECKING:
    from coach.speech.transcriber import Transcriber

HEADER_BYTES = 44
BYTES_PER_FRAME = 2
MAX_NOTE_BYTES = 4_000_000
"""A pending note is a few hundred bytes, a typed answer a few tens of KB; more is not ours."""
TYPED_SUFFIX = ".typed.json"


@dataclass(frozen=True, slots=True)
class Orphan:
    path: Path
    seconds: float
    pending: dict[str, Any]
    """What the record screen noted at the start: question text, pack and question ids
    (and, for a typed answer the history could not take, the text itself)."""

    @property
    def typed(self) -> bool:
        return self.path.name.endswith(TYPED_SUFFIX)


def pending_path(wav: Path) -> Path:
    return wav.with_suffix(".pending.json")


def write_pending(wav: Path, note: dict[str, Any]) -> None:
    """Note, before recording, what ``wav`` will be an answer to (and which process
    records it, so another coach never mistakes a live recording for an orphan)."""
    with create_private(pending_path(wav), "w", encoding="utf-8") as out:
        json.dump({**note, "pid": os.getpid()}, out)


def keep_typed_answer(recordings: Path, note: dict[str, Any]) -> Path:
    """Keep a typed answer the history could not take (busy, full, read-only) in a
    file beside the recordings; recovery offers it again like an interrupted one."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = recordings / f"typed-{stamp}-{time.time_ns() % 1_000_000:06d}{TYPED_SUFFIX}"
    with create_private(path, "w", encoding="utf-8") as out:
        json.dump({**note, "typed": True, "created_at": time.time()}, out)
        out.flush()
        os.fsync(out.fileno())
    return path


def _recording_elsewhere(note: dict[str, Any]) -> bool:
    pid = note.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or pid == os.getpid():
        return False
    return 0 < pid < 2**31 and process_alive(pid)


def clear_pending(wav: Path) -> None:
    remove_owned(pending_path(wav), wav.parent)


def _read_note(path: Path) -> dict[str, Any]:
    """A pending note, read as untrusted: only a small regular file of ours, only a dict."""
    try:
        with open_owned(path, path.parent, "rb") as handle:
            data = handle.read(MAX_NOTE_BYTES + 1)
        note = json.loads(data) if len(data) <= MAX_NOTE_BYTES else None
    except (OSError, ValueError, RecursionError):
        return {}
    return note if isinstance(note, dict) else {}


def repair_wav(path: Path) -> float:
    """Make the RIFF and data sizes match what is on disk; returns the seconds kept.

    A block half-written when the process died is cut back to whole samples. Only a
    regular file coach owns in its own folder is opened, never through a link."""
    try:
        with open_owned(path, path.parent) as wav:
            size = os.fstat(wav.fileno()).st_size
            if size < HEADER_BYTES:
                return 0.0
            header = wav.read(HEADER_BYTES)
            if header[:4] != b"RIFF" or header[8:12] != b"WAVE" or header[36:40] != b"data":
                return 0.0
            data = (size - HEADER_BYTES) // BYTES_PER_FRAME * BYTES_PER_FRAME
            wav.truncate(HEADER_BYTES + data)
            wav.seek(4)
            wav.write(struct.pack("<I", 36 + data))
            wav.seek(40)
            wav.write(struct.pack("<I", data))
    except OSError:
        return 0.0
    return data / BYTES_PER_FRAME / SAMPLE_RATE


def find_orphans(store: Store, recordings: Path | None = None) -> list[Orphan]:
    """Recordings on disk that no answer in the history points to, and typed answers
    the history could not take. Links and anything coach did not write are skipped."""
    recordings = recordings or store.folder.recordings
    if real_folder(recordings) is None:
        return []
    known = store.recording_names()
    orphans = []
    for wav in sorted(recordings.glob("*.wav")):
        if owned_file(wav, recordings) is None:
            continue
        if wav.name in known:
            clear_pending(wav)
            continue
        note = _read_note(pending_path(wav))
        if _recording_elsewhere(note):
            continue  # another coach is recording this answer right now
        seconds = repair_wav(wav)
        if seconds > 0:
            orphans.append(Orphan(wav, seconds, note))
    for typed in sorted(recordings.glob(f"*{TYPED_SUFFIX}")):
        note = _read_note(typed) if owned_file(typed, recordings) else {}
        if isinstance(note.get("transcript"), str) and note["transcript"].strip():
            orphans.append(Orphan(typed, 0.0, note))
    return orphans


def recover(orphan: Orphan, store: Store, transcriber: Transcriber | None) -> int:
    """Transcribe an interrupted answer (or take a typed one), analyse it and save it;
    returns its answer id. It is judged as the question screen would have judged it
    (the question's areas and follow-ups, its settings), by the same take pipeline.
    The recording is never deleted, whatever fails: a later start offers it again."""
    from coach.analysis.prosody import voice_track
    from coach.analysis.text import visible_controls
    from coach.practice.take import answer_row_for, note_context, spoken_take, typed_take
    from coach.speech.sources import decode_audio_file
    from coach.speech.vad import FRAME_S, silences, speech_flags

    note = orphan.pending
    context, settings = note_context(note)
    if orphan.typed:
        take = typed_take(visible_controls(str(note.get("transcript", ""))), context, settings)
    else:
        if transcriber is None:
            raise ValueError("a transcriber is needed to recover a recording")
        audio = decode_audio_file(orphan.path)
        flags = speech_flags(audio)
        take = spoken_take(
            transcriber.transcribe(audio),
            orphan.path,
            tuple(silences(flags)),
            context,
            settings,
            voice_track(audio, flags.tolist(), FRAME_S),
        )
    question = note.get("question")
    parent_id = note.get("parent_id")
    session = store.start_session(
        "recovered", _short(note.get("pack_id")), _short(note.get("pack_version"))
    )
    answer_id = store.add_answer(
        session,
        answer_row_for(
            take,
            settings,
            question_text=context.text,
            question_id=_short(note.get("question_id")),
            question=question if isinstance(question, dict) else None,
            parent_id=parent_id if _known_answer(store, parent_id) else None,
        ),
    )
    if orphan.typed:
        remove_owned(orphan.path, orphan.path.parent)
    else:
        clear_pending(orphan.path)
    return answer_id


def _known_answer(store: Store, answer_id: object) -> bool:
    """Whether ``answer_id`` (read from a note) is an answer in the history."""
    if not isinstance(answer_id, int) or isinstance(answer_id, bool):
        return False
    return store.answer(answer_id) is not None


def _short(value: object) -> str | None:
    return value[:200] if isinstance(value, str) else None
