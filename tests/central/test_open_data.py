"""The open-data export (issue 14) through a real central, on SQLite and PostgreSQL:
incidents made through the commands in four colonias over three months — one woman the
only incident of Loma Linda in February, Pueblo Nuevo with exactly 5 in March, Centro's
February the only small cell of its row. The attacker knows her colonia and month and
reads the export (HTTP CSV and JSON, and the command line): her cell is "<5", no row or
column total recovers it, and nothing personal (name, phone, address, coordinates, folio,
incident or case id) is anywhere in the bytes. Operators may not read it; reads are
audited; bad input is refused."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from sqlalchemy import create_engine, select

from c4console.central.audit import audit_log
from c4console.central.cli import main as c4central
from c4console.core.geo import Jurisdiction
from tests.central import report_seeds as seeds
from tests.central.helpers import client, get_json, running_central
from tests.core.statistics.attacker import csv_rows, published_grid, unrecoverable


def _square(colonia: str, n: int) -> dict[str, Any]:
    south, west, size = 32.60, -115.50 + 0.02 * n, 0.02
    ring = [[west, south], [west + size, south], [west + size, south + size],
            [west, south + size], [west, south]]
    return {"type": "Feature", "properties": {"sector": "S1", "cuadrante": f"S1-{n}",
                                              "colonia": colonia},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


COLONIAS = ("Centro", "Loma Linda", "Pueblo Nuevo", "Robledo", "Sin Incidentes")
GEOJSON = {"type": "FeatureCollection", "features": [_square(c, n) for n, c in enumerate(COLONIAS)]}
# Incidents per colonia in January, February, March 2026 (Robledo's March, 4, keeps March's
# column from needing a complement: otherwise Pueblo Nuevo's 5, its smallest, would be it).
GRID = {"Centro": (12, 3, 20), "Pueblo Nuevo": (6, 7, 5), "Loma Linda": (8, 1, 9),
        "Robledo": (5, 6, 4)}
HER = {"name": "Ximena Única Roldán", "phone": "6865550101", "address": "Privada Los Olivos 77",
       "lat": 32.6111, "lon": -115.4777}  # in Loma Linda (square 1)
MONTHS = ("2026-01", "2026-02", "2026-03")


def point_in(colonia: str, k: int) -> tuple[float, float]:
    n = COLONIAS.index(colonia)
    return 32.605 + 0.0001 * (k % 50), -115.495 + 0.02 * n + 0.0001 * (k // 50)


def month_at(month: int, k: int) -> float:
    """A moment of ``month`` (1–3) of 2026 in the C4's time zone, spread over its days."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    start = datetime(2026, month, 1, tzinfo=ZoneInfo(seeds.TZ))
    return (start + timedelta(days=k % 27, hours=8 + k % 12)).timestamp()


async def build(c, clock: seeds.Clock) -> list[str]:
    """Every incident of GRID through ``create_incident``; her one with her name, number
    and address. Returns the personal values written (folios and ids included)."""
    personal = [HER["name"], HER["phone"], HER["address"], str(HER["lat"]), str(HER["lon"])]
    k = 0
    for colonia, row in GRID.items():
        for month, n in enumerate(row, start=1):
            for _ in range(n if (colonia, month) != ("Loma Linda", 2) else 0):
                k += 1
                lat, lon = point_in(colonia, k)
                await seeds.submit(c.service, clock, month_at(month, k), "operadora1", "operator", [
                    {"type": "create_incident", "incident_id": f"inc-{k:03d}", "channel": "phone",
                     "lat": lat, "lon": lon, "caller": f"68600{k:05d}",
                     "address": f"Calle {k} de {colonia}"}])
    results = await seeds.submit(c.service, clock, month_at(2, 3), "operadora1", "operator", [
        {"type": "create_incident", "incident_id": "inc-ella", "channel": "whatsapp",
         "lat": HER["lat"], "lon": HER["lon"], "caller": f"{HER['name']} {HER['phone']}",
         "address": HER["address"]}])
    await seeds.submit(c.service, clock, month_at(2, 3) + 600, "supervisora1", "supervisor", [
        {"type": "open_case", "case_id": "case-ella", "incident_id": "inc-ella",
         "person": {"name": HER["name"], "sex": "mujer", "date_of_birth": "1991-02-03"}}])
    with c.service.engine.connect() as conn:
        from c4console.central import schema as t

        (data,) = conn.execute(select(t.incidents.c.data).where(t.incidents.c.id == "inc-ella")).scalars()
    assert data["colonia"] == "Loma Linda", data
    assert results
    return [*personal, "inc-ella", "case-ella", data["folio"]]


