"""The query columns kept beside an incident's or a case's JSON snapshot for the case
area's look-ups (her history, duplicates): computed from the wire dict, shared by the
write path (central/records.py) and migration 0007's backfill."""

from __future__ import annotations

from typing import Any

from c4console.core.cases.grid import cell_key, cell_of
from c4console.core.cases.identity_keys import looks_like_number, name_key, number_key


def incident_lookup_columns(data: dict[str, Any]) -> dict[str, Any]:
    """beneficiary_id, caller_key (the caller as a number, "" if not one), the point
    (confirmed, else live), its grid cell (the "within N metres" look-up) and created_at
    of an incident."""
    caller = data.get("caller") or ""
    lat, lon = data.get("lat"), data.get("lon")
    if lat is None or lon is None:
        lat, lon = data.get("live_lat"), data.get("live_lon")
    return {"beneficiary_id": data.get("beneficiary_id"),
            "caller_key": number_key(caller) if looks_like_number(caller) else "",
            "lat": lat, "lon": lon,
            "cell": cell_key(cell_of(lat, lon)) if lat is not None and lon is not None else None,
            "created_at": data.get("created_at")}


# A device's test activation at delivery (central/device_test_mode.py), as each database
# reads the flag from the snapshot: the predicate of migration 0024's index of them
# (ix_incidents_tests) and the observatory's term that index must match — the same text,
# or the planner cannot tell the term is the index's. The database evaluates it on every
# write of a device's incident, so it must never fail: a comparison, not a cast.
TEST_FLAG_SQL = {"sqlite": "json_extract(data, '$.test') = 1",
                 "postgresql": "(data ->> 'test') = 'true'"}


def incident_cuadrante(data: dict[str, Any]) -> str | None:
    """The cuadrante an incident is filed in, from its wire dict (None if none): the
    ``incidents.cuadrante`` column the observatory groups by — set by the write path
    (central/records.py) on every save and by migration 0024's backfill."""
    code = data.get("cuadrante")
    return str(code) if code not in (None, "") else None


def person_key(name: str, date_of_birth: str) -> str:
    """name_key|birth date: two cases with the same one are the same person ("" without a
    birth date: a name alone is not enough)."""
    return f"{name_key(name)}|{date_of_birth}"[:240] if date_of_birth and name.strip() else ""


def case_columns(data: dict[str, Any]) -> dict[str, Any]:
    """beneficiary_id, person_key and updated_at of a case."""
    person = data.get("person") or {}
    return {"beneficiary_id": data.get("beneficiary_id"),
            "person_key": person_key(person.get("name", ""), person.get("date_of_birth", "")),
            "updated_at": data.get("updated_at") or data.get("created_at") or 0.0}


def call_columns(data: dict[str, Any]) -> dict[str, Any]:
    """status, incident_id, the caller's number as a number_key and answered_at of a call."""
    number = data.get("number") or ""
    return {"status": data["status"], "incident_id": data.get("incident_id"),
            "number_key": number_key(number) if looks_like_number(number) else "",
            "answered_at": data["answered_at"]}
