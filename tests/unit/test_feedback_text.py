"""The feedback's text renderings: letter marks readable without colour, pauses in place."""

from __future__ import annotations

from coach.analysis import AnalysisSettings, analyze
from coach.analysis.text import from_words
from coach.speech.transcript import Word
from coach.widgets.feedback_text import delivery_text, star_checklist, transcript_text


def test_transcript_marks_star_parts_fillers_and_pauses_in_place() -> None:
    words = [
        Word(0.0, 0.3, " I", 0.9),
        Word(0.3, 0.6, " called", 0.9),
        Word(0.6, 1.0, " her.", 0.9),
        Word(3.5, 3.8, " Um,", 0.9),
        Word(3.9, 4.2, " she", 0.9),
        Word(6.5, 7.0, " agreed.", 0.9),
    ]
    short_is_fine = AnalysisSettings(short_answer_s=0, short_answer_words=0)
    feedback = analyze(from_words(words), silences=[(1.0, 3.5), (4.2, 6.5)], settings=short_is_fine)
    text = transcript_text(feedback)
    assert text.plain == "[A] I called her. [R] Um, she ⏸2.3s agreed. "
    um = text.plain.index("Um")
    assert any(
        "underline" in str(span.style) and span.start <= um < span.end for span in text.spans
    )
    assert "✓ [A] Action" in star_checklist(feedback).plain
    assert "Fillers 1" in delivery_text(feedback).plain


def test_markup_in_an_answer_is_shown_as_typed() -> None:
    feedback = analyze("I wrote [bold]hello[/bold] and [@click=app.quit]quit[/] in the chat.")
    assert "[@click=app.quit]quit[/]" in transcript_text(feedback).plain


def test_the_live_timer_stays_neutral_until_the_answer_could_be_long_enough() -> None:
    from coach.analysis import AnalysisSettings
    from coach.widgets.timer_text import live_band

    s = AnalysisSettings()  # green 60–120 s, amber 45–180 s
    assert live_band(10, s) == ("aim for 60–120 s", "")
    assert live_band(50, s)[1] == "warn"
    assert live_band(90, s) == ("good length", "good")
    assert live_band(150, s) == ("time to wrap up", "warn")
    assert live_band(200, s) == ("too long", "bad")
