"""TLS: with --tls-cert/--tls-key the API (login, REST, WebSocket) is HTTPS only."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from tests.central.certs import self_signed, trusting
from tests.central.helpers import TEST_PASSWORD, running_central


def test_api_over_tls_with_a_self_signed_certificate(tmp_path):
    cert, key = self_signed(tmp_path / "tls")

    async def main():
        async with running_central(tmp_path, tls_cert=cert, tls_key=key) as c:
            assert c.api_url.startswith("https://127.0.0.1:")
            assert c.osmand_url.startswith("http://")  # trackers keep plain HTTP by default
            tls = aiohttp.TCPConnector(ssl=trusting(cert))
            async with aiohttp.ClientSession(connector=tls) as s:
                async with s.post(f"{c.api_url}/api/v1/auth/login",
                                  json={"username": "operadora1", "password": TEST_PASSWORD}) as r:
                    token = (await r.json())["token"]
                bearer = {"Authorization": f"Bearer {token}"}
                async with s.get(f"{c.api_url}/api/v1/units", headers=bearer) as r:
                    assert r.status == 200 and len((await r.json())["units"]) == 2
                wss = c.api_url.replace("https://", "wss://", 1)
                async with s.ws_connect(f"{wss}/api/v1/stream?since=0", headers=bearer) as ws:
                    assert (await ws.receive_json(timeout=5))["type"] == "hello"
            # Without trusting the certificate, or without TLS at all, nothing gets through.
            async with aiohttp.ClientSession() as s:
                with pytest.raises(aiohttp.ClientConnectorCertificateError):
                    await s.get(f"{c.api_url}/api/v1/health")
                with pytest.raises(aiohttp.ClientError):
                    await s.get(c.api_url.replace("https://", "http://", 1) + "/api/v1/health")

    asyncio.run(main())


def test_bad_tls_files_are_reported_by_name(tmp_path):
    cert, _ = self_signed(tmp_path / "tls")

    async def main():
        with pytest.raises(ValueError, match="does not exist"):
            async with running_central(tmp_path, tls_cert=cert, tls_key=tmp_path / "missing.pem"):
                pass
        with pytest.raises(ValueError, match="cannot use certificate"):
            async with running_central(tmp_path, tls_cert=cert, tls_key=cert):
                pass

    asyncio.run(main())
