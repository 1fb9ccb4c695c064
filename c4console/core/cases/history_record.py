"""Her history for one incident as a feed record (entity ``history``, id = the incident's).

The central computes :func:`c4console.core.cases.history.history_for` in the transaction
that creates the incident and stores the result as this record, so a console receives it
in the same frame as the incident — even when the prior incidents it names are closed and
not in that console's cache (each prior incident carries what the panel shows of it).
The feed projects it per role like her case (:mod:`c4console.core.cases.case_view`); every
field has a default, so a projection parses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from c4console.core.wire import _Wire

if TYPE_CHECKING:
    from c4console.core.cases.history import History

# What a prior incident carries beside why it matched: enough to list it without its record.
PRIOR_KEYS = ("folio", "type_code", "status", "channel", "address", "closed_at", "disposition")


@dataclass(frozen=True, slots=True)
class IncidentHistory(_Wire):
    """What the detail panel shows for a new incident (see module docstring).

    ``prior`` and ``possible_duplicates`` are lists of dicts (``incident_id``,
    ``created_at``, ``reasons``, ``distance_m`` and the keys of :data:`PRIOR_KEYS`);
    ``orders`` are her orders with ``in_force``; ``suggestions`` cases a person may link
    it to (``case_id``, ``reasons``, ``distance_m``).
    """

    id: str
    case_id: str | None = None
    beneficiary_id: str | None = None
    prior: tuple[dict[str, Any], ...] = ()
    prior_total: int = 0
    orders: tuple[dict[str, Any], ...] = ()
    risk_level: str | None = None
    last_contact: dict[str, Any] | None = None
    aggressor_names: tuple[str, ...] = ()
    repeat_within_30_days: bool = False
    possible_duplicates: tuple[dict[str, Any], ...] = ()
    suggestions: tuple[dict[str, Any], ...] = ()
    computed_at: float = 0.0

    def _coerce(self) -> IncidentHistory:
        return IncidentHistory(
            self.id, self.case_id, self.beneficiary_id, tuple(self.prior), int(self.prior_total),
            tuple(self.orders), self.risk_level, self.last_contact, tuple(self.aggressor_names),
            bool(self.repeat_within_30_days), tuple(self.possible_duplicates),
            tuple(self.suggestions), float(self.computed_at))

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (lists for tuples)."""
        data = asdict(self)
        for name in ("prior", "orders", "aggressor_names", "possible_duplicates", "suggestions"):
            data[name] = list(data[name])
        return data

    @classmethod
    def of(cls, history: History, incidents: Mapping[str, Mapping[str, Any]], at: float
           ) -> IncidentHistory:
        """The record of a computed history; ``incidents`` are the wire snapshots of the
        prior incidents and duplicates it names (for their folio, type, status…)."""
        wire = history.to_wire()

        def enrich(item: dict[str, Any]) -> dict[str, Any]:
            snap = incidents.get(item["incident_id"], {})
            return {**item, **{k: snap.get(k) for k in PRIOR_KEYS}}

        return cls(
            id=history.incident_id, case_id=wire["case_id"],
            beneficiary_id=history.case.beneficiary_id if history.case else None,
            prior=tuple(enrich(p) for p in wire["prior"]), prior_total=wire["prior_total"],
            orders=tuple(wire["orders"]), risk_level=wire["risk_level"],
            last_contact=wire["last_contact"], aggressor_names=tuple(wire["aggressor_names"]),
            repeat_within_30_days=wire["repeat_within_30_days"],
            possible_duplicates=tuple(enrich(d) for d in wire["possible_duplicates"]),
            suggestions=tuple(wire["suggestions"]), computed_at=at)
