"""Settings: read from an untrusted file, written atomically, shown and set from the shell."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.cli import main
from coach.config import Config, config_path, load_config, save_config


def test_settings_round_trip_through_the_file() -> None:
    config = Config(pack='p"ack\\x', mode="mock", theme="nord", think_s=0, device="USB Mic")
    path = save_config(config)
    assert load_config() == (config, [])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "interview_feedback" not in path.read_text(), "defaults are not written"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('mode = "quiz"\n', "mode must be one of drill, mock, custom"),
        ("think_s = -3\n", "think_s must be a whole number of seconds from 0 to 300"),
        ("think_s = true\n", "think_s must be"),
        ('model = "large-v3"\n', "model must be one of base, tiny.en"),
        ("interview_questions = 9\n", "interview_questions must be a whole number from 3 to 5"),
        ("colour = 1\n", "unknown setting 'colour'"),
        ("theme = [1]\n", "theme must be a short text"),
    ],
)
def test_a_bad_value_is_named_and_its_default_used(text: str, message: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text(text + 'pack = "kept"\n')
    config, problems = load_config()
    assert config == Config(pack="kept")
    assert len(problems) == 1 and message in problems[0] and "using the default" in problems[0]


@pytest.mark.parametrize(
    "data", [b"mode = [\n", b"\xff\xfe", b"x" * (65 * 1024), b"a = 1\n[[a]]\n"]
)
def test_a_file_that_is_not_settings_gives_the_defaults(data: bytes) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    config, problems = load_config()
    assert config == Config() and len(problems) == 1 and "default settings" in problems[0]


def test_a_link_or_a_fifo_is_not_read(tmp_path: Path) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(tmp_path / "fifo")
    path.symlink_to(tmp_path / "fifo")
    assert load_config()[0] == Config()  # no hang on the pipe, no error raised
    path.unlink()
    os.mkfifo(path)
    assert load_config()[0] == Config()


def test_coach_config_shows_sets_and_unsets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "think_s", "20"]) == 0
    assert "think_s = 20" in capsys.readouterr().out
    assert main(["config", "think_s"]) == 0
    assert capsys.readouterr().out.strip() == "20"
    assert main(["config"]) == 0
    listing = capsys.readouterr().out
    assert "think_s" in listing and "interview_feedback" in listing and "(default)" in listing
    assert main(["config", "--json"]) == 0
    assert '"think_s": 20' in capsys.readouterr().out
    assert main(["config", "think_s", "--unset"]) == 0
    assert load_config()[0].think_s is None
    assert main(["config", "mode", "quiz"]) == 2
    assert "mode must be one of" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_code:
        main(["config", "colour", "red"])
    assert exit_code.value.code == 2


def test_the_model_setting_is_used_when_no_model_is_given() -> None:
    from coach.cli import build_parser, model_of

    save_config(Config(model="tiny.en"))
    assert model_of(build_parser().parse_args([])) == "tiny.en"
    assert model_of(build_parser().parse_args(["--model", "base"])) == "base"


def test_odd_text_is_refused_in_one_short_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "think_s", "²"]) == 2  # a digit to str.isdigit, not to int()
    assert "think_s must be" in capsys.readouterr().err
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'mode = "{"x" * 5000}"\n')
    (problem,) = load_config()[1]
    assert len(problem) < 200
