"""What the app runs on: the speech model and the audio source, made by factories.

The CLI builds the real ones (bundled model, PortAudio microphone or a recording);
tests pass their own (a file-backed microphone, a tiny model). Plain Python: the
App receives a :class:`Backends` and never constructs devices itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coach.errors import CoachError, ModelError
from coach.speech.microphone import MicrophoneSource, list_input_devices
from coach.speech.models import DEFAULT_MODEL, ProgressFn
from coach.speech.sources import MAX_ANSWER_S, AudioSource, FileSource, decode_audio_file
from coach.speech.transcriber import Transcriber

SourceFactory = Callable[[], AudioSource]
TranscriberFactory = Callable[[ProgressFn], Transcriber]


@dataclass(frozen=True, slots=True)
class InputStatus:
    """Whether answers can be spoken, and if not, why."""

    ok: bool
    description: str
    problem: str | None = None
    hint: str | None = None


@dataclass
class Backends:
    model: str = DEFAULT_MODEL
    audio_file: Path | None = None
    device: int | str | None = None
    make_source: SourceFactory | None = None
    """Overrides the microphone (tests inject a file-backed one here)."""
    make_transcriber: TranscriberFactory | None = None
    data_dir: Path | None = None
    """Where history and recordings go (``recordings/`` and ``coach.sqlite3`` inside);
    None means the user's data folder."""
    shuffle: bool = True
    """Draw a pack's questions at random (False: in the pack's order)."""

    def load_transcriber(self, progress: ProgressFn) -> Transcriber:
        """Blocking: prepare and load the model. Run it in a worker thread."""
        try:
            if self.make_transcriber is not None:
                return self.make_transcriber(progress)
            return Transcriber(self.model, progress=progress)
        except MemoryError as exc:
            raise ModelError(
                f"not enough memory to load the {self.model} model",
                hint="close other programs, or start with --model tiny.en (about 4x smaller); "
                "typed answers work without a model",
            ) from exc

    def new_source(self) -> AudioSource:
        """A fresh source for one answer."""
        if self.make_source is not None:
            return self.make_source()
        if self.audio_file is not None:
            return FileSource(self.audio_file)
        return MicrophoneSource(self.device)

    def check_input(self) -> InputStatus:
        """Blocking: can we record, and from what?"""
        if self.make_source is not None:
            return InputStatus(True, "test input")
        if self.audio_file is not None:
            try:
                decode_audio_file(self.audio_file, max_seconds=MAX_ANSWER_S)
            except CoachError as exc:
                return InputStatus(False, str(self.audio_file), exc.message, exc.hint)
            return InputStatus(True, f"recording {self.audio_file.name}")
        try:
            devices = list_input_devices()
        except CoachError as exc:
            return InputStatus(False, "no microphone", exc.message, exc.hint)
        if not devices:
            return InputStatus(
                False,
                "no microphone",
                "PortAudio sees no input device",
                "plug one in, type answers (t), or start with --audio-file FILE",
            )
        chosen = next((d for d in devices if d.is_default), devices[0])
        return InputStatus(True, chosen.name)
