"""The refusal of bad case input: a stable reason code, a sentence for people, and —
for a duplicate — the existing case to merge with instead.

It is a :class:`c4console.core.command_kit.Refused`, so a command handler that lets it
propagate is answered as a refusal by ``decide`` like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from c4console.core.refused import Refused

if TYPE_CHECKING:
    from c4console.core.cases.records import Case


class CaseRefused(Refused):
    """Bad case input. ``reason`` is stable (for code and tests), ``message`` for people."""

    def __init__(self, reason: str, message: str, candidate: Case | None = None) -> None:
        super().__init__(reason, message)
        self.message = message
        self.candidate = candidate  # the case to merge with, for reason "duplicate_case"

    def __repr__(self) -> str:
        return f"CaseRefused({self.reason!r}, {self.message!r})"
