"""The demo's case histories (``c4central serve --demo``), applied after the registry seed
(central/seed.py, which gave every demo beneficiary her case) through the paths real data
takes:

- ``cases.csv`` → ``update_case`` (birth date; the aggressor with his relationship, age
  and weapon access; an earlier, expired order beside the registry's) and, after her
  prior incidents, ``assess_risk`` with her answers: the central computes her level;
- ``prior_incidents.csv`` → closed incidents dated ``days_ago`` before now, stored with
  :meth:`~c4console.central.records.Tx.put` like any incident (her history record is
  computed, her case linked, the feed told), with their created and closed timeline
  events; a 911 call from her phone is linked to her case with ``link_incident``, and
  every prior incident gets its episode (``record_episode``).

Commands carry fixed keys (``demo-…``) and incidents fixed ids, so a demo central started
again on the same database skips what it already holds (one query each) and stays fast.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from c4console.central import schema as t
from c4console.central.records import Tx
from c4console.central.seed import Row, read_rows
from c4console.central.service import Service
from c4console.core.cases.records import Case
from c4console.core.cases.registry_link import REGISTRY_AGGRESSOR, case_id_for
from c4console.core.enums import Channel, IncidentStatus
from c4console.core.models import Beneficiary, Incident, TimelineEvent

log = logging.getLogger(__name__)

CASE_COLUMNS = ("beneficiary_id", "date_of_birth", "aggressor_name", "aggressor_relationship",
                "aggressor_age", "aggressor_weapon_access", "previous_order_number",
                "previous_order_valid_from", "previous_order_valid_until", "risk_yes",
                "risk_unknown")
PRIOR_COLUMNS = ("incident_id", "beneficiary_id", "channel", "type_code", "days_ago", "lat", "lon",
                 "caller", "disposition", "violence_types", "modalities")
DEMO_ACTOR = "demo"  # who the demo's commands are signed by (a supervisor's work)
DEMO_ROLE = "supervisor"
PREVIOUS_ORDER_AUTHORITY = "Juzgado Segundo de lo Familiar, Mexicali"
DAY_S = 86400.0
# Minutes after the alarm: acknowledged, dispatched, on scene, closed (a believable call).
_STEPS_MIN = (0.5, 2.0, 11.0, 55.0)


def _codes(cell: str) -> list[str]:
    return [c.strip() for c in cell.split(";") if c.strip()]


def _case_command(row: Row, case: Case, name: str) -> dict[str, Any]:
    """``update_case``: what cases.csv adds to the case the registry gave her."""
    weapons = {"si": True, "no": False}.get(row["aggressor_weapon_access"])
    aggressor = {"id": REGISTRY_AGGRESSOR, "name": row["aggressor_name"], "sex": "hombre",
                 "age": int(row["aggressor_age"]) if row["aggressor_age"] else None,
                 "relationship": row["aggressor_relationship"], "weapon_access": weapons}
    orders = [o.to_wire() for o in case.orders]
    if row["previous_order_number"]:
        orders.append({"number": row["previous_order_number"], "authority": PREVIOUS_ORDER_AUTHORITY,
                       "measures": ["Prohibición de acercarse a la víctima"],
                       "valid_from": row["previous_order_valid_from"],
                       "valid_until": row["previous_order_valid_until"]})
    return {"type": "update_case", "key": f"demo-case-{row['beneficiary_id']}", "case_id": case.id,
            "person": {"name": name, "sex": "mujer", "date_of_birth": row["date_of_birth"]},
            "aggressors": [aggressor], "orders": orders}


def _risk_command(row: Row, case_id: str, items: Iterable[str]) -> dict[str, Any]:
    """``assess_risk`` with her answers to every item: yes, "no sé" (null) or no."""
    yes, unknown = set(_codes(row["risk_yes"])), set(_codes(row["risk_unknown"]))
    answers = {code: True if code in yes else None if code in unknown else False for code in items}
    return {"type": "assess_risk", "key": f"demo-risk-{row['beneficiary_id']}", "case_id": case_id,
            "answers": answers, "note": "Valoración inicial (demo)"}


def _prior_incident(tx: Tx, service: Service, row: Row, beneficiary: Beneficiary,
                    device_id: str | None) -> None:
    """One closed incident of hers, ``days_ago`` before now, with its timeline. Its folio
    is of its own day, numbered from 90001 up (the live counter of a day never gets there)."""
    created = tx.now - float(row["days_ago"]) * DAY_S
    ack, dispatched, on_scene, closed = (created + m * 60 for m in _STEPS_MIN)
    day = datetime.fromtimestamp(created, service.folio_tz).strftime("%Y%m%d")
    panic = row["channel"] == Channel.PANIC_BUTTON.value
    lat, lon = float(row["lat"]), float(row["lon"])
    place = service.locate(lat, lon)
    iid = row["incident_id"]
    number = int(iid.rsplit("-", 1)[-1])
    inc = Incident(
        id=iid, folio=f"C4-{day}-9{number:04d}", type_code=row["type_code"],
        priority=service.catalogue.types[row["type_code"]].priority,
        channel=Channel(row["channel"]), status=IncidentStatus.CLOSED, created_at=created,
        lat=lat, lon=lon, live_lat=lat if panic else None, live_lon=lon if panic else None,
        live_at=created if panic else None, sector=place.sector if place else "",
        cuadrante=place.cuadrante if place else "", colonia=place.colonia if place else "",
        address=beneficiary.address, caller=row["caller"] or (beneficiary.name if panic else ""),
        beneficiary_id=beneficiary.id if panic else None, device_id=device_id if panic else None,
        acknowledged_at=ack, dispatched_at=dispatched, on_scene_at=on_scene, closed_at=closed,
        disposition=row["disposition"], updated_at=closed, owner="operadora1")
    tx.put(inc)
    tx.put(TimelineEvent(f"{iid}-created", iid, created, "created", "gateway" if panic else "operadora1",
                         row["channel"], {"lat": lat, "lon": lon}))
    tx.put(TimelineEvent(f"{iid}-closed", iid, closed, "closed", "operadora1", row["disposition"],
                         {"status": IncidentStatus.CLOSED.value}))


async def seed_demo_cases(service: Service, folder: Path) -> dict[str, int]:
    """Apply ``folder``'s cases.csv and prior_incidents.csv (see module docstring); returns
    how many commands were accepted and incidents stored this time. Files that are
    missing are skipped (logged)."""
    cases_path, prior_path = folder / "cases.csv", folder / "prior_incidents.csv"
    if not cases_path.is_file():
        log.info("demo cases: %s not found; the demo's cases keep their registry parts only",
                 cases_path)
        return {}
    rows = [r for _, r in read_rows(cases_path, CASE_COLUMNS)]
    priors = [r for _, r in read_rows(prior_path, PRIOR_COLUMNS)] if prior_path.is_file() else []
    done_keys, stored, cases, bens = await service.write(lambda tx: _state(tx, rows, priors))
    counts = {"incidents": 0, "accepted": 0, "rejected": 0}

    async def submit(commands: Iterable[dict[str, Any]]) -> None:
        todo = [c for c in commands if c["key"] not in done_keys]
        for result in await service.submit(todo, actor=DEMO_ACTOR, role=DEMO_ROLE) if todo else ():
            counts["accepted" if result.outcome == "accepted" else "rejected"] += 1
            if result.outcome == "rejected":
                log.warning("demo cases: %s rejected: %s", result.key, result.message)

    await submit(_case_command(r, cases[r["beneficiary_id"]], bens[r["beneficiary_id"]].name)
                 for r in rows if r["beneficiary_id"] in cases)
    missing = sorted((r for r in priors if r["incident_id"] not in stored and r["beneficiary_id"] in bens),
                     key=lambda r: -float(r["days_ago"]))  # oldest first, as they happened
    if missing:
        def store(tx: Tx) -> None:
            for row in missing:
                ben = bens[row["beneficiary_id"]]
                _prior_incident(tx, service, row, ben, _device_of(tx, ben.id))
        await service.write(store)
        counts["incidents"] = len(missing)
    await submit({"type": "link_incident", "key": f"demo-link-{r['incident_id']}",
                  "case_id": case_id_for(r["beneficiary_id"]), "incident_id": r["incident_id"]}
                 for r in priors if r["channel"] != Channel.PANIC_BUTTON.value)
    items = list(service.case_catalogues.risk.items)
    await submit(_risk_command(r, case_id_for(r["beneficiary_id"]), items) for r in rows)
    await submit({"type": "record_episode", "key": f"demo-episode-{r['incident_id']}",
                  "case_id": case_id_for(r["beneficiary_id"]), "incident_id": r["incident_id"],
                  "types": _codes(r["violence_types"]), "modalities": _codes(r["modalities"]),
                  "aggressor_ids": [REGISTRY_AGGRESSOR]} for r in priors)
    log.info("demo cases: %d commands accepted, %d rejected, %d prior incidents stored",
             counts["accepted"], counts["rejected"], counts["incidents"])
    return counts


def _state(tx: Tx, rows: list[Row], priors: list[Row]
           ) -> tuple[set[str], set[str], dict[str, Case], dict[str, Beneficiary]]:
    """What the database holds already: the demo's command keys, prior incident ids, her
    case and registry record by beneficiary id (one query each)."""
    conn = tx.conn
    keys = set(conn.execute(select(t.command_log.c.key).where(t.command_log.c.key.like("demo-%")))
               .scalars())
    ids = [r["incident_id"] for r in priors]
    stored = set(conn.execute(select(t.incidents.c.id).where(t.incidents.c.id.in_(ids))).scalars()) \
        if ids else set()
    bids = sorted({r["beneficiary_id"] for r in rows} | {r["beneficiary_id"] for r in priors})
    cases = {c.beneficiary_id: c for c in (Case.from_wire(d) for (d,) in conn.execute(
        select(t.cases.c.data).where(t.cases.c.id.in_([case_id_for(b) for b in bids]))))}
    bens = {b.id: b for b in (Beneficiary.from_wire(d) for (d,) in conn.execute(
        select(t.beneficiaries.c.data).where(t.beneficiaries.c.id.in_(bids))))}
    return keys, stored, cases, bens


def _device_of(tx: Tx, beneficiary_id: str) -> str | None:
    tx.flush()
    return tx.conn.execute(select(t.devices.c.id).where(
        t.devices.c.beneficiary_id == beneficiary_id, t.devices.c.kind == "panic")).scalar()
