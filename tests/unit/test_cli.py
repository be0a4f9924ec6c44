"""The command line: help that explains, clear errors with exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main


def test_help_explains_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for text in ("transcribe", "--model", "tiny.en", "--audio-file", "offline"):
        assert text in out


def test_python_dash_m_coach_works() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "coach", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("coach ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["transcribe", "/no/such/answer.wav"], "no such audio file"),
        (["transcribe", "{tmp}"], "is a folder"),
        (["transcribe", "{tmp}/notes.wav"], "cannot decode"),
    ],
)
def test_bad_input_is_a_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "notes.wav").write_text("not audio")
    code = main([a.format(tmp=tmp_path) for a in args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_an_unknown_option_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["transcribe", "x.wav", "--colour"])
    assert info.value.code == 2


def test_a_bad_model_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clip = tmp_path / "a.wav"
    subprocess.run(  # a valid, tiny WAV
        [
            sys.executable,
            "-c",
            f"import wave;w=wave.open({str(clip)!r},'wb');w.setnchannels(1);"
            "w.setsampwidth(2);w.setframerate(16000);w.writeframes(b'\\0\\0'*1600);w.close()",
        ],
        check=True,
    )
    code = main(["transcribe", str(clip), "--model", str(tmp_path / "missing-model")])
    err = capsys.readouterr().err
    assert code == 2, "a --model that is not there is a usage error, as the README says"
    assert "model folder not found" in err and "hint:" in err


def test_counts_read_as_english() -> None:
    from coach.words import counted

    assert counted(1, "question") == "1 question"
    assert counted(0, "answer") == "0 answers"
    assert counted(2, "sample answer") == "2 sample answers"


def test_json_on_every_read_command(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["packs", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {p["id"] for p in listed["packs"]} >= {"customer-service-representative"}
    pack = next(p for p in listed["packs"] if p["id"] == "customer-service-representative")
    assert pack["ok"] and pack["questions"] > 0 and pack["origin"] == "built-in"
    assert main(["packs", "validate", pack["path"], "/no/such.yaml", "--json"]) == 2
    checked = json.loads(capsys.readouterr().out)
    assert [f["ok"] for f in checked["files"]] == [True, False] and not checked["ok"]
    assert main(["config", "--json"]) == 0
    assert "interview_feedback" in json.loads(capsys.readouterr().out)


def test_a_progress_line_only_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from coach.cli import progress_line

    with progress_line() as progress:  # stderr is captured: not a terminal
        progress(0.5, "Loading Whisper base into memory…")
    assert capsys.readouterr().err == ""


def _bash_completes(script: str, line: str) -> list[str]:
    import subprocess

    code = (
        f"{script}\nread -ra COMP_WORDS <<< {line!r}\n"
        + ('COMP_WORDS+=("")\n' if line.endswith(" ") else "")
        + 'COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _coach; echo "${COMPREPLY[*]}"'
    )
    out = subprocess.run(["bash", "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_shell_completion_comes_from_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert _bash_completes(script, "coach pa") == ["packs"]
    assert {"list", "import", "validate"} <= set(_bash_completes(script, "coach packs "))
    assert _bash_completes(script, "coach export 3 --f") == ["--format"]
    assert "--model" in _bash_completes(script, "coach --")
    for shell in ("zsh", "fish"):
        assert main(["completion", shell]) == 0
        assert "coach" in capsys.readouterr().out


def test_every_command_says_what_it_does() -> None:
    import argparse

    from coach.cli import build_parser

    def walk(parser: argparse.ArgumentParser, path: str) -> list[str]:
        missing = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helps = {a.dest: a.help for a in action._choices_actions}
                for name, sub in action.choices.items():
                    if not (sub.description or helps.get(name)):
                        missing.append(f"{path} {name}")
                    missing += walk(sub, f"{path} {name}")
        return missing

    assert walk(build_parser(), "coach") == []
