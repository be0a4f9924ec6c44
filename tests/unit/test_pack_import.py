"""Importing interview guides: the real seed guides and shapes they do not show."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.cli import main
from coach.errors import UsageError
from coach.packs import load_pack
from coach.packs.importer import import_guide, import_guide_text
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"


def seed(prefix: str) -> Path:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed guide {prefix} is missing from {SEEDS}")
    return matches[0]


def test_areas_and_follow_ups_guide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cx-specialist.yaml"
    assert main(["packs", "import", str(seed("000")), "-o", str(out)]) == 0
    pack = load_pack(out)  # the written file is a valid pack
    assert len(pack.questions) == 15
    assert all(len(q.follow_ups) == 4 for q in pack.questions)
    assert all(len(q.areas_to_cover) >= 5 for q in pack.questions)
    assert pack.questions[0].text.startswith("Tell me about a time when you had to deal with")
    assert "- The nature of the customer's complaint" not in pack.questions[0].areas_to_cover
    assert "The nature of the customer's complaint" in pack.questions[0].areas_to_cover
    # The guide's closing FAQ asks about interviewing, not the candidate: not questions.
    assert not any("rehearsed" in q.text for q in pack.questions)
    assert "Imported 15 questions" in capsys.readouterr().err


def test_difficulty_and_sample_answer_guide() -> None:
    pack = import_guide(seed("004")).pack
    assert len(pack.questions) == 10
    assert pack.difficulty_mix == {"easy": 2, "medium": 4, "hard": 4}
    assert all(len(q.sample_answers) == 1 for q in pack.questions)
    first = pack.questions[0]
    assert first.text.startswith("How do you define customer experience")
    assert first.sample_answers[0].text.startswith("To me, customer experience is")
    assert "Question 2" not in first.sample_answers[0].text


def test_numbered_questions_in_an_article() -> None:
    pack = import_guide(seed("001")).pack
    assert len(pack.questions) == 25  # five "Question N:" headings and a list of twenty
    assert (
        pack.questions[0].text == "Describe a time when you went above and beyond for a customer."
    )
    assert pack.questions[-1].text.startswith("Talk about a moment when you collaborated")


def test_questions_hidden_in_prose_and_an_faq() -> None:
    pack = import_guide(seed("002")).pack
    assert len(pack.questions) == 6
    assert pack.questions[0].text.startswith(
        "Can you describe a time when you successfully handled"
    )


def test_several_titled_sample_answers_and_markdown_headings() -> None:
    guide = """# Retail supervisor questions

Some introduction that is not a question at all.

## Question 1: Tell me about a time you handled a shoplifting incident calmly.

Answer 1: The calm approach
I was closing the store when I saw a teenager pocket a phone case.

Answer 2: Involving security
At my last store we had a clear process, and I followed it.

### Describe a time you trained a new cashier on a busy day.

Follow-up questions:
1. How did you check they were ready?
2. What would you change about the training?
3. How did the customers react to a new cashier?
"""
    result = import_guide_text(guide, "retail.md")
    pack = result.pack
    assert pack.title == "Retail supervisor questions"
    assert [len(q.sample_answers) for q in pack.questions] == [2, 0]
    assert pack.questions[0].sample_answers[1].title == "Involving security"
    assert pack.questions[0].sample_answers[0].text.startswith("I was closing the store")
    assert len(pack.questions[1].follow_ups) == 3


def test_a_guide_without_questions_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "essay.txt"
    path.write_text("Customer service matters.\nIt really does.\n")
    with pytest.raises(UsageError, match="no interview questions"):
        import_guide(path)
    assert main(["packs", "import", str(path)]) == 2


@pytest.mark.parametrize(
    ("prefix", "title"),
    [
        ("000", "Customer Experience Specialist interview questions"),
        ("001", "Customer service interview questions"),
        ("002", "Customer Experience Manager interview questions"),
        ("004", "Customer experience interview questions"),
    ],
)
def test_a_guide_without_a_heading_is_titled_by_what_it_is_about(prefix: str, title: str) -> None:
    pack = import_guide(seed(prefix)).pack
    assert pack.title == title
    assert pack.id == title.lower().replace(" ", "-"), "not the file's hash-like name"


# Written for this test: sample answers whose titles are whole sentences, competencies
# and difficulty given as labels, and a file name that says nothing.
SENTENCE_TITLES = """\
Interview guide for branch advisers at a retail bank, written for hiring panels.

Competency: Customer care
Question 1: Tell me about a time you bent a rule to help a customer. What did you weigh up?
Difficulty: medium
Answer 1: I waived a late fee for a pensioner whose payment bounced because of our own outage.
It was my second month at the branch and the outage was on our side. I checked the log, \
asked my manager, refunded the fee and wrote to her the same day. She stayed with us.
Answer 2: Why I once said no to a long-standing client, even though she threatened to close \
every account she held with us
She wanted a loan rule set aside. I explained why, offered a smaller product that fitted, and \
she took it a week later.
Answer 3: Short
I found a middle way with the team leader and wrote it down for the next adviser.
Answer 4: I kept the rule, and this is the whole answer on the label's own line because there \
is no title at all here: the customer wanted cash over the limit, I called the fraud desk, we \
found the card had been cloned, and she thanked us later.

Competency: Teamwork
Question 2: Describe a time you disagreed with a colleague about how to handle a complaint.
Level: hard
Answer 1: When my colleague and I disagreed, we asked the customer what mattered most.
We listened to the call recording together and agreed on a refund within the hour.
"""


def test_sample_answers_with_sentence_titles_are_all_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "guide_7f3a.md"
    guide.write_text(SENTENCE_TITLES)
    out = tmp_path / "bank.yaml"
    assert main(["packs", "import", str(guide), "--title", "Branch adviser", "-o", str(out)]) == 0
    pack = load_pack(out)
    assert (pack.id, pack.title) == ("branch-adviser", "Branch adviser")
    first, second = pack.questions
    assert [s.title for s in first.sample_answers] == [
        "I waived a late fee for a pensioner whose payment bounced because of our own outage.",
        "Why I once said no to a long-standing client, even though she threatened to close "
        "every account she held with us",
        "Short",
        "Sample answer 4",
    ]
    assert first.sample_answers[0].text.startswith("It was my second month")
    assert first.sample_answers[3].text.startswith("I kept the rule")
    assert "Competency" not in first.sample_answers[2].text, "a label ends the answer"
    assert (first.competency, first.difficulty) == ("Customer care", "medium")
    assert (second.competency, second.difficulty) == ("Teamwork", "hard")
    assert second.sample_answers[0].text.startswith("We listened")
    assert "Imported 2 questions" in capsys.readouterr().err
