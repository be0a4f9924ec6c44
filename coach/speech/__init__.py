"""Speech core: devices, recorder, models, transcription. Never imports Textual."""

from coach.speech.audio import SAMPLE_RATE, AudioArray
from coach.speech.transcript import Segment, Transcript, Word

__all__ = ["SAMPLE_RATE", "AudioArray", "Segment", "Transcript", "Word"]
