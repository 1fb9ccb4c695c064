"""POST /auth/refresh (issue 16 point 6): a console renews its token without the password.
The old token is refused at once and its stream closed; a refresh needs a valid token;
a disabled account cannot refresh. Real HTTP, real central."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from c4console.central import accounts
from tests.central.helpers import login, running_central


async def _post(s: aiohttp.ClientSession, url: str, token: str) -> tuple[int, dict]:
    async with s.post(url, headers={"Authorization": f"Bearer {token}"}) as r:
        return r.status, await r.json()


async def _get(s: aiohttp.ClientSession, url: str, token: str) -> int:
    async with s.get(url, headers={"Authorization": f"Bearer {token}"}) as r:
        return r.status


def test_a_token_is_renewed_without_the_password_and_the_old_one_ends(tmp_path):
    async def main():
        async with running_central(tmp_path, token_hours=1) as c, aiohttp.ClientSession() as s:
            api = f"{c.api_url}/api/v1"
            old = await login(c.api_url, "operadora1")
            ws_url = c.api_url.replace("http", "ws", 1)
            async with s.ws_connect(f"{ws_url}/api/v1/stream?since=0",
                                    headers={"Authorization": f"Bearer {old['token']}"}) as ws:
                assert (await ws.receive_json(timeout=5))["type"] == "hello"
                status, new = await _post(s, f"{api}/auth/refresh", old["token"])
                assert status == 200, new
                assert (new["user"], new["role"]) == ("operadora1", "operator")
                assert new["token"] != old["token"] and new["expires_at"] >= old["expires_at"]
                assert 3590 < new["expires_at"] - time.time() <= 3600
                # The old token's stream ends with it (after what it had queued).
                while (msg := await ws.receive(timeout=5)).type is aiohttp.WSMsgType.TEXT:
                    pass
                assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            assert await _get(s, f"{api}/units", old["token"]) == 401
            assert await _get(s, f"{api}/units", new["token"]) == 200
            # The old token cannot be refreshed again; nothing without a token.
            assert (await _post(s, f"{api}/auth/refresh", old["token"]))[0] == 401
            async with s.post(f"{api}/auth/refresh") as r:
                assert r.status == 401
            # A disabled account's token is refused, refresh included.
            assert c.service is not None
            await c.service.write(lambda tx: accounts.set_disabled(tx, "operadora1", True))
            assert (await _post(s, f"{api}/auth/refresh", new["token"]))[0] == 401

    asyncio.run(main())
