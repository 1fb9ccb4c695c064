"""The answer to one command, as the central gives it (pure).

One type for every place that answers a command (the API's ``POST /commands``, the
gateways submitting on her behalf, a batch interrupted by the database): accepted with
the ``seq`` of its last change, rejected with a stable ``reason`` and a ``message``
for people, or a duplicate of an already decided key with that ``original`` answer.
:meth:`CommandResult.to_wire` is the protocol's JSON (docs/protocol.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ACCEPTED, REJECTED, DUPLICATE = "accepted", "rejected", "duplicate"


@dataclass(frozen=True, slots=True)
class CommandResult:
    """One command's answer; build it with :meth:`accepted`, :meth:`rejected` or :meth:`duplicate`."""

    key: str
    outcome: str  # accepted | rejected | duplicate
    seq: int | None = None
    reason: str = ""
    message: str = ""
    original: CommandResult | None = None

    @classmethod
    def accepted(cls, key: str, seq: int | None) -> CommandResult:
        """Applied; ``seq`` is its last change."""
        return cls(key, ACCEPTED, seq=seq)

    @classmethod
    def rejected(cls, key: str, reason: str, message: str) -> CommandResult:
        """Refused with a stable reason code and a sentence for people; nothing applied."""
        return cls(key, REJECTED, reason=reason, message=message)

    @classmethod
    def duplicate(cls, key: str, original: CommandResult) -> CommandResult:
        """The key was decided before: ``original`` is that answer, nothing applied again."""
        return cls(key, DUPLICATE, original=original)

    def to_wire(self) -> dict[str, Any]:
        """The protocol's JSON: ``{key, outcome, seq}``, ``{key, outcome, reason, message}``
        or ``{key, outcome, original}``."""
        if self.outcome == ACCEPTED:
            return {"key": self.key, "outcome": self.outcome, "seq": self.seq}
        if self.outcome == DUPLICATE:
            assert self.original is not None
            return {"key": self.key, "outcome": self.outcome,
                    "original": self.original.original_wire()}
        return {"key": self.key, "outcome": self.outcome, "reason": self.reason,
                "message": self.message}

    def original_wire(self) -> dict[str, Any]:
        """This answer as a later duplicate's ``original``: no key, ``seq`` when there is
        one, ``reason`` and ``message`` unless accepted."""
        out: dict[str, Any] = {"outcome": self.outcome}
        if self.seq is not None:
            out["seq"] = self.seq
        if self.outcome != ACCEPTED:
            out["reason"], out["message"] = self.reason, self.message
        return out
