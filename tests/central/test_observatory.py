"""The observatory (issue 14) through a real central on SQLite and PostgreSQL: incidents
created by the central's own commands at known moments of March 2026 (C4 time) in known
cuadrantes of the shipped Mexicali jurisdiction, one filed with no place, a device's
test activation left out (its record marked as the central marks one), one just outside
the period, her case assessed *alto* on one of them. Over HTTP: every count, the
colonias' ranking, the hour × weekday cell of an incident of 31 March 23:30 (already
1 April in UTC), the months, each filter, the refusals, the 403 for an operator and a
shift lead, the audit; the posters PDF for the top three colonias' sectors; the command
line's json, geojson and csv."""

from __future__ import annotations

import asyncio
import csv
import json
import shutil
import subprocess
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, select

from c4console.central import schema
from c4console.central.audit import audit_log
from c4console.central.cli import main as c4central
from c4console.resources import load_jurisdiction
from tests.central import report_seeds as seeds
from tests.central.helpers import client, get_json, running_central

TZ = seeds.TZ
MARCH = "from=2026-03-01&to=2026-03-31"
MEXICALI = load_jurisdiction()
# Points inside four cuadrantes (checked below against the jurisdiction itself).
PLACES = {"S6-C3": (32.5948, -115.4157), "S1-C2": (32.6547, -115.4897),
          "S3-C3": (32.6350, -115.4150), "S4-C1": (32.6146, -115.5148)}
COLONIAS = {"S6-C3": "Santa Isabel", "S1-C2": "Centro", "S3-C3": "Libertad",
            "S4-C1": "Industrial"}
# (cuadrante or None, day, hour, minute, channel, type) — March 2026, C4 time.
INCIDENTS = [
    *[("S6-C3", 2 + n, 9, 0, "whatsapp", "30502") for n in range(3)],
    *[("S6-C3", 9 + n, 21, 0, "call_911", "30503") for n in range(2)],   # S6-C3: 5
    *[("S1-C2", 16 + n, 14, 0, "call_911", "30503") for n in range(3)],  # S1-C2: 4
    ("S1-C2", 31, 23, 30, "phone", "30702"),
    *[("S3-C3", 20 + n, 3, 0, "whatsapp", "30502") for n in range(2)],   # S3-C3: 2
    ("S4-C1", 25, 12, 0, "walk_in", "31002"),                           # S4-C1: 1
    (None, 26, 12, 0, "phone", "30503"),                                # no place
]
TOTAL = len(INCIDENTS)  # 13
TEST_DEVICE = "861234560000042"  # a test activation is always a device's


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> float:
    return datetime(2026, month, day, hour, minute, tzinfo=ZoneInfo(TZ)).timestamp()


async def build(service) -> dict[str, str]:
    """The fixture's incidents through the central's commands; returns ids by role."""
    clock = seeds.Clock(0.0)
    real_clock, service.clock = service.clock, clock
    ids: dict[str, str] = {}
    try:
        for n, (code, day, hour, minute, channel, type_code) in enumerate(INCIDENTS):
            iid = f"obs-{n}"
            point = dict(zip(("lat", "lon"), PLACES[code], strict=True)) if code else {}
            await seeds.submit(service, clock, at(day, hour, minute), "operadora1", "operator", [
                {"type": "create_incident", "incident_id": iid, "channel": channel,
                 "type_code": type_code, **point}])
            ids.setdefault(code or "none", iid)
        # Outside the period: 1 April 00:30 in Mexicali.
        await seeds.submit(service, clock, at(1, 0, 30, month=4), "operadora1", "operator", [
            {"type": "create_incident", "incident_id": "obs-april", "channel": "whatsapp",
             "type_code": "30502", "lat": PLACES["S6-C3"][0], "lon": PLACES["S6-C3"][1]}])
        # Her case, opened from her first incident in S1-C2 and assessed alto.
        await seeds.submit(service, clock, at(20, 10), "supervisora1", "supervisor", [
            {"type": "open_case", "case_id": "case-obs", "incident_id": ids["S1-C2"],
             "person": {"name": "Persona de prueba"}},
            {"type": "assess_risk", "case_id": "case-obs", "answers": {"estrangulamiento": True}}])
        # A device's test activation at delivery (marked as the central marks it): not
        # an incident of the observatory.
        await seeds.submit(service, clock, at(12, 10), "operadora1", "operator", [
            {"type": "create_incident", "incident_id": "obs-test", "channel": "panic_button",
             "lat": PLACES["S6-C3"][0], "lon": PLACES["S6-C3"][1]}])
    finally:
        service.clock = real_clock
    table = schema.incidents
    with service.engine.begin() as conn:
        data = conn.execute(select(table.c.data).where(table.c.id == "obs-test")).scalar_one()
        conn.execute(table.update().where(table.c.id == "obs-test").values(
            data={**data, "test": True, "device_id": TEST_DEVICE}, device_id=TEST_DEVICE))
    return ids


