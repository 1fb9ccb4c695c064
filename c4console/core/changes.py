"""The change feed's record: every change at the central has a monotonic ``seq``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from c4console.core.models import ENTITY_TYPES


class FeedGap(ValueError):
    """Changes do not follow on from the cursor; the caller must backfill."""

    def __init__(self, cursor: int, first_seq: int) -> None:
        super().__init__(f"change feed gap: cursor at {cursor}, next change is {first_seq}")
        self.cursor = cursor
        self.first_seq = first_seq


@dataclass(frozen=True, slots=True)
class Change:
    """One change: a full snapshot of one entity after the change (``op`` upsert)."""

    seq: int
    at: float
    entity: str
    id: str
    op: str
    data: dict[str, Any]

    def to_wire(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"seq": self.seq, "at": self.at, "entity": self.entity, "id": self.id,
                "op": self.op, "data": self.data}

    @classmethod
    def from_wire(cls, d: dict[str, Any]) -> Change:
        """Parse and validate one change from the wire."""
        entity = d["entity"]
        if entity not in ENTITY_TYPES:
            raise ValueError(f"unknown entity {entity!r} in change {d.get('seq')}")
        if d["op"] not in ("upsert", "delete"):
            raise ValueError(f"unknown op {d['op']!r} in change {d.get('seq')}")
        return cls(int(d["seq"]), float(d["at"]), entity, str(d["id"]), d["op"], dict(d["data"]))

    def record(self) -> Any:
        """The entity snapshot as its model object."""
        return ENTITY_TYPES[self.entity].from_wire(self.data)


def contiguous_after(cursor: int, changes: Sequence[Change]) -> list[Change]:
    """The changes that follow ``cursor`` with no gap, dropping ones already applied.

    Raises :class:`FeedGap` when the first new change is beyond ``cursor + 1``.
    """
    out: list[Change] = []
    expected = cursor + 1
    for ch in sorted(changes, key=lambda c: c.seq):
        if ch.seq < expected:
            continue  # already applied (duplicate delivery)
        if ch.seq > expected:
            raise FeedGap(expected - 1, ch.seq)
        out.append(ch)
        expected += 1
    return out
