"""Rich ``Text`` renderings of an answer's feedback. User text is never parsed as markup."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from coach.analysis import AnswerFeedback
from coach.analysis.pacing import PACE_WORDS, length_words, pace_verdict
from coach.analysis.report import verdict_advice
from coach.analysis.settings import AnalysisSettings
from coach.analysis.star import COMPONENT_LETTERS
from coach.widgets.safe import plain


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours that read on the current theme's background. Every colour is doubled by
    a letter or a symbol, so nothing depends on seeing colour."""

    good: str
    warn: str
    bad: str
    filler: str
    star: dict[str, str]


DARK = Palette(
    good="green",
    warn="yellow",
    bad="red",
    filler="underline bold yellow",
    star={
        "situation": "on dark_blue",
        "task": "on dark_magenta",
        "action": "on dark_green",
        "result": "on dark_red",
        "reflection": "on grey30",
    },
)
LIGHT = Palette(
    good="green4",
    warn="dark_orange3",
    bad="red3",
    filler="underline bold dark_orange3",
    star={
        "situation": "on light_sky_blue1",
        "task": "on plum1",
        "action": "on dark_sea_green2",
        "result": "on light_pink1",
        "reflection": "on grey85",
    },
)


def transcript_text(
    feedback: AnswerFeedback, palette: Palette = DARK, *, seekable: bool = False
) -> Text:
    """The transcript with each STAR sentence marked by a letter and a colour (so it
    reads without colour too), fillers underlined and long pauses shown in place."""
    marks: dict[int, str] = {}  # character position -> pause marker inserted after it
    for pause in feedback.pauses:
        if pause.kind not in ("hesitation", "long", "very_long"):
            continue
        before = [
            end
            for _s, end, _t0, t1 in feedback.word_spans
            if t1 is not None and t1 <= pause.start + 0.05
        ]
        if before:
            marks[max(before)] = f" ⏸{pause.seconds:.1f}s"
    for stretch in feedback.pacing.stretches:  # a sustained too-fast or too-slow run
        inside = [
            (start, end)
            for start, end, t0, _t1 in feedback.word_spans
            if t0 is not None and stretch.start <= t0 < stretch.end
        ]
        if inside:
            label = PACE_WORDS[stretch.kind]
            marks[inside[0][0]] = (
                marks.get(inside[0][0], "") + f" ⏩{label} {stretch.wpm:.0f} wpm: "
            )
            marks[inside[-1][1]] = marks.get(inside[-1][1], "") + " ⏪"
    out = Text()
    for start, end, label in feedback.sentence_labels:
        letter, style = COMPONENT_LETTERS.get(label, "·"), palette.star.get(label, "")
        out.append(f"[{letter}] ", style="bold")
        cursor = start
        for position in sorted(p for p in marks if start <= p <= end):
            out.append_text(_sentence_piece(feedback, cursor, position, style, palette, seekable))
            out.append(marks[position], style=f"bold {palette.bad}")
            cursor = position
        out.append_text(_sentence_piece(feedback, cursor, end, style, palette, seekable))
        out.append(" ")
    return out


def _sentence_piece(
    feedback: AnswerFeedback,
    start: int,
    end: int,
    style: str,
    palette: Palette,
    seekable: bool = False,
) -> Text:
    piece = Text(plain(feedback.transcript[start:end]), style=style)
    if seekable:  # clicking a word plays from it (the action holds only a number)
        for w_start, w_end, t0, _t1 in feedback.word_spans:
            if t0 is not None and start <= w_start < end:
                piece.stylize(
                    Style.from_meta({"@click": f"screen.seek({t0:.2f})"}),
                    w_start - start,
                    min(w_end, end) - start,
                )
    for filler in feedback.fillers:
        if start <= filler.char_start < end:
            piece.stylize(
                palette.filler,
                filler.char_start - start,
                min(end, filler.char_end) - start,
            )
    return piece


