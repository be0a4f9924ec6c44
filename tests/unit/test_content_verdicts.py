"""What the checklist may credit: one real example, long enough, or a follow-up judged
for what it asked; areas to cover by meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.analysis import QuestionContext, analyze
from coach.analysis.text import from_words
from coach.speech.transcript import Word

CALMED = (
    "Last spring a man rang our help line shouting because his broadband had been down "
    "for four days and he worked from home. I let him get it all out without cutting in, "
    "and I told him I would be furious too. Then I booked an engineer for the next "
    "morning and gave him a mobile data voucher to tide him over. He was back online by "
    "lunchtime the next day and thanked me on the survey."
)


def test_a_paraphrased_area_is_covered_and_a_general_mention_is_not() -> None:
    areas = ("How you calmed the caller down",)
    told = analyze(CALMED, question=QuestionContext(areas_to_cover=areas))
    assert told.areas[0].touched
    assert told.areas[0].evidence.startswith(("I let him", "Then I booked")), "an action"
    general = analyze(
        "When a caller is angry I always calm them down first: I let them talk and I never "
        "interrupt. Then I usually book an engineer and I try to give them something to tide "
        "them over. Normally they are much calmer by the end of the call.",
        question=QuestionContext(areas_to_cover=areas),
    )
    assert general.verdict.example == "habit"
    assert not general.areas[0].touched


def _spoken(text: str, seconds: float) -> list[Word]:
    words = text.split()
    step = seconds / len(words)
    return [Word(i * step, (i + 0.8) * step, f" {w}", 0.9) for i, w in enumerate(words)]


def test_a_30_second_follow_up_answer_gets_follow_up_feedback() -> None:
    answer = (
        "In the end he stayed with us. He renewed his contract the following month, and "
        "he even sent his sister our way when she moved into the area. My manager used the "
        "call in training as an example of how to turn an angry customer round."
    )
    context = QuestionContext(text="What was the outcome?", is_follow_up=True)
    feedback = analyze(from_words(_spoken(answer, 30.0)), question=context)
    assert feedback.verdict.checklist == "follow_up"
    assert feedback.verdict.follow_up is not None and feedback.verdict.follow_up.answered
    assert feedback.pacing.length_band == "green", "judged on the 15–45 s band, not 60–120 s"
    data = feedback.to_dict()
    assert data["specific_example"] is None, "no habit-or-example verdict on a follow-up"
    assert not any(part["present"] for part in data["star"].values())
    assert data["follow_up_answer"]["asks"] == "outcome"


def test_an_11_second_answer_is_too_short_to_judge() -> None:
    answer = "So I called the customer back and sorted out the refund for her the same day."
    feedback = analyze(from_words(_spoken(answer, 11.0)))
    assert feedback.verdict.checklist == "too_short"
    assert not any(part.present for part in feedback.star.values())
    assert feedback.star["situation"].share in (None, 0.0)


def test_the_reason_no_part_is_credited_travels_with_the_saved_feedback() -> None:
    from coach.analysis.feedback import star_marks, verdict_label

    habit = analyze(
        "With a customer like that I usually listen first and I always repeat back what they "
        "said. Then I try to find the quickest fix and I tell them honestly when the rest "
        "will be done. Normally they calm down and most of them thank me at the end."
    ).to_dict()
    assert verdict_label(habit) == "a habit" and star_marks(habit) == "·····"
    assert habit["star_model"].startswith("star-"), "the model version is kept with it"
    assert verdict_label(analyze(CALMED).to_dict()) == ""


def test_a_sentence_encoder_that_is_not_the_pinned_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.analysis import encoder
    from coach.errors import ModelError

    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    monkeypatch.setattr(encoder, "model_file", lambda: fake)
    with pytest.raises(ModelError) as refused:
        encoder.SentenceEncoder.load()
    assert "not the file coach was built with" in refused.value.message
    assert refused.value.hint and "reinstall" in refused.value.hint


def test_a_string_of_ums_is_too_short_to_judge() -> None:
    feedback = analyze("um " * 60)
    assert feedback.verdict.checklist == "too_short"
    assert not any(part.present for part in feedback.star.values())


def test_a_voice_detector_that_is_not_the_pinned_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.errors import ModelError
    from coach.speech import silero

    fake = tmp_path / "silero_vad_v6.onnx"
    fake.write_bytes(b"not the model")
    monkeypatch.setattr(silero, "model_path", lambda: fake)
    monkeypatch.setattr(silero, "_SESSION", None)
    with pytest.raises(ModelError) as refused:
        silero.SileroStream()
    assert "not the file coach was built with" in refused.value.message
