"""Counting words for messages: "1 question", "2 questions"."""

from __future__ import annotations


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` and the noun, singular for exactly one."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
