"""A shift lead unlocks a locked login from the roster dock (issue 16 point 7), on a real
demo central: five wrong passwords from one workstation lock operadora2 there; the lead
picks her in "Desbloquear acceso" and she logs in from that workstation again. An
operator is not offered the box."""

from __future__ import annotations

import aiohttp

from tests.gui.console_harness import DEMO_PASSWORD, start_session, stop_session, until

DESK = "127.0.0.9"  # the locked workstation (a loopback alias: this test's own)


async def _login_from(api: str, address: str, password: str) -> tuple[int, dict]:
    connector = aiohttp.TCPConnector(local_addr=(address, 0), force_close=True)
    async with aiohttp.ClientSession(connector=connector) as s, s.post(
            f"{api}/api/v1/auth/login", json={"username": "operadora2", "password": password}) as r:
        return r.status, await r.json()


def test_a_shift_lead_unlocks_a_login_from_the_roster_dock(qapp, qloop, demo_central, tmp_path):
    async def scenario():
        api = demo_central.api
        for n in range(5):
            await _login_from(api, DESK, f"mal-{n}")
        status, body = await _login_from(api, DESK, DEMO_PASSWORD)
        assert (status, body.get("reason")) == (401, "locked"), body

        lead = await start_session(qapp, api, tmp_path / "lead", "--operator", "jefe1")
        op = await start_session(qapp, api, tmp_path / "op", "--operator", "operadora1")
        try:
            box = lead.window.roster.unlock_box
            assert not box.isHidden()
            assert op.window.roster.unlock_box.isHidden()  # operators cannot unlock
            await until(lambda: box.account.findText("operadora2") >= 0, 10,
                        "the accounts in the unlock box")
            box.account.setCurrentText("operadora2")
            box.button.click()
            assert "operadora2" in box.message.text()

            async def unlocked() -> bool:
                return (await _login_from(api, DESK, DEMO_PASSWORD))[0] == 200

            await until(unlocked, 15, "operadora2 logs in from the locked workstation")
        finally:
            await stop_session(op)
            await stop_session(lead)

    qloop.run_until_complete(scenario())
