"""The BANAVIM export at the central: the records of the marked cases (one per marked
case or episode), split into the complete ones and those left out with their missing
fields. Shared by ``GET /api/v1/banavim/export`` and ``c4central banavim export``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from sqlalchemy import Engine, select

from c4console.central import schema as t
from c4console.central.banavim.store import case_timeline, registrations
from c4console.core.banavim.export import LeftOut, split_complete
from c4console.core.banavim.field_map import FieldSpec
from c4console.core.banavim.record import build_record
from c4console.core.cases.case_catalogues import CaseCatalogues
from c4console.core.cases.records import Case


@dataclass
class ExportResult:
    """What an export produced: the complete records, those left out (and why), and
    whether a case asked for exists and is marked."""

    records: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    case_found: bool = True
    marked: bool = True


def export_records(engine: Engine, catalogues: CaseCatalogues, field_map: tuple[FieldSpec, ...],
                   tz: tzinfo, case_id: str | None = None) -> ExportResult:
    """The records of ``case_id``'s registrations (any, registered or not), or of every
    marked case not yet registered (``case_id`` None)."""
    with engine.connect() as conn:
        if case_id is not None:
            exists = conn.execute(select(t.cases.c.id).where(t.cases.c.id == case_id)).scalar()
            if exists is None:
                return ExportResult(case_found=False, marked=False)
        marked = registrations(conn, case_id, unregistered_only=case_id is None)
        if case_id is not None and not marked:
            return ExportResult(marked=False)
        wanted = sorted({r.case_id for r in marked})
        cases = {c.id: c for c in (Case.from_wire(d) for (d,) in conn.execute(
            select(t.cases.c.data).where(t.cases.c.id.in_(wanted))))} if wanted else {}
        timelines = {cid: case_timeline(conn, cid) for cid in cases}
    built = [build_record(cases[r.case_id], timelines[r.case_id], catalogues, r.incident_id,
                          tz=tz) for r in marked if r.case_id in cases]
    complete, left_out = split_complete(built, field_map)
    return ExportResult(complete, left_out)
