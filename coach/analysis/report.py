"""A readable plain-text report of one answer's feedback (``coach analyze``)."""

from __future__ import annotations

from coach.analysis.feedback import AnswerFeedback

MARK = {True: "✓", False: "✗"}


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def render_report(feedback: AnswerFeedback) -> str:
    s = feedback.settings
    lines: list[str] = []
    pace = feedback.pacing
    words = pace.word_count
    lines.append(f"Transcript ({words} words, {_seconds(pace.duration_s)})")
    lines.append(f"  {feedback.transcript}")
    lines.append("")
    lines.append("STAR")
    for name, part in feedback.star.items():
        share = "" if part.share is None else f" {part.share * 100:3.0f}%"
        first = f'  "{part.evidence[0].text}"' if part.evidence else ""
        lines.append(f"  {MARK[part.present]} {name.capitalize():<11}{share}{first}")
    lines.append(
        f"  {MARK[feedback.specific_example]} Specific example"
        + ("" if feedback.specific_example else " (sounds like a habit or a hypothetical)")
    )
    lines.append("")
    lines.append("Delivery")
    if pace.wpm is not None:
        band = {"target": "on target", "fine": "fine", "slow": "slow", "fast": "fast"}
        lines.append(
            f"  Pace: {pace.wpm:.0f} wpm, articulation {pace.articulation_wpm or 0:.0f} wpm "
            f"({band.get(pace.pace_band or '', '')}; target {s.target_wpm[0]:.0f}–"
            f"{s.target_wpm[1]:.0f})"
        )
        for stretch in pace.stretches:
            lines.append(
                f"    {stretch.kind.replace('_', ' ')} from {stretch.start:.0f} s to "
                f"{stretch.end:.0f} s ({stretch.wpm:.0f} wpm)"
            )
        lines.append(
            f"  Length: {_seconds(pace.duration_s)}, {pace.length_band} "
            f"(target {s.green_s[0]:.0f}–{s.green_s[1]:.0f} s)"
        )
        lines.append(f"  Opening latency: {_seconds(pace.opening_latency_s)}")
    else:
        lines.append("  Pace, pauses and length need a recording (this was text).")
    per_min = "" if feedback.fillers_per_minute is None else f", {feedback.fillers_per_minute}/min"
    lines.append(f"  Fillers: {len(feedback.fillers)}{per_min}")
    for filler in feedback.fillers[:8]:
        at = "" if filler.start is None else f"{filler.start:6.1f} s  "
        lines.append(f"    {at}{filler.context}")
    if feedback.hedges:
        lines.append(f"  Hedges: {', '.join(h.text for h in feedback.hedges)}")
    notable = [p for p in feedback.pauses if p.kind in ("hesitation", "long", "very_long")]
    if notable:
        lines.append("  Pauses worth a look:")
        for pause in notable:
            lines.append(
                f"    {pause.start:6.1f} s  {pause.seconds:.1f} s {pause.kind.replace('_', ' ')}"
            )
    sig = feedback.signals
    lines.append("")
    lines.append("Content")
    lines.append(f"  'I' {sig.i_in_actions} vs 'we' {sig.we_in_actions} in the actions")
    lines.append(f"  Numbers in the result: {sig.numbers_in_result}")
    lines.append(
        f"  Time anchor: {'yes' if sig.time_anchor else 'no'}; reasons given: {sig.reasons}"
    )
    if feedback.areas:
        lines.append("  Areas to cover:")
        for area in feedback.areas:
            lines.append(f"    {MARK[area.touched]} {area.area}")
    lines.append("")
    lines.append("Follow-up questions")
    for number, follow_up in enumerate(feedback.follow_ups, start=1):
        lines.append(f"  {number}. {follow_up.question}")
        lines.append(f"     ({follow_up.reason})")
    return "\n".join(lines)