def test_the_fixture_points_are_in_their_cuadrantes():
    for code, (lat, lon) in PLACES.items():
        found = MEXICALI.locate(lat, lon)
        assert found is not None and found.cuadrante == code and found.colonia == COLONIAS[code]


def test_observatory_over_http_every_count_filter_refusal_and_role(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, seed=False, jurisdiction=MEXICALI,
                                   timezone=TZ) as c:
            await build(c.service)
            api = c.api_url
            url = f"{api}/api/v1/observatory"
            async with client(api, "supervisora1") as sup, client(api, "admin1") as adm, \
                    client(api) as op, client(api, "jefe1") as lead:
                obs = await get_json(sup, f"{url}?{MARCH}")
                assert obs["period"] == {"from": "2026-03-01", "to": "2026-03-31", "tz": TZ}
                assert obs["total"] == TOTAL and obs["unplaced"] == 1
                counts = {c["cuadrante"]: c["count"] for c in obs["cuadrantes"]}
                assert len(counts) == 24 and sum(counts.values()) == TOTAL - 1
                assert {k: v for k, v in counts.items() if v} == {
                    "S6-C3": 5, "S1-C2": 4, "S3-C3": 2, "S4-C1": 1}
                row = next(c for c in obs["cuadrantes"] if c["cuadrante"] == "S6-C3")
                assert row == {"cuadrante": "S6-C3", "sector": "S6", "colonia": "Santa Isabel",
                               "count": 5}
                assert obs["colonias"] == [
                    {"colonia": "Santa Isabel", "sector": "S6", "count": 5, "rank": 1},
                    {"colonia": "Centro", "sector": "S1", "count": 4, "rank": 2},
                    {"colonia": "Libertad", "sector": "S3", "count": 2, "rank": 3},
                    {"colonia": "Industrial", "sector": "S4", "count": 1, "rank": 4}]
                # Heat: the ~110 m cells' centres, never the points given.
                heat = {(lat, lon): w for lat, lon, w in obs["heat"]}
                assert sorted(heat.values()) == [1, 2, 4, 5]
                assert (32.5945, -115.4155) in heat and heat[(32.5945, -115.4155)] == 5
                assert not set(heat) & set(PLACES.values())
                grid = obs["hour_weekday"]
                assert len(grid) == 7 and {len(r) for r in grid} == {24}
                assert sum(map(sum, grid)) == TOTAL
                # 31 March 2026 23:30 in Mexicali (a Tuesday) is 1 April 06:30 UTC.
                assert grid[1][23] == 1 and grid[2][6] == 0
                assert grid[0][9] == 1  # 2 March, a Monday, 9 h (the first WhatsApp)
                assert obs["months"] == [{"month": "2026-03", "count": TOTAL}]
                assert (await get_json(adm, f"{url}?{MARCH}")) == obs
                # Two months: April's incident in its own month.
                both = await get_json(sup, f"{url}?from=2026-03-01&to=2026-04-30")
                assert both["months"] == [{"month": "2026-03", "count": TOTAL},
                                          {"month": "2026-04", "count": 1}]
                # Each filter.
                for query, total, by in (
                        ("type=30503", 6, {"S6-C3": 2, "S1-C2": 3}),
                        ("channel=whatsapp", 5, {"S6-C3": 3, "S3-C3": 2}),
                        ("channel=phone&channel=walk_in", 3, {"S1-C2": 1, "S4-C1": 1}),
                        ("type=30502,31002&channel=whatsapp,walk_in", 6,
                         {"S6-C3": 3, "S3-C3": 2, "S4-C1": 1}),
                        ("risk=alto", 1, {"S1-C2": 1}),
                        ("risk=medio,extremo", 0, {})):
                    got = await get_json(sup, f"{url}?{MARCH}&{query}")
                    assert got["total"] == total, (query, got["total"])
                    assert {c["cuadrante"]: c["count"] for c in got["cuadrantes"]
                            if c["count"]} == by, query
                # Bad input: clear answers naming what was wrong.
                for query, reason, words in (
                        ("from=2026-03-31&to=2026-03-01", "bad_period", "before it starts"),
                        ("from=2020-01-01&to=2025-06-01", "bad_period", "over 5 years"),
                        ("from=2026-13-01&to=2026-12-31", "bad_period", "not a date"),
                        (f"{MARCH}&type=99999", "bad_type", "'99999'"),
                        (f"{MARCH}&channel=fax", "bad_channel", "'fax'"),
                        (f"{MARCH}&risk=altisimo", "bad_risk", "'altisimo'")):
                    body = await get_json(sup, f"{url}?{query}", status=400)
                    assert body["reason"] == reason and words in body["error"], body
                # Not for operators or shift leads.
                for s in (op, lead):
                    body = await get_json(s, f"{url}?{MARCH}", status=403)
                    assert body["reason"] == "forbidden"
                    async with s.get(f"{url}/posters.pdf?sectors=S6&phone=%2B526861234567") as r:
                        assert r.status == 403
                # The posters of the top three colonias' sectors: one page each.
                top = ",".join(c["sector"] for c in obs["colonias"][:3])
                async with sup.get(f"{url}/posters.pdf",
                                   params={"sectors": top, "phone": "+526861234567"}) as r:
                    assert r.status == 200 and r.content_type == "application/pdf"
                    pdf = await r.read()
                async with sup.get(f"{url}/posters.pdf",
                                   params={"sectors": "S9", "phone": "+526861234567"}) as r:
                    assert r.status == 400 and (await r.json())["reason"] == "bad_sector"
                async with sup.get(f"{url}/posters.pdf",
                                   params={"sectors": "S1", "phone": "no"}) as r:
                    assert r.status == 400 and (await r.json())["reason"] == "bad_phone"
                audit = await get_json(adm, f"{api}/api/v1/audit?action=observatory.read&limit=50")
                outcomes = [e["outcome"] for e in audit["entries"]]
                assert outcomes.count("refused") == 8 and outcomes.count("accepted") == 9
                posters = await get_json(adm, f"{api}/api/v1/audit?action=observatory.posters")
                assert sorted(e["outcome"] for e in posters["entries"]) == [
                    "accepted", "refused", "refused", "refused", "refused"]
        return pdf

    pdf = asyncio.run(main())
    path = tmp_path / "carteles.pdf"
    path.write_bytes(pdf)
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = text.split("\f")
    assert [next(ln for ln in p.splitlines() if "Sector" in ln).split()[1]
            for p in pages if "Sector" in p] == ["S6", "S1", "S3"]


