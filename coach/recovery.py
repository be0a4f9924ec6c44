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
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.safe_files import (
    create_private,
    open_owned,
    owned_file,
    process_alive,
    real_folder,
    remove_owned,
)
from coach.speech.audio import SAMPLE_RATE
from coach.store import Store

if TYPE_CHECKING:
    from coach.analysis import AnalysisSettings
    from coach.packs import Pack
    from coach.session import Prompt
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


def question_note(prompt: Prompt, pack: Pack | None, settings: AnalysisSettings) -> dict[str, Any]:
    """What an answer answers, as recovery reads it back: the question (and its pack
    snapshot) and the analysis settings it was to be judged by."""
    question = prompt.question
    return {
        "question_text": prompt.text,
        "question_id": question.id if question else None,
        "question": question.to_dict() if question else None,
        "pack_id": pack.id if pack else None,
        "pack_version": pack.version if pack else None,
        "settings": settings.to_dict(),
    }


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
    returns its answer id. The recording is never deleted, whatever fails: a later
    start offers it again."""
    from coach.analysis import AnalysisSettings, QuestionContext, analyze
    from coach.analysis.prosody import voice_track
    from coach.analysis.text import visible_controls
    from coach.speech.sources import decode_audio_file
    from coach.speech.transcript import Transcript
    from coach.speech.vad import FRAME_S, silences, speech_flags

    note = orphan.pending
    quiet: list[tuple[float, float]] = []
    voice = None
    if orphan.typed:
        text = visible_controls(str(note.get("transcript", "")))
        transcript: Transcript | str = text
    else:
        if transcriber is None:
            raise ValueError("a transcriber is needed to recover a recording")
        audio = decode_audio_file(orphan.path)
        transcript = transcriber.transcribe(audio)
        flags = speech_flags(audio)
        quiet = silences(flags)
        voice = voice_track(audio, flags.tolist(), FRAME_S)
    question_text = visible_controls(
        str(note.get("question_text") or "An answer interrupted by a crash")
    )
    settings = AnalysisSettings()
    with contextlib.suppress(TypeError, ValueError, AttributeError):  # from another version
        settings = settings.with_overrides(note.get("settings"))
    said = transcript if isinstance(transcript, str) else transcript.text
    feedback = (
        analyze(
            transcript,
            silences=quiet,
            question=QuestionContext(question_text),
            settings=settings,
            voice=voice,
        )
        if said
        else None
    )
    question = note.get("question")
    session = store.start_session(
        "recovered", _short(note.get("pack_id")), _short(note.get("pack_version"))
    )
    answer_id = store.add_answer(
        session,
        question_id=_short(note.get("question_id")),
        question_text=question_text,
        question=question if isinstance(question, dict) else None,
        transcript=feedback.transcript if feedback and orphan.typed else said,
        typed=orphan.typed,
        audio_path=None if orphan.typed else orphan.path,
        transcript_data=None
        if isinstance(transcript, str)
        else {**transcript.to_dict(), "silences": [list(s) for s in quiet]},
        feedback=feedback.to_dict() if feedback else None,
        settings=settings.to_dict(),
    )
    if orphan.typed:
        remove_owned(orphan.path, orphan.path.parent)
    else:
        clear_pending(orphan.path)
    return answer_id


def _short(value: object) -> str | None:
    return value[:200] if isinstance(value, str) else None
