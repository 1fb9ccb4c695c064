"""The refusal every command handler raises for bad input (no imports: the case area's
refusals build on it without importing the command kit)."""

from __future__ import annotations


class Refused(Exception):
    """Raised by a handler or a field reader: ``decide`` answers it as a refusal."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