def star_checklist(feedback: AnswerFeedback, palette: Palette = DARK) -> Text:
    verdict = feedback.verdict
    if verdict.checklist == "follow_up":
        return follow_up_verdict(feedback, palette)
    if verdict.checklist == "too_short":
        out = Text("Too short to judge the structure", style=f"bold {palette.warn}")
        out.append(f"\n{verdict_advice(feedback)}")
        return out
    if not verdict.credits_parts:
        out = Text("✗ ", style=palette.bad)
        out.append("Not one specific example", style="bold")
        out.append(f"\n{verdict_advice(feedback)}\n")
        out.append("No STAR part is credited until it is one real event.", style="dim")
        return out
    out = Text()
    for name, part in feedback.star.items():
        letter, style = COMPONENT_LETTERS[name], palette.star[name]
        mark = "✓" if part.present else "✗"
        out.append(f"{mark} ", style=palette.good if part.present else palette.bad)
        out.append(f"[{letter}]", style=f"bold {style}")
        out.append(f" {name.capitalize():<11}")
        if part.share is not None:
            out.append(f"{part.share * 100:3.0f}% of the time")
        out.append("\n")
    out.append("✓ ", style=palette.good)
    out.append("one specific example")
    return out


def follow_up_verdict(feedback: AnswerFeedback, palette: Palette = DARK) -> Text:
    judgement = feedback.verdict.follow_up
    out = Text()
    if judgement is None:
        return out
    mark, style = ("✓", palette.good) if judgement.answered else ("✗", palette.bad)
    out.append(f"{mark} ", style=style)
    out.append("gives " if judgement.answered else "does not give ")
    out.append(judgement.wanted, style="bold")
    out.append(", what it asked for")
    if judgement.evidence:
        start, end = judgement.evidence[0]
        out.append("\n  “")
        out.append(plain(feedback.transcript[start:end]), style="italic")
        out.append("”")
    else:
        out.append(f"\n  Say {judgement.wanted} in your first sentence.", style="dim")
    return out


def delivery_text(feedback: AnswerFeedback, palette: Palette = DARK) -> Text:
    s = feedback.settings
    pace = feedback.pacing
    out = Text()
    if pace.wpm is None:
        out.append("Typed answer: no pace, pauses or length.\n", style="dim")
    else:
        verdict = pace_verdict(pace.wpm, s) or "in_band"
        out.append(f"Pace {pace.wpm:.0f} wpm ", style="bold")
        out.append(PACE_WORDS[verdict], style=_pace_style(verdict, palette))
        out.append(f" (aim {s.target_wpm[0]:.0f}–{s.target_wpm[1]:.0f})\n")
        if pace.rate_over_time:
            out.append_text(pace_chart([w.wpm for w in pace.rate_over_time], s, palette))
            out.append("\n")
        band_style = {"green": palette.good, "amber": palette.warn, "red": palette.bad}.get(
            pace.length_band or "", ""
        )
        out.append(f"Length {pace.duration_s or 0:.0f} s ", style="bold")
        out.append(length_words(pace.duration_s, s), style=band_style)
        out.append(f" (aim {s.green_s[0]:.0f}–{s.green_s[1]:.0f} s)\n")
        long_pauses = [p for p in feedback.pauses if p.kind in ("long", "very_long")]
        out.append(f"Long pauses {len(long_pauses)}\n")
        out.append_text(voice_text(feedback, palette))
    per_min = feedback.fillers_per_minute
    out.append(f"Fillers {len(feedback.fillers)}", style="bold")
    if per_min is not None:
        out.append(f" ({per_min:.1f}/min", style=_filler_style(per_min, s, palette))
        if per_min > s.fillers_high_per_min:
            out.append(f", over {s.fillers_high_per_min:g}", style=palette.bad)
        out.append(")")
    if feedback.fillers:
        counts = Counter(f.text.lower() for f in feedback.fillers)
        out.append("  " + ", ".join(f"{word} ×{n}" for word, n in counts.most_common()))
    sig = feedback.signals
    out.append(f"\n'I' {sig.i_in_actions} vs 'we' {sig.we_in_actions} in actions · ")
    out.append(f"numbers in result {sig.numbers_in_result}")
    return out