def check_export(rows: list[list[Any]]) -> None:
    grid = published_grid(rows)
    assert {m for m, _ in grid} == set(MONTHS) and {c for _, c in grid} == set(COLONIAS)
    # Her cell: "<5" — the same as a colonia with no incident at all ("Sin Incidentes").
    assert grid[("2026-02", "Loma Linda")] == "<5"
    assert {grid[(m, "Sin Incidentes")] for m in MONTHS} == {"<5"}
    assert str(grid[("2026-03", "Pueblo Nuevo")]) == "5"  # exactly 5 is published
    assert grid[("2026-02", "Centro")] == "<5"
    # Centro's row would give its February away (row total − 12 − 20): January goes too.
    assert grid[("2026-01", "Centro")] == "<5" and str(grid[("2026-03", "Centro")]) == "20"
    assert unrecoverable(grid) == [], unrecoverable(grid)


def check_nothing_personal(data: bytes, personal: list[str]) -> None:
    """None of her values in the bytes, and every cell one of what may be published: a
    month, a colonia of the jurisdiction, a count or "<5" (so no other woman's either)."""
    text = data.decode("utf-8-sig")
    for value in personal:
        assert value not in text, value
    for word in ("inc-", "case-", "folio", "lat", "calle", "privada"):
        assert word not in text.lower().replace("colonia", ""), word
    rows = csv_rows(data) if not text.startswith("{") else json.loads(text)["rows"]
    for month, colonia, value in rows:
        assert month in MONTHS and colonia in COLONIAS, (month, colonia)
        assert value == "<5" or int(value) >= 5, value


def test_the_attacker_cannot_confirm_her_from_the_export(tmp_path, db_url):
    async def main():
        jurisdiction = Jurisdiction.from_geojson(GEOJSON)
        async with running_central(tmp_path, db_url, seed=False, jurisdiction=jurisdiction) as c:
            real_clock, clock = c.service.clock, seeds.Clock(0.0)
            c.service.clock = clock
            personal = await build(c, clock)
            c.service.clock = real_clock
            api = c.api_url
            url = f"{api}/api/v1/reports/open-data"
            async with client(api, "supervisora1") as sup, client(api) as op, \
                    client(api, "admin1") as adm:
                async with sup.get(f"{url}?from=2026-01&to=2026-03-15") as r:
                    body = await r.read()
                    assert r.status == 200 and r.content_type == "text/csv", body[:200]
                    assert "datos_abiertos_2026-01_2026-03.csv" in r.headers["Content-Disposition"]
                check_export(csv_rows(body))
                check_nothing_personal(body, personal)
                async with adm.get(f"{url}?from=2026-01&to=2026-03&format=json") as r:
                    doc_bytes = await r.read()
                    assert r.status == 200
                doc = json.loads(doc_bytes)
                assert doc["columns"] == ["mes", "colonia", "incidentes"] and doc["threshold"] == 5
                check_export(doc["rows"])
                check_nothing_personal(doc_bytes, personal)
                # One month alone: her cell is still "<5" (rows of one cell: no row rule).
                async with sup.get(f"{url}?from=2026-02&to=2026-02") as r:
                    feb = published_grid(csv_rows(await r.read()))
                assert feb[("2026-02", "Loma Linda")] == "<5" and unrecoverable(feb) == []
                await get_json(op, url, status=403)
                for query, reason in (("from=2026-03&to=2026-01", "bad_period"),
                                      ("from=2020-01&to=2026-01", "bad_period"),
                                      ("from=2026-01&to=2026-03&format=xlsx", "bad_format")):
                    assert (await get_json(sup, f"{url}?{query}", status=400))["reason"] == reason
                audit = await get_json(adm, f"{api}/api/v1/audit?action=reports.open_data.read&limit=50")
                outcomes = sorted(e["outcome"] for e in audit["entries"])
                assert outcomes == ["accepted"] * 3 + ["refused"] * 4, outcomes
            return personal

    personal = asyncio.run(main())
    # The command line: the same CSV, the jurisdiction's colonias as rows.
    geo = tmp_path / "cuadrantes.geojson"
    geo.write_text(json.dumps(GEOJSON), encoding="utf-8")
    out = tmp_path / "abiertos.csv"
    db = db_url or f"sqlite:///{tmp_path / 'central.sqlite'}"
    assert c4central(["open-data", "--db", db, "--jurisdiction", str(geo),
                      "--from", "2026-01", "--to", "2026-03", "--out", str(out)]) == 0
    check_export(csv_rows(out.read_bytes()))
    check_nothing_personal(out.read_bytes(), personal)
    assert c4central(["open-data", "--db", db, "--from", "2026-01", "--to", "2026-03",
                      "--format", "pdf", "--out", str(tmp_path / "no.pdf")]) == 2
    assert not (tmp_path / "no.pdf").exists()
    engine = create_engine(db)
    with engine.connect() as conn:
        entries = conn.execute(select(audit_log.c.outcome).where(
            audit_log.c.action == "reports.open_data").order_by(audit_log.c.seq)).scalars().all()
    engine.dispose()
    assert entries == ["accepted", "refused"]
