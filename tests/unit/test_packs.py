"""Question packs: built-ins validate, hostile files get clear messages and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli import main
from coach.packs import PackError, parse_pack
from coach.packs.registry import builtin_dir, discover

GOOD = """\
id: tiny
title: Tiny pack
questions:
  - id: q1
    text: Tell me about a time you helped a customer.
    difficulty: easy
    follow_ups:
      - What happened next?
"""


def test_every_built_in_pack_validates_and_covers_the_basics() -> None:
    entries = [e for e in discover() if e.origin == "built-in"]
    assert entries, f"no packs in {builtin_dir()}"
    for entry in entries:
        assert entry.pack is not None, str(entry.error)
        for question in entry.pack.questions:
            assert question.areas_to_cover, question.id
            assert len(question.follow_ups) >= 3, question.id
        assert set(entry.pack.difficulty_mix.values()) != {0}
        assert any(q.sample_answers for q in entry.pack.questions)


def test_pack_show_json_lists_questions_with_follow_ups(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packs", "show", "customer-service-representative", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "customer-service-representative"
    question = data["questions"][0]
    assert {"id", "text", "follow_ups", "sample_answers", "areas_to_cover", "difficulty"} <= set(
        question
    )
    assert set(question["sample_answers"][0]) == {"title", "text"}


def test_a_new_pack_from_the_template_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.yaml"
    assert main(["packs", "new", str(path)]) == 0
    assert main(["packs", "validate", str(path)]) == 0
    assert main(["packs", "new", str(path)]) == 2, "never overwrites"


def test_analyze_uses_the_packs_areas_and_follow_ups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "Last month a customer shouted at me on the phone about a double charge on his "
        "card. I listened and read back what he said, so he knew I understood what had gone "
        "wrong. I refunded the charge at once and stayed on the line while it went through."
    )
    args = [
        "analyze",
        str(answer),
        "--pack",
        "customer-service-representative",
        "--question-id",
        "calm-an-angry-caller",
        "--json",
    ]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    areas = {a["area"]: a["touched"] for a in data["areas_to_cover"]}
    assert areas["How you listened and showed you understood"] is True
    assert data["follow_ups"][0] in (
        "Did you follow up with the customer afterwards?",
        "What did you say that you would say again next time?",
        "What was the moment you felt the call turn around?",
        "How did you look after yourself after that call?",
    )
    assert (
        main(
            [
                "analyze",
                str(answer),
                "--pack",
                "customer-service-representative",
                "--question-id",
                "nope",
            ]
        )
        == 2
    )


MALFORMED = [
    ("bad syntax", b"id: x\ntitle: [unclosed\nquestions: []\n", "YAML syntax error", 3),
    ("wrong types", b"id: x\ntitle: T\nquestions: {a: 1}\n", "questions: must be a list", 3),
    ("missing text", b"id: x\ntitle: T\nquestions:\n  - id: a\n", "'text' is required", 4),
    (
        "empty text",
        b"id: x\ntitle: T\nquestions:\n  - id: a\n    text: ''\n",
        "must not be empty",
        5,
    ),
    ("duplicate ids", GOOD.encode() + b"  - id: q1\n    text: Again?\n", "already used", 9),
    (
        "unknown key",
        GOOD.replace("follow_ups", "folow_ups").encode(),
        "did you mean 'follow_ups'",
        7,
    ),
    (
        "bad enum",
        GOOD.replace("easy", "tough").encode(),
        "'tough' is not one of easy, medium, hard",
        6,
    ),
    ("empty file", b"  \n", "the file is empty", None),
    (
        "object tag",
        b"id: !!python/object/apply:os.system ['echo hi']\ntitle: T\nquestions: []\n",
        "tags",
        1,
    ),
    (
        "alias bomb",
        b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a]\n"
        b"c: [*b, *b, *b, *b, *b, *b, *b]\n",
        "anchors and aliases",
        1,
    ),
    ("not utf-8", b"id: x\ntitle: caf\xe9\nquestions: []\n", "not UTF-8", 2),
    (
        "rich markup",
        GOOD.replace("helped a customer", "[bold red]helped[/] a customer").encode(),
        "contains markup",
        5,
    ),
    (
        "click action",
        GOOD.replace("What happened next?", "'[@click=app.quit]Quit[/]'").encode(),
        "contains markup '[@click=app.quit]'",
        8,
    ),
    (
        "escape codes",
        GOOD.replace("helped a customer", "helped \\x1b[2J a customer")
        .replace("text: Tell", 'text: "Tell')
        .replace("customer.\n", 'customer."\n')
        .encode(),
        "control character",
        5,
    ),
    ("a list, not a pack", b"- one\n- two\n", "must be a mapping", None),
]


@pytest.mark.parametrize(
    ("name", "data", "message", "line"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_packs_get_a_clear_message_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    message: str,
    line: int | None,
) -> None:
    path = tmp_path / "pack.yaml"
    path.write_bytes(data)
    with pytest.raises(PackError) as info:
        parse_pack(data, str(path))
    shown = str(info.value)
    assert message in shown
    if line is not None:
        assert f"(line {line})" in shown
    assert main(["packs", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_50_mb_file_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert main(["packs", "validate", str(path)]) == 2
    assert "a pack may be at most" in capsys.readouterr().err


def test_every_problem_is_reported_at_once() -> None:
    data = GOOD.replace("easy", "tough").replace("follow_ups", "folow_ups") + "extra: 1\n"
    with pytest.raises(PackError) as info:
        parse_pack(data.encode(), "p.yaml")
    assert len(info.value.problems) == 3


def _shingles(text: str, n: int = 10) -> set[tuple[str, ...]]:
    import re

    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_built_in_packs_are_in_our_own_words() -> None:
    """No run of ten words is shared with a seed guide (eight catches stock openers
    such as "tell me about a time you had to", which are not copying)."""
    from tests.conftest import SHARED

    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("the seed guides are missing")
    theirs: set[tuple[str, ...]] = set()
    for path in seeds:
        theirs |= _shingles(path.read_text(encoding="utf-8"))
    for entry in discover():
        if entry.origin != "built-in" or entry.pack is None:
            continue
        shared = _shingles(json.dumps(entry.pack.to_dict())) & theirs
        assert not shared, f"{entry.pack.id} repeats a guide's wording: {sorted(shared)[:3]}"