def _filler_style(per_min: float, settings: AnalysisSettings, palette: Palette) -> str:
    """Up to ``fillers_ok_per_min`` did no harm; over ``fillers_high_per_min`` did."""
    if per_min <= settings.fillers_ok_per_min:
        return palette.good
    return palette.bad if per_min > settings.fillers_high_per_min else palette.warn


CHART_WPM = (60.0, 240.0)
"""The pace chart's fixed scale: a flat 195 wpm looks high, not lively."""


def _pace_style(verdict: str, palette: Palette) -> str:
    return {"too_slow": palette.bad, "too_fast": palette.bad, "in_band": palette.good}.get(
        verdict, palette.warn
    )


def pace_chart(values: list[float], settings: AnalysisSettings, palette: Palette) -> Text:
    """Pace per 10 s on a fixed 60–240 wpm scale, each bar coloured by its verdict,
    with the target band's place on the scale shown after it."""
    out = Text()
    low, high = CHART_WPM
    for value, bar in zip(values, sparkline(values, low, high), strict=True):
        out.append(bar, style=_pace_style(pace_verdict(value, settings) or "in_band", palette))
    band = sparkline(list(settings.target_wpm), low, high)
    out.append(f"  target {band[0]}–{band[1]}", style="dim")
    return out


def voice_text(feedback: AnswerFeedback, palette: Palette = DARK) -> Text:
    """Pitch movement and trailing off, in words ("" without a recording to judge)."""
    voice, s = feedback.voice, feedback.settings
    out = Text()
    if voice is None or voice.pitch_spread_st is None:
        return out
    out.append("Voice ", style="bold")
    if voice.monotone:
        out.append("monotone", style=palette.bad)
        out.append(f" (pitch moves {voice.pitch_spread_st:.1f} st; aim ≥ {s.monotone_st:.0f})")
    else:
        out.append("varied", style=palette.good)
        out.append(f" (pitch moves {voice.pitch_spread_st:.1f} st)")
    if voice.trailing_off and voice.trailing_share is not None:
        out.append(" · ")
        out.append(f"trails off at {voice.trailing_share:.0%} of sentence ends", style=palette.warn)
    out.append("\n")
    return out


def sparkline(values: list[float], low: float | None = None, high: float | None = None) -> str:
    """Bars scaled to the values' range, or to ``low``–``high`` when given."""
    bars = "▁▂▃▄▅▆▇█"
    if not values:
        return ""
    low = min(values) if low is None else low
    high = max(values) if high is None else high
    span = (high - low) or 1.0
    return "".join(
        bars[int((min(max(v, low), high) - low) / span * (len(bars) - 1))] for v in values
    )


def follow_up_text(feedback: AnswerFeedback) -> Text:
    out = Text()
    for number, follow_up in enumerate(feedback.follow_ups[:3], start=1):
        out.append(f"{number}. ", style="bold")
        out.append(plain(follow_up.question))
        out.append(f"\n   {follow_up.reason}\n", style="dim")
    return out


def areas_text(feedback: AnswerFeedback, palette: Palette = DARK) -> Text:
    out = Text()
    for area in feedback.areas:
        out.append("✓ " if area.touched else "○ ", style=palette.good if area.touched else "dim")
        out.append(plain(area.area))
        if area.touched and area.evidence:
            out.append("\n    “")
            out.append(plain(area.evidence), style="italic")
            out.append("”")
        out.append("\n")
    if feedback.verdict.example in ("habit", "hypothetical"):
        out.append("○ none count in a habit or a plan: tell one real time.", style="dim")
    else:
        out.append(
            "✓ the sentence shown seems to cover it (check it) · ○ not heard in your story",
            style="dim",
        )
    return out
