"""The ``banavim_registration`` feed record (pure): a case (or one episode of it) marked
for BANAVIM registration and, once registered there, BANAVIM's folio and date; and the
count of registered expedientes for the statistics."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from c4console.core.wire import _Wire


def registration_id(case_id: str, incident_id: str | None) -> str:
    """The one registration id of a case's episode (or of the case, no episode): marking
    it twice finds the same record."""
    digest = hashlib.sha256(f"{case_id}\0{incident_id or ''}".encode()).hexdigest()
    return f"banavim-{digest[:32]}"


@dataclass(frozen=True, slots=True)
class BanavimRegistration(_Wire):
    """A case marked for BANAVIM: ``incident_id`` the episode (None: her latest episode
    when exported). ``folio`` is BANAVIM's, ``registered_on`` the day BANAVIM registered
    it (``YYYY-MM-DD``), ``registered_at``/``registered_by`` when and by whom the folio was
    recorded here; all empty until then."""

    id: str
    case_id: str
    marked_by: str
    marked_at: float
    incident_id: str | None = None
    folio: str = ""
    registered_on: str = ""
    registered_at: float | None = None
    registered_by: str = ""

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)

    @property
    def registered(self) -> bool:
        """True once BANAVIM's folio is recorded."""
        return bool(self.folio)


def count_registered(registrations: Iterable[BanavimRegistration],
                     period: tuple[date, date]) -> int:
    """Expedientes registered in BANAVIM whose registration day falls in ``period``
    (first and last day, both included). BANAVIM counts one expediente per episode, so a
    woman with two registered episodes counts twice."""
    first, last = period
    return sum(1 for r in registrations
               if r.registered and r.registered_on
               and first <= date.fromisoformat(r.registered_on) <= last)
