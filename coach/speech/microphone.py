"""The real microphone, through PortAudio (sounddevice).

``sounddevice`` is imported lazily: where PortAudio is missing the import fails
outright, and coach must still start, explain, and offer typed answers or a
recording instead. The stream callback only copies each block into a queue and
counts overflows; everything else happens on the reader's side.
"""

from __future__ import annotations

import queue
import time
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from coach.errors import DeviceError
from coach.speech.audio import SAMPLE_RATE, AudioArray, LinearResampler, to_mono_float32
from coach.speech.sources import BLOCK_S

STALL_S = 2.0
"""A stream that delivers nothing for this long has lost its device."""

PORTAUDIO_HINT = (
    "install PortAudio: `sudo apt-get install libportaudio2` (Debian/Ubuntu), "
    "`brew install portaudio` (macOS); meanwhile type your answers or use --audio-file"
)


def load_sounddevice() -> ModuleType:
    """Import sounddevice, turning a missing PortAudio into a :class:`DeviceError`."""
    try:
        import sounddevice as sd
    except OSError as exc:  # sounddevice raises OSError when libportaudio is absent
        raise DeviceError("PortAudio library not found, so no microphone", PORTAUDIO_HINT) from exc
    except ImportError as exc:
        raise DeviceError("the sounddevice package is missing", "reinstall coach") from exc
    module: ModuleType = sd
    return module


@dataclass(frozen=True, slots=True)
class InputDevice:
    index: int
    name: str
    channels: int
    default_samplerate: float
    is_default: bool


def list_input_devices() -> list[InputDevice]:
    """Every device PortAudio can record from; raises :class:`DeviceError` without PortAudio."""
    sd = load_sounddevice()
    try:
        devices = sd.query_devices()
        default_in = sd.default.device[0]
    except Exception as exc:  # PortAudioError when the host API fails
        raise DeviceError(f"cannot list audio devices: {exc}", PORTAUDIO_HINT) from exc
    return [
        InputDevice(
            index=i,
            name=str(d["name"]),
            channels=int(d["max_input_channels"]),
            default_samplerate=float(d["default_samplerate"]),
            is_default=(i == default_in),
        )
        for i, d in enumerate(devices)
        if int(d["max_input_channels"]) > 0
    ]


class MicrophoneSource:
    """Records from an input device; blocks arrive through :meth:`read`."""

    def __init__(self, device: int | str | None = None, *, block_s: float = BLOCK_S) -> None:
        self.device = device
        self.block_s = block_s
        self.overflows = 0
        self.stream_error: str | None = None
        self._queue: queue.Queue[AudioArray] = queue.Queue()
        self._stream: Any = None
        self._resample: LinearResampler | None = None
        self._stopped = False
        self._last_block = 0.0
        self.description = "microphone"

    def _callback(self, indata: Any, frames: int, time: Any, status: Any) -> None:
        if status and status.input_overflow:
            self.overflows += 1
        self._queue.put_nowait(indata.copy())

    def _finished(self) -> None:
        if not self._stopped:
            self.stream_error = "the microphone stopped delivering audio (unplugged or taken?)"

    def start(self) -> None:
        sd = load_sounddevice()
        try:
            info = sd.query_devices(self.device, "input")
        except (ValueError, sd.PortAudioError) as exc:
            raise DeviceError(
                f"no input device{f' {self.device!r}' if self.device is not None else ''}: {exc}",
                "plug in a microphone, pick one with --device, or use --audio-file",
            ) from exc
        self.description = str(info["name"])
        last_error: Exception | None = None
        for rate in (SAMPLE_RATE, int(info["default_samplerate"])):
            try:
                self._stream = sd.InputStream(
                    samplerate=rate,
                    channels=1,
                    dtype="float32",
                    blocksize=int(rate * self.block_s),
                    device=self.device,
                    callback=self._callback,
                    finished_callback=self._finished,
                )
                self._stream.start()
            except sd.PortAudioError as exc:
                last_error = exc
                self._stream = None
                continue
            self._resample = None if rate == SAMPLE_RATE else LinearResampler(rate)
            self._last_block = time.monotonic()
            return
        raise DeviceError(
            f"cannot open the microphone '{self.description}': {last_error}",
            "close other programs using it, or choose another with --device",
        )

    def read(self, timeout: float = 0.2) -> AudioArray | None:
        try:
            raw = self._queue.get(timeout=timeout)
        except queue.Empty:
            if self._last_block and time.monotonic() - self._last_block > STALL_S:
                self.stream_error = self.stream_error or (
                    f"the microphone sent no audio for {STALL_S:.0f} s (unplugged or taken?)"
                )
            return None
        self._last_block = time.monotonic()
        block = to_mono_float32(raw)
        return self._resample(block) if self._resample else block

    @property
    def exhausted(self) -> bool:
        return self.stream_error is not None and self._queue.empty()

    def stop(self) -> None:
        self._stopped = True
        if self._stream is not None:
            try:
                # abort, not stop: stop() waits for buffers a vanished or silent device
                # may never deliver (seen with PulseAudio's pipe source).
                self._stream.abort()
                self._stream.close()
            finally:
                self._stream = None

    def drain(self) -> list[AudioArray]:
        """Blocks still queued after :meth:`stop`: nothing said is dropped."""
        blocks: list[AudioArray] = []
        while True:
            try:
                blocks.append(to_mono_float32(self._queue.get_nowait()))
            except queue.Empty:
                return [self._resample(b) for b in blocks] if self._resample else blocks


__all__ = ["InputDevice", "MicrophoneSource", "list_input_devices", "load_sounddevice"]
