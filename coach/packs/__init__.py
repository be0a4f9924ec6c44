"""Question packs: a documented YAML format, strict validation, discovery. No Textual."""

from coach.packs.loader import PackError, load_pack, parse_pack
from coach.packs.model import Pack, PackTimings, Question, SampleAnswer

__all__ = [
    "Pack",
    "PackError",
    "PackTimings",
    "Question",
    "SampleAnswer",
    "load_pack",
    "parse_pack",
]
