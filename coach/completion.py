"""``coach completion bash|zsh|fish``: shell completion, generated from the parser
itself so it cannot drift from the commands and options coach has."""

from __future__ import annotations

import argparse
import shlex


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> dict[tuple[str, ...], list[str]]:
    """For each command path (``()``, ``("packs",)``, ``("packs", "list")``…) the words
    that may follow it: its subcommands and its options."""
    words: list[str] = []
    found: dict[tuple[str, ...], list[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                words.append(name)
                found.update(_commands(sub, (*path, name)))
        else:
            words += [o for o in action.option_strings if o.startswith("--") or len(o) == 2]
            if action.choices and not action.option_strings:
                words += [str(c) for c in action.choices]
    found[path] = sorted(set(words))
    return found


def bash(parser: argparse.ArgumentParser) -> str:
    cases = "\n".join(
        f'    "{" ".join(path)}") words={shlex.quote(" ".join(words))} ;;'
        for path, words in sorted(_commands(parser).items(), key=lambda kv: -len(kv[0]))
    )
    return f"""# coach completion for bash: eval "$(coach completion bash)" in ~/.bashrc
_coach() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" path="" word words=""
    for word in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
        case "$word" in -*) ;; *) path="${{path:+$path }}$word" ;; esac
    done
    while :; do
        case "$path" in
{cases}
            *)  # an argument (a session id, a file): complete for the command before it
                case "$path" in *" "*) path="${{path% *}}" ;; *) path="" ;; esac
                continue ;;
        esac
        break
    done
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o default -F _coach coach
"""


def zsh(parser: argparse.ArgumentParser) -> str:
    return (
        '# coach completion for zsh: eval "$(coach completion zsh)" in ~/.zshrc\n'
        "autoload -U +X bashcompinit && bashcompinit\n" + bash(parser).split("\n", 1)[1]
    )


def fish(parser: argparse.ArgumentParser) -> str:
    lines = [
        "# coach completion for fish: coach completion fish > ~/.config/fish/completions/coach.fish"
    ]
    for path, words in sorted(_commands(parser).items()):
        if path:
            condition = " and ".join(f"__fish_seen_subcommand_from {p}" for p in path)
        else:
            condition = "__fish_use_subcommand"
        for word in words:
            flag = (
                f"-l {word[2:]}"
                if word.startswith("--")
                else (f"-s {word[1:]}" if word.startswith("-") else f"-f -a {shlex.quote(word)}")
            )
            lines.append(f"complete -c coach -n {shlex.quote(condition)} {flag}")
    return "\n".join(lines) + "\n"


SHELLS = {"bash": bash, "zsh": zsh, "fish": fish}