def test_the_command_line_writes_json_geojson_and_csv(tmp_path):
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"

    async def main():
        async with running_central(tmp_path, db, seed=False, jurisdiction=MEXICALI,
                                   timezone=TZ) as c:
            await build(c.service)

    asyncio.run(main())
    common = ["observatory", "--db", db, "--from", "2026-03-01", "--to", "2026-03-31"]
    out = tmp_path / f"obs-{uuid.uuid4().hex[:6]}"
    assert c4central([*common, "--format", "json", "--out", str(out / "o.json")]) == 0
    obs = json.loads((out / "o.json").read_text(encoding="utf-8"))
    assert obs["total"] == TOTAL and obs["colonias"][0]["colonia"] == "Santa Isabel"
    assert c4central([*common, "--channel", "call_911", "--format", "geojson",
                      "--out", str(out / "o.geojson")]) == 0
    geo = json.loads((out / "o.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 24
    props = {f["properties"]["cuadrante"]: f["properties"] for f in geo["features"]}
    assert props["S6-C3"]["count"] == 2 and props["S1-C2"]["count"] == 3
    assert props["S1-C2"]["rank"] == 1 and props["S3-C3"]["count"] == 0
    assert geo["features"][0]["geometry"]["type"] == "Polygon"
    assert geo["properties"]["filters"]["channels"] == ["call_911"]
    assert c4central([*common, "--format", "csv", "--out", str(out / "o.csv")]) == 0
    with open(out / "o.csv", encoding="utf-8") as f:
        table = list(csv.reader(f))
    assert table[0] == ["cuadrante", "sector", "colonia", "incidentes", "rango_colonia"]
    assert ["S4-C1", "S4", "Industrial", "1", "4"] in table and len(table) == 25
    # Bad input: exit 2, nothing written.
    for argv in (["--format", "pdf"], ["--risk", "altisimo", "--format", "json"],
                 ["--from", "2026-03-31", "--to", "2026-03-01", "--format", "json"]):
        bad = tmp_path / "no.json"
        assert c4central([*common, "--out", str(bad), *argv]) == 2
        assert not bad.exists()
    engine = create_engine(db)
    with engine.connect() as conn:
        entries = conn.execute(select(audit_log.c.outcome, audit_log.c.detail).where(
            audit_log.c.action == "observatory").order_by(audit_log.c.seq)).all()
    engine.dispose()
    assert [(o, d.get("reason", d.get("format"))) for o, d in entries] == [
        ("accepted", "json"), ("accepted", "geojson"), ("accepted", "csv"),
        ("refused", "bad_format"), ("refused", "bad_risk"), ("refused", "bad_period")]
