"""Every threshold the analysis uses, in one documented object.

Defaults come from ``DOMAIN.md`` (coaching-tool practice and published studies);
a pack or a question may override any of them by name.
"""

from __future__ import annotations

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
    hard_cap_s: float = 300.0

    # -- fillers (per minute) --------------------------------------------------------
    fillers_ok_per_min: float = 5.0
    """Up to this many did no measurable harm in a 2024 study."""
    fillers_high_per_min: float = 12.0
    """This many did harm listeners' judgement, um/uh most."""

    # -- STAR time shares (fraction of speaking time) --------------------------------
    situation_share: tuple[float, float] = (0.10, 0.20)
    task_share: tuple[float, float] = (0.05, 0.15)
    action_share: tuple[float, float] = (0.50, 0.60)
    result_share: tuple[float, float] = (0.15, 0.20)

    def with_overrides(self, overrides: Mapping[str, Any] | None) -> AnalysisSettings:
        """A copy with ``overrides`` applied; unknown names raise ``ValueError``."""
        if not overrides:
            return self
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for name, value in overrides.items():
            if name not in known:
                raise ValueError(f"unknown analysis setting '{name}'")
            current = getattr(self, name)
            if isinstance(current, tuple):
                low, high = (float(v) for v in value)
                if low > high:
                    raise ValueError(f"{name}: the lower bound {low} is above {high}")
                changes[name] = (low, high)
            else:
                changes[name] = float(value)
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
