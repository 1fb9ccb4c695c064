"""Cases in the central's database: the ``case_keys`` index kept with each case, and the
look-ups that find the cases an incident or a new case may belong to (all indexed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from c4console.central import schema as t
from c4console.central.lookup_columns import person_key
from c4console.core.cases.grid import cell_key, cell_of, cells_around
from c4console.core.cases.identity_keys import number_key
from c4console.core.cases.records import Case


def case_key_rows(case: Case) -> list[dict[str, str]]:
    """The case_keys rows of a case: its numbers, devices, incidents and address cells."""
    keys: set[tuple[str, str]] = set()
    keys |= {("number", k) for k in map(number_key, case.numbers()) if k}
    keys |= {("device", d) for d in case.device_ids}
    keys |= {("incident", i) for i in case.incident_ids}
    keys |= {("cell", cell_key(cell_of(a.lat, a.lon))) for a in case.addresses  # type: ignore[arg-type]
             if a.has_point}
    return [{"kind": k, "key": v[:80], "case_id": case.id} for k, v in sorted(keys)]


def index_case(conn: Connection, case: Case) -> None:
    """Replace a case's rows in case_keys (in the transaction that stores the case)."""
    conn.execute(delete(t.case_keys).where(t.case_keys.c.case_id == case.id))
    rows = case_key_rows(case)
    if rows:
        conn.execute(insert(t.case_keys), rows)


def _load(conn: Connection, where: Any) -> list[Case]:
    return [Case.from_wire(data) for (data,) in conn.execute(select(t.cases.c.data).where(where))]


def cases_by_keys(conn: Connection, keys: Iterable[tuple[str, str]]) -> list[Case]:
    """The cases holding any of these (kind, key) pairs."""
    by_kind: dict[str, set[str]] = {}
    for kind, key in keys:
        by_kind.setdefault(kind, set()).add(key)
    if not by_kind:
        return []
    # One "kind = ? AND key IN (...)" per kind: SQLite does not search an index with a
    # row-value IN ((kind, key), ...) and scanned every key of every case instead.
    ids: set[str] = set()
    for kind, wanted in sorted(by_kind.items()):
        ids.update(conn.execute(select(t.case_keys.c.case_id).where(
            t.case_keys.c.kind == kind, t.case_keys.c.key.in_(sorted(wanted)))).scalars())
    return _load(conn, t.cases.c.id.in_(sorted(ids))) if ids else []


def case_of_beneficiary(conn: Connection, beneficiary_id: str) -> Case | None:
    """Her case (the live one) by her registry id."""
    found = [c for c in _load(conn, t.cases.c.beneficiary_id == beneficiary_id) if not c.merged_into]
    return found[0] if found else None


def cases_of_incident(conn: Connection, incident_id: str, beneficiary_id: str | None) -> list[Case]:
    """The cases an incident is part of: confirmed links and her registry case."""
    found = {c.id: c for c in cases_by_keys(conn, [("incident", incident_id)])}
    if beneficiary_id:  # a second query: an OR of the two made SQLite scan every case
        found.update({c.id: c for c in _load(conn, t.cases.c.beneficiary_id == beneficiary_id)})
    return list(found.values())


def duplicate_candidates(conn: Connection, case: Case) -> list[Case]:
    """Cases that may be the same person: same name and birth date, or a shared number."""
    key = person_key(case.person.name, case.person.date_of_birth)
    numbers = [("number", k) for k in map(number_key, case.numbers()) if k]
    found = {c.id: c for c in cases_by_keys(conn, numbers)}
    if key:
        found.update({c.id: c for c in _load(conn, t.cases.c.person_key == key)})
    return list(found.values())


def cases_near(conn: Connection, lat: float, lon: float, radius_m: float) -> list[Case]:
    """Cases with an address in a grid cell that may be within ``radius_m`` of the point
    (the exact distance is checked by core.cases.matching)."""
    return cases_by_keys(conn, [("cell", cell_key(c)) for c in cells_around(lat, lon, radius_m)])
