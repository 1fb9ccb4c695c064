"""TLS: with --tls-cert/--tls-key the API (login, REST, WebSocket) is HTTPS only; without
them the API listens on loopback only, unless --insecure says otherwise (and the log)."""

from __future__ import annotations

import asyncio
import logging
import subprocess

import aiohttp
import pytest

from c4console.central.server import CentralConfig
from c4console.resources import DEFAULT_JURISDICTION, load_catalogue
from tests.central.certs import self_signed, trusting
from tests.central.helpers import TEST_PASSWORD, running_central
from tests.central.nodes import c4central


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


def test_plain_http_off_loopback_is_refused_unless_insecure_and_then_logged(tmp_path, caplog):
    """Issue 16 point 14: passwords and tokens must not cross the network readable by
    default. The command line refuses and says how to fix it; ``--insecure`` starts and
    logs a warning."""
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    refused = subprocess.run(
        c4central("serve", "--db", db, "--listen", "0.0.0.0:0", "--osmand-listen", "127.0.0.1:0",
                  "--jurisdiction", str(DEFAULT_JURISDICTION),
                  "--ready-file", str(tmp_path / "ready.json")),
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert refused.returncode == 2, refused.stderr[-2000:]
    assert "refusing to serve the API on 0.0.0.0:0 over plain HTTP" in refused.stderr
    assert "--insecure" in refused.stderr and "--tls-cert" in refused.stderr
    assert not (tmp_path / "ready.json").exists()
    with pytest.raises(ValueError, match="--insecure"):
        CentralConfig(db_url=db, catalogue=load_catalogue(), listen=("192.0.2.1", 0))

    async def main():
        caplog.set_level(logging.WARNING, "c4console.central.server")
        async with running_central(tmp_path, listen=("0.0.0.0", 0), insecure=True) as c, \
                aiohttp.ClientSession() as s, s.get(f"{c.api_url}/api/v1/health") as r:
            assert r.status == 200
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert any(w.startswith("INSECURE: the API listens on 0.0.0.0:") for w in warnings), warnings
        # Loopback and TLS need no flag: nothing to warn about.
        caplog.clear()
        async with running_central(tmp_path / "2"):
            pass
        assert not any("INSECURE" in r.getMessage() for r in caplog.records)

    asyncio.run(main())
