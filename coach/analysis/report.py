"""A readable plain-text report of one answer's feedback (``coach analyze``)."""

from __future__ import annotations

from coach.analysis.feedback import AnswerFeedback
from coach.analysis.pacing import PACE_WORDS, length_words, pace_verdict

MARK = {True: "✓", False: "✗"}


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def structure_lines(feedback: AnswerFeedback) -> list[str]:
    """The STAR checklist, or why there is none (short, not one example, a follow-up)."""
    verdict = feedback.verdict
    if verdict.checklist == "follow_up" and verdict.follow_up is not None:
        judgement = verdict.follow_up
        lines = [
            "Follow-up answer",
            f"  {MARK[judgement.answered]} It asked for {judgement.wanted}",
        ]
        lines += [f'    "{feedback.transcript[a:b]}"' for a, b in judgement.evidence[:2]]
        return lines
    if verdict.checklist == "too_short":
        return ["STAR", "  Too short to judge the structure", f"  {verdict_advice(feedback)}"]
    if not verdict.credits_parts:
        return [
            "STAR",
            "  ✗ Not one specific example: no STAR part is credited",
            f"  {verdict_advice(feedback)}",
        ]
    lines = ["STAR"]
    for name, part in feedback.star.items():
        share = "" if part.share is None else f" {part.share * 100:3.0f}%"
        first = f'  "{part.evidence[0].text}"' if part.evidence else ""
        lines.append(f"  {MARK[part.present]} {name.capitalize():<11}{share}{first}")
    lines.append(f"  {MARK[True]} One specific example")
    return lines


def verdict_advice(feedback: AnswerFeedback) -> str:
    """Why no checklist is shown, and what to do instead."""
    verdict = feedback.verdict
    if verdict.checklist == "too_short":
        pace = feedback.pacing
        said = f"{pace.word_count} words"
        if pace.duration_s is not None:
            said += f" in {pace.duration_s:.0f} s"
        low, high = feedback.settings.green_s
        return (
            f"{said}: tell the whole story in {low:.0f}–{high:.0f} s, from the situation "
            "to the result and what you learned."
        )
    if verdict.example == "hypothetical":
        said = "This describes what you would do, not what you did."
    else:
        said = "This describes what you usually do, not one time you did it."
    return f"{said} Tell one real time: when it was, what you did, how it ended."


def render_report(feedback: AnswerFeedback) -> str:
    s = feedback.settings
    lines: list[str] = []
    pace = feedback.pacing
    words = pace.word_count
    lines.append(f"Transcript ({words} words, {_seconds(pace.duration_s)})")
    lines.append(f"  {feedback.transcript}")
    lines.append("")
    lines.extend(structure_lines(feedback))
    lines.append("")
    lines.append("Delivery")
    if pace.wpm is not None:
        verdict = PACE_WORDS.get(pace_verdict(pace.wpm, s) or "", "")
        lines.append(
            f"  Pace: {pace.wpm:.0f} wpm, {verdict} (aim {s.target_wpm[0]:.0f}–"
            f"{s.target_wpm[1]:.0f}); articulation {pace.articulation_wpm or 0:.0f} wpm"
        )
        for stretch in pace.stretches:
            lines.append(
                f"    {stretch.kind.replace('_', ' ')} from {stretch.start:.0f} s to "
                f"{stretch.end:.0f} s ({stretch.wpm:.0f} wpm)"
            )
        lines.append(
            f"  Length: {_seconds(pace.duration_s)}, {length_words(pace.duration_s, s)} "
            f"(target {s.green_s[0]:.0f}–{s.green_s[1]:.0f} s)"
        )
        lines.append(f"  Opening latency: {_seconds(pace.opening_latency_s)}")
        voice = feedback.voice
        if voice is not None and voice.pitch_spread_st is not None:
            verdict = "monotone" if voice.monotone else "varied"
            lines.append(
                f"  Voice: {verdict}, pitch moves {voice.pitch_spread_st:.1f} semitones "
                f"(monotone under {s.monotone_st:.1f})"
            )
            parts = ", ".join(
                f"{part} {spread:.1f}" for part, spread in voice.part_spread_st.items() if spread
            )
            if parts:
                lines.append(f"    by part: {parts}")
            if voice.trailing_share is not None:
                trail = "trails off" if voice.trailing_off else "holds up"
                lines.append(
                    f"  Sentence ends: {trail} ({voice.trailing_share:.0%} drop by "
                    f"{s.trailing_drop_db:.0f} dB or more); speech at {voice.loudness_dbfs} dBFS"
                )
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
            lines.append(f"    {'✓' if area.touched else '○'} {area.area}")
            if area.touched:
                lines.append(f'        "{area.evidence}"')
    lines.append("")
    lines.append("Follow-up questions")
    for number, follow_up in enumerate(feedback.follow_ups, start=1):
        lines.append(f"  {number}. {follow_up.question}")
        lines.append(f"     ({follow_up.reason})")
    return "\n".join(lines)
