"""The client's address behind the C4's TLS proxy (issue 16): from a trusted proxy the
right-most X-Forwarded-For address that is not a proxy is the client — her lockout, the
back-off, the gateway's allow-list and the security events see her, not the proxy; from
anyone else the header changes nothing."""

from __future__ import annotations

import asyncio
import ipaddress

import aiohttp

from c4console.central import queries
from c4console.central.client_address import client_address
from tests.central.helpers import TEST_PASSWORD, running_central

XFF = "X-Forwarded-For"


async def _login(api: str, password: str, forwarded: str | None = None) -> tuple[int, dict]:
    headers = {XFF: forwarded} if forwarded else {}
    async with aiohttp.ClientSession() as s, s.post(
            f"{api}/api/v1/auth/login", json={"username": "operadora1", "password": password},
            headers=headers) as r:
        return r.status, await r.json()


def test_the_rule_of_the_right_most_untrusted_address():
    proxies = (ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.9.0.0/16"))
    assert client_address("127.0.0.1", "198.51.100.7", proxies) == "198.51.100.7"
    # What the client wrote itself (left of what our proxies saw) is not believed.
    assert client_address("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.9.0.5", proxies) == "198.51.100.7"
    assert client_address("127.0.0.1", "10.9.0.5", proxies) == "127.0.0.1"
    assert client_address("127.0.0.1", "garbage, 198.51.100.7", proxies) == "198.51.100.7"
    assert client_address("127.0.0.1", "198.51.100.7, garbage", proxies) == "127.0.0.1"
    assert client_address("203.0.113.5", "198.51.100.7", proxies) == "203.0.113.5"
    assert client_address("127.0.0.1", "198.51.100.7", ()) == "127.0.0.1"


def test_behind_a_trusted_proxy_the_lockout_sees_each_client(tmp_path):
    async def main():
        async with running_central(tmp_path, seed=False, trusted_proxies=("127.0.0.1/32",)) as c:
            for _ in range(5):
                assert (await _login(c.api_url, "wrong-password", "198.51.100.7"))[0] == 401
            status, body = await _login(c.api_url, TEST_PASSWORD, "198.51.100.7")
            assert status == 401 and body["reason"] == "locked"
            # Her other workstation behind the same proxy is not locked out.
            assert (await _login(c.api_url, TEST_PASSWORD, "198.51.100.8"))[0] == 200
            sources = {e["source"] for e in queries.security_events(c.reader.engine)}
            assert sources == {"198.51.100.7"}

    asyncio.run(main())


def test_a_spoofed_header_from_an_untrusted_peer_changes_nothing(tmp_path):
    async def main():
        # The proxy is elsewhere: the test client (127.0.0.1) is not it.
        async with running_central(tmp_path, trusted_proxies=("192.0.2.1/32",),
                                   tracker_allow=("10.64.0.0/10",)) as c:
            for n in range(5):
                assert (await _login(c.api_url, "wrong-password", f"198.51.100.{n}"))[0] == 401
            status, body = await _login(c.api_url, TEST_PASSWORD, "198.51.100.99")
            assert status == 401 and body["reason"] == "locked"  # all counted as 127.0.0.1
            async with aiohttp.ClientSession() as s, s.get(
                    f"{c.osmand_url}/", params={"id": "X", "lat": "32.6", "lon": "-115.4"},
                    headers={XFF: "10.64.1.2"}) as r:
                assert r.status == 403  # claiming the carrier's range does not let it in
            sources = {e["source"] for e in queries.security_events(c.reader.engine)}
            assert sources == {"127.0.0.1"}

    asyncio.run(main())


def test_the_gateway_allow_list_sees_the_tracker_behind_the_proxy(tmp_path):
    async def main():
        async with running_central(tmp_path, trusted_proxies=("127.0.0.1/32",),
                                   tracker_allow=("10.64.0.0/10",)) as c, \
                aiohttp.ClientSession() as s:
            params = {"id": "861234560000042", "lat": "32.6245", "lon": "-115.4523"}
            async with s.get(f"{c.osmand_url}/", params=params, headers={XFF: "10.64.1.2"}) as r:
                assert r.status == 200
            async with s.get(f"{c.osmand_url}/", params=params, headers={XFF: "203.0.113.9"}) as r:
                assert r.status == 403
            (event,) = [e for e in queries.security_events(c.reader.engine)
                        if e["kind"] == "tracker_address_refused"]
            assert event["source"] == "203.0.113.9"

    asyncio.run(main())
