"""The demo's protection order with an aggressor's tracker (``c4central serve --demo``):
for each row of ``aggressors.csv``, her order's exclusion zone around her home (a circle)
and the distance to keep from her, with his tracker, through ``set_exclusion_zones`` like a
supervisor's command. The demo simulator drives that tracker towards her home
(c4console/demo/aggressor.py). The key is fixed: a second start adds nothing."""

from __future__ import annotations

import logging
from pathlib import Path

from c4console.central.seed import read_rows
from c4console.central.service import Service
from c4console.core.cases.registry_link import case_id_for

log = logging.getLogger(__name__)

COLUMNS = ("beneficiary_id", "device_id", "device_model", "zone_radius_m", "keep_away_m")
ACTOR, ROLE = "demo", "supervisor"


async def seed_demo_zones(service: Service, folder: Path) -> int:
    """Set the zones of each row's order; returns how many were accepted now."""
    path = folder / "aggressors.csv"
    if not path.is_file():
        return 0
    rows = read_rows(path, COLUMNS)
    commands = []
    for _, row in rows:
        ben = await service.write(lambda tx, b=row["beneficiary_id"]: tx.get("beneficiary", b))
        if ben is None or not ben.order_number:
            log.warning("aggressors.csv: beneficiary %s has no protection order; no zones",
                        row["beneficiary_id"])
            continue
        commands.append({
            "key": f"demo-zones-{row['beneficiary_id']}", "type": "set_exclusion_zones",
            "id": f"zones-{row['beneficiary_id']}", "case_id": case_id_for(row["beneficiary_id"]),
            "order_number": ben.order_number, "aggressor_device_id": row["device_id"],
            "aggressor_model": row["device_model"], "keep_away_m": float(row["keep_away_m"]),
            "zones": [{"id": "casa", "place": "home", "label": "Domicilio",
                       "radius_m": float(row["zone_radius_m"])}]})
    results = await service.submit(commands, actor=ACTOR, role=ROLE) if commands else []
    for r in results:
        if r.outcome == "rejected":
            log.warning("demo zones %s refused: %s", r.key, r.message)
    return sum(r.outcome == "accepted" for r in results)
