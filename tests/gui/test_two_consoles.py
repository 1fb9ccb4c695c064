"""Two consoles on one central acknowledge the same alarm at once: exactly one wins,
the other is told who won and keeps the refusal listed until dismissed."""

from __future__ import annotations

import asyncio
import time

from tests.gui.console_harness import (
    demo_devices,
    get_json,
    osmand,
    start_session,
    stop_session,
    until,
)


def test_concurrent_acknowledgements_exactly_one_wins(qapp, qloop, demo_central, tmp_path):
    async def scenario():
        a = await start_session(qapp, demo_central.api, tmp_path / "a", "--operator", "operadora1")
        b = await start_session(qapp, demo_central.api, tmp_path / "b", "--operator", "operadora2")
        try:
            row = demo_devices()[9]
            status, _ = await osmand(demo_central.osmand, id=row["device_id"], lat=row["home_lat"],
                                     lon=row["home_lon"], timestamp=int(time.time()), alarm="sos")
            assert status == 200

            def find(s):
                return next((i for i in s.window.state.incidents.values()
                             if i.device_id == row["device_id"]), None)

            inc = await until(lambda: find(a) and find(b), 10, "alarm in both consoles")
            ka, kb = await asyncio.gather(a.window.controller.acknowledge(inc.id),
                                          b.window.controller.acknowledge(inc.id))
            assert ka and kb  # both were saved locally and shown at once
            await until(lambda: a.window.state.pending_count() == 0
                        and b.window.state.pending_count() == 0, 10, "both outboxes drained")
            doc = await get_json(f"{demo_central.api}/api/v1/incidents/{inc.id}")
            assert doc["status"] == "acknowledged"
            acks = [e for e in a.window.state.timeline(inc.id) if e.kind == "acknowledged"]
            assert len(acks) == 1
            winner = acks[0].actor
            loser = b if winner == "operadora1" else a
            # both consoles agree with the central
            for s in (a, b):
                await until(lambda s=s: s.window.state.incident(inc.id).status.value
                            == "acknowledged", 5, "view converged")
            # the loser sees why and who, until dismissed
            await until(lambda: loser.window.rejections.list.count() == 1, 5, "rejection listed")
            text = loser.window.rejections.list.item(0).text()
            assert "Otra operadora ya atendió" in text and winner in text
            rejected = await loser.engine.db(loser.cache.rejected)
            assert len(rejected) == 1 and rejected[0].reason == "already_acknowledged"
            loser.window.rejections.dismiss.click()
            await until(lambda: loser.window.rejections.list.count() == 0, 5, "dismissed")
            assert await loser.engine.db(loser.cache.rejected) == []
        finally:
            await stop_session(a)
            await stop_session(b)

    qloop.run_until_complete(scenario())
