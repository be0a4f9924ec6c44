"""Every threshold the analysis uses, in one documented object.

Defaults come from ``DOMAIN.md`` (coaching-tool practice and published studies);
a pack or a question may override any of them by name.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    # -- speaking rate (words per minute) ------------------------------------------
    target_wpm: tuple[float, float] = (130.0, 160.0)
    """The pace to aim for; nothing is said inside it."""
    fine_wpm: tuple[float, float] = (120.0, 170.0)
    """Still fine; outside it the pace is mentioned."""
    too_slow_wpm: float = 100.0
    """A stretch below this, held for ``sustained_s``, is flagged as too slow."""
    too_fast_wpm: float = 180.0
    """A stretch above this, held for ``sustained_s``, is flagged as too fast."""
    sustained_s: float = 20.0
    rate_window_s: float = 10.0
    """Width of the windows of the rate-over-time chart."""

    # -- pauses (seconds) ------------------------------------------------------------
    pause_min_s: float = 0.25
    """A silence this long between words is a pause (and leaves the articulation time)."""
    hesitation_s: float = 1.0
    """Mid-sentence pauses from here up to ``long_s`` are hesitations."""
    long_s: float = 2.0
    very_long_mid_s: float = 3.0
    """Mid-sentence pauses this long are very long."""
    very_long_any_s: float = 5.0
    """Any pause this long is very long."""
    boundary_ok_s: float = 3.0
    """A pause at a sentence boundary is fine up to this."""

    # -- answer length (seconds) -----------------------------------------------------
    green_s: tuple[float, float] = (60.0, 120.0)
    amber_s: tuple[float, float] = (45.0, 180.0)
    """Outside green but inside this band is amber; outside it, red."""
    follow_up_s: tuple[float, float] = (15.0, 45.0)
    """A follow-up answer adds to a story already told: its own, shorter band."""
    follow_up_amber_s: tuple[float, float] = (10.0, 75.0)
    short_answer_s: float = 20.0
    short_answer_words: float = 40.0
    """Under either, an answer is too short to judge its structure: no checklist."""

    # -- fillers (per minute) --------------------------------------------------------
    fillers_ok_per_min: float = 5.0
    """Up to this many did no measurable harm in a 2024 study."""
    fillers_high_per_min: float = 12.0
    """This many did harm listeners' judgement, um/uh most."""

    # -- how it was said -----------------------------------------------------------
    monotone_st: float = 1.0
    """Pitch spread (SD of F0 in semitones) under which the voice is called monotone.
    Ordinary adult speech varies by about 2 semitones or more, and livelier speech
    by more (Traunmüller & Eriksson, "The frequency range of the voice fundamental in
    the speech of male and female adults", 1995); measured here on four sentences
    (``benchmarks/delivery.py``): flat espeak 0.4, espeak's normal intonation 1.5,
    expressive espeak 2.3, the JFK clip 2.1, a CMU Arctic sentence 1.4. Half the
    ordinary spread is a voice that barely moves."""
    trailing_drop_db: float = 6.0
    """A sentence trails off when its last half second is this much quieter than the
    rest of it (6 dB: half the sound pressure, where the last words get lost)."""
    trailing_share: float = 0.4
    """Called out when this share of the judged sentences trail off."""

    def with_overrides(self, overrides: Mapping[str, Any] | None) -> AnalysisSettings:
        """A copy with ``overrides`` applied; unknown names raise ``ValueError``."""
        if not overrides:
            return self
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for name, value in overrides.items():
            if name in RETIRED:
                continue
            if name not in known:
                raise ValueError(f"unknown analysis setting '{name}'")
            current = getattr(self, name)
            if isinstance(current, tuple):
                if not isinstance(value, list | tuple) or len(value) != 2:
                    raise ValueError(f"{name}: expected [low, high], got {value!r:.40}")
                low, high = (_number(name, v) for v in value)
                if low > high:
                    raise ValueError(f"{name}: the lower bound {low} is above {high}")
                changes[name] = (low, high)
            else:
                changes[name] = _number(name, value)
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def saved(cls, overrides: object) -> AnalysisSettings:
        """Settings saved with an answer or a recovery note (untrusted, maybe from
        another version): today's defaults where they do not read."""
        try:
            return cls().with_overrides(overrides)  # type: ignore[arg-type]
        except (ValueError, TypeError, AttributeError):
            return cls()


RETIRED = frozenset({"hard_cap_s", "situation_share", "task_share", "action_share", "result_share"})
"""Settings that changed nothing and were removed: still accepted (and ignored) in
older packs and in answers saved with them. A recording's hard cap is a pack timing."""

_LOWEST = {"rate_window_s": 1.0, "sustained_s": 1.0, "pause_min_s": 0.05}
"""Values below these would make the analysis loop over tiny windows for ever."""
_HIGHEST = 100_000.0


def _number(name: str, value: Any) -> float:
    """A setting's value: a finite number in a sane range (settings come from packs and
    imported history, so a string, NaN, infinity or a zero window is refused)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name}: expected a number, got {value!r:.40}")
    number = float(value)
    low = _LOWEST.get(name, 0.0)
    if not (math.isfinite(number) and low <= number <= _HIGHEST):
        raise ValueError(f"{name}: expected a number from {low:g} to {_HIGHEST:g}, got {number}")
    return number
