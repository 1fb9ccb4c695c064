"""The period report's devices table (issue 14) through a real central, on SQLite and
PostgreSQL: Aguascalientes' 200 panic devices imported in stock over HTTP, then each one's
life through the device-lifecycle commands — requested (10 in February, 150 in March),
her risk assessed, approved, 144 delivered in March; 30 armed for their test activation,
her alarm through the position ingest opening a TEST incident, the test recorded and the
device put in use; 2 of those lost; one more test activation in April. The March report
must say: requested 150, delivered 144, test activations 30, in use 28."""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import select

from c4console.central import schema as t
from c4console.central.ingest import PositionReport
from tests.central import report_seeds as seeds
from tests.central.helpers import IN_S3, client, running_central
from tests.central.test_period_report import MARCH, fetch, rows

REQUESTED_FEB, REQUESTED_MAR, TESTED, LOST = 10, 150, 30, 2


def device(n: int) -> str:
    return f"86123456{n:07d}"


def her(n: int) -> str:
    return f"AGS{n:04d}"


async def activate_for_test(c, clock: seeds.Clock, n: int, when: float) -> str:
    """Arm device ``n`` for its test, then her alarm through the ingest; the TEST incident."""
    await seeds.submit(c.service, clock, when, "supervisora1", "supervisor",
                       [{"type": "start_device_test", "device_id": device(n)}])
    clock.now = when + 60
    outcome = await c.service.ingest(PositionReport(device(n), *IN_S3, when + 60, alarm="sos"))
    assert outcome.accepted, outcome
    with c.service.engine.connect() as conn:
        found = conn.execute(select(t.incidents.c.id, t.incidents.c.data).where(
            t.incidents.c.device_id == device(n))).all()
    (iid, data), = [(i, d) for i, d in found if d["created_at"] >= when]
    assert data["test"] is True, data
    return iid


async def build(c, clock: seeds.Clock) -> None:
    s = c.service
    send = seeds.submit
    feb = list(range(REQUESTED_FEB))
    mar = list(range(REQUESTED_FEB, REQUESTED_FEB + REQUESTED_MAR))
    await send(s, clock, seeds.at(-8, 9), "admin1", "admin", [
        {"type": "request_device", "device_id": device(n), "beneficiary_id": her(n)} for n in feb])
    await send(s, clock, seeds.at(2, 9), "admin1", "admin", [
        {"type": "request_device", "device_id": device(n), "beneficiary_id": her(n)} for n in mar])
    delivered = (feb + mar)[:seeds.AGS_DELIVERED]
    await send(s, clock, seeds.at(3, 9), "supervisora1", "supervisor", [
        {"type": "assess_risk", "case_id": f"case-{her(n)}", "answers": {"estrangulamiento": True}}
        for n in delivered])
    await send(s, clock, seeds.at(3, 12), "supervisora1", "supervisor", [
        {"type": "approve_device", "device_id": device(n), "case_id": f"case-{her(n)}"}
        for n in delivered])
    for day in range(4, 24):  # a day's deliveries in one batch
        await send(s, clock, seeds.at(day, 15), "admin1", "admin", [
            {"type": "deliver_device", "device_id": device(n), "delivered_on": f"2026-03-{day:02d}",
             "training_given": True, "trained_by": "Psic. Mora"}
            for k, n in enumerate(delivered) if 4 + k % 20 == day])
    for k, n in enumerate(delivered[:TESTED]):
        iid = await activate_for_test(c, clock, n, seeds.at(24 + k % 4, 9 + k / 10))
        await send(s, clock, clock.now + 300, "admin1", "admin",
                   [{"type": "record_device_test", "device_id": device(n), "incident_id": iid}])
        await send(s, clock, clock.now + 60, "supervisora1", "supervisor",
                   [{"type": "put_device_in_use", "device_id": device(n)}])
    await send(s, clock, seeds.at(30, 9), "admin1", "admin", [
        {"type": "end_device_use", "device_id": device(n), "outcome": "lost",
         "note": "extraviado"} for n in delivered[:LOST]])
    # April: one more delivered device's test activation (not March's).
    await activate_for_test(c, clock, delivered[TESTED], seeds.at(33, 9))


def test_the_devices_table_counts_the_lifecycle_commands(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, seed=False) as c:
            api = c.api_url
            # The import at the real time (a login's token is checked against it), the
            # lifecycle at its moments of February to April (the service's clock); the
            # stock count does not depend on when the devices were registered.
            async with client(api, "supervisora1") as sup:
                async with sup.post(f"{api}/api/v1/devices/import",
                                    data=seeds.aguascalientes_csv(delivered=False).encode(),
                                    params={"filename": "inventario.csv"},
                                    headers={"Content-Type": "text/csv"}) as r:
                    body = await r.json()
                    assert r.status == 200 and body["counts"] == {"imported": 200}, body
                real_clock, clock = c.service.clock, seeds.Clock(seeds.at(1, 8))
                c.service.clock = clock
                await build(c, clock)
                c.service.clock = real_clock
                march = json.loads(await fetch(sup, f"{api}/api/v1/reports/period?{MARCH}"))
                april = json.loads(await fetch(
                    sup, f"{api}/api/v1/reports/period?from=2026-04-01&to=2026-04-30"))
            return march, april

    march, april = asyncio.run(main())
    devices = rows(march, "dispositivos")
    assert devices == {
        "Solicitados en el periodo": REQUESTED_MAR,
        "Entregados en el periodo": seeds.AGS_DELIVERED,
        "Activaciones de prueba en el periodo": TESTED,
        "En uso (al generar el informe)": TESTED - LOST,
        "Con ella: entregados, probados o en uso (al generar el informe)": seeds.AGS_DELIVERED - LOST,
        "Total de dispositivos del programa": seeds.AGS_DEVICES}
    # Test activations are not emergencies: no incident of March's tables counts them.
    assert rows(march, "incidentes_canal")["Total"] == 0
    later = rows(april, "dispositivos")
    assert (later["Solicitados en el periodo"], later["Entregados en el periodo"],
            later["Activaciones de prueba en el periodo"]) == (0, 0, 1)
