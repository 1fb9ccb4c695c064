"""The ``institution_referral`` feed record: one referral of a woman's case to an
institution, with every status change dated and signed (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from c4console.core.referrals.vocabulary import ENVIADA, NORMAL
from c4console.core.wire import _Wire


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One step of a referral's history: the status it took, when, by whom, and why
    (the reason is required for ``rechazada``, optional otherwise)."""

    status: str
    at: float
    by: str
    reason: str = ""

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {"status": self.status, "at": self.at, "by": self.by, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class InstitutionReferral(_Wire):
    """A referral (canalización) of her case to an institution of the catalogue.

    ``shared`` are the case items that went to the institution (``SHARE_ITEMS``): the
    letter prints those and nothing else of her case. ``history`` starts with the
    ``enviada`` step; ``status`` is its last step's."""

    id: str
    case_id: str
    institution_id: str
    reason: str
    shared: tuple[str, ...]
    created_by: str
    created_at: float
    urgency: str = NORMAL
    status: str = ENVIADA
    desk: str = ""  # the referring desk: psicologica, juridica, or "" (supervision)
    history: tuple[StatusChange, ...] = ()

    def _coerce(self) -> InstitutionReferral:
        steps = tuple(s if isinstance(s, StatusChange) else StatusChange(
            str(s["status"]), float(s["at"]), str(s["by"]), str(s.get("reason", "")))
            for s in self.history)
        return replace(self, shared=tuple(self.shared), history=steps)

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (lists, as they come back from JSON)."""
        return {"id": self.id, "case_id": self.case_id, "institution_id": self.institution_id,
                "reason": self.reason, "shared": list(self.shared), "created_by": self.created_by,
                "created_at": self.created_at, "urgency": self.urgency, "status": self.status,
                "desk": self.desk, "history": [s.to_wire() for s in self.history]}

    @property
    def status_since(self) -> float:
        """When the current status was taken."""
        return self.history[-1].at if self.history else self.created_at
