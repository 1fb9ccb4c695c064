"""The agency record, the kinds catalogue and the ``case_share`` feed record (pure)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from typing import Any

from c4console.core.catalogue import CatalogueError
from c4console.core.wire import _Wire

C4_AGENCY = "c4"  # the C4's own agency: its staff's accounts; never shared with
LEVELS = ("resumen", "completo")  # completo includes resumen


@dataclass(frozen=True, slots=True)
class AgencyKinds:
    """The catalogue of agency kinds (``resources/agencies/kinds.toml``): key → label."""

    kinds: dict[str, str]

    @classmethod
    def parse(cls, text: str) -> AgencyKinds:
        """Parse kinds.toml; refuses an empty catalogue."""
        try:
            kinds = dict(tomllib.loads(text).get("kinds", {}))
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"agency kinds: {e}") from None
        if not kinds:
            raise CatalogueError("agency kinds: no [kinds]")
        return cls({str(k): str(v) for k, v in kinds.items()})


@dataclass(frozen=True, slots=True)
class Agency:
    """An organisation whose people log in (the C4 itself, the DIF, a prosecutor's office…)."""

    id: str
    name: str
    kind: str
    contact: str = ""
    created_at: float = 0.0

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {"id": self.id, "name": self.name, "kind": self.kind, "contact": self.contact,
                "created_at": self.created_at}


@dataclass(frozen=True, slots=True)
class CaseShare(_Wire):
    """Her case shared with one agency at a level, for a reason, until an optional end
    date (inclusive, the C4's calendar), until revoked. ``psych_notes`` is the separate,
    explicit step of a psychologist (with its own reason); without it no psychological
    note reaches the agency."""

    id: str
    case_id: str
    agency_id: str
    level: str
    reason: str
    created_by: str
    created_at: float
    ends_on: str = ""  # YYYY-MM-DD or "" (no end date)
    revoked_at: float | None = None
    revoked_by: str = ""
    revoke_reason: str = ""
    psych_notes: bool = False
    psych_reason: str = ""
    psych_by: str = ""
    # When the central saw its end date pass and re-published her case (the liaison's
    # console dropped it then); None while in force or revoked.
    expired_at: float | None = None

    def in_force(self, today: date) -> bool:
        """True while not revoked and its end date (if any) is today or later."""
        return share_in_force(self.to_wire(), today)


def share_in_force(data: dict[str, Any], today: date) -> bool:
    """:meth:`CaseShare.in_force` on a share's wire dict (the feed's hot path: no parse)."""
    if data.get("revoked_at") is not None:
        return False
    ends = data.get("ends_on") or ""
    return not ends or ends >= today.isoformat()
