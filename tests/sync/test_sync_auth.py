"""The sync engine's login against real central processes: a refused password is not
retried (it would lock the account), new credentials resume; tokens that expire are
renewed without losing a command; TLS with the central's certificate."""

from __future__ import annotations

import asyncio
import time
import uuid

import aiohttp

from c4console.store.cache import LocalCache
from c4console.sync.client import CentralClient, LoginRefused
from c4console.sync.engine import SyncEngine
from c4console.sync.processes import EmbeddedCentral
from tests.cache_files import TEST_KEY
from tests.central.certs import self_signed, trusting
from tests.central.helpers import TEST_PASSWORD, password_file
from tests.sync.test_sync_engine import Recorder, create, until


def test_client_login_returns_token_info_and_refusals_say_why(central):
    async def scenario():
        async with aiohttp.ClientSession() as s:
            client = CentralClient(central.api, s)
            info = await client.login("operadora1", TEST_PASSWORD)
            assert (info.user, info.role) == ("operadora1", "operator") and info.token
            assert info.expires_at > time.time() + 11 * 3600
            changes, last, head = await client.changes(0)
            assert head >= 0 and last == head
            try:
                await CentralClient(central.api, s).login("operadora1", "no-es-esta")
            except LoginRefused as e:
                assert e.reason == "bad_credentials" and "wrong user name or password" in str(e)
            else:
                raise AssertionError("a wrong password was accepted")

    asyncio.run(scenario())


def test_a_refused_password_waits_for_new_credentials_and_keeps_the_outbox(tmp_path, central):
    async def scenario():
        cache = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
        rec = Recorder()
        details: list[str] = []
        rec.on_connection = lambda connected, detail: details.append(detail)
        engine = SyncEngine(cache, central.api, rec, actor="op1", username="operadora1",
                            password="equivocada")
        engine.start()
        await until(lambda: engine.auth_error is not None)
        assert "wrong user name or password" in engine.auth_error
        assert any(d.startswith("login refused: ") for d in details)
        entry = await engine.submit(create())
        await asyncio.sleep(1.5)
        # One try only: the account is not locked, and the command waits in the outbox.
        assert [e.key for e in cache.pending()] == [entry.key]
        assert rec.results == []
        engine.set_credentials("operadora1", TEST_PASSWORD)
        await until(lambda: engine.connected)
        await until(lambda: any(r["key"] == entry.key for r in rec.results))
        assert rec.results[-1]["outcome"] == "accepted" and engine.auth_error is None
        assert engine.client is not None and engine.client.info.role == "operator"
        await engine.close(logout=True)
        cache.close()

    asyncio.run(scenario())


def test_expired_tokens_are_renewed_and_no_command_is_lost(tmp_path):
    secret = password_file(tmp_path / "secrets", TEST_PASSWORD)
    proc = EmbeddedCentral(tmp_path / "central", bootstrap_user="operadora1",
                           bootstrap_password_file=secret, extra_args=["--token-hours", "0.0006"])
    endpoints = asyncio.run(proc.start_and_wait())  # tokens live ~2 s

    async def scenario():
        cache = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
        rec = Recorder()
        engine = SyncEngine(cache, endpoints.api, rec, actor="op1", username="operadora1",
                            password=TEST_PASSWORD)
        engine.start()
        await until(lambda: engine.connected)
        assert engine.client is not None
        first = engine.client.info
        keys = []
        for _ in range(3):  # across two expiries
            keys.append((await engine.submit(create())).key)
            await asyncio.sleep(1.6)
        await until(lambda: {r["key"] for r in rec.results} >= set(keys))
        assert all(r["outcome"] == "accepted" for r in rec.results)
        assert engine.client.info is not None and engine.client.info.token != first.token
        await until(lambda: cache.count("incident") == 3)
        assert engine.stats.reconnects >= 1  # the stream was closed at expiry and came back
        await engine.close()
        cache.close()

    try:
        asyncio.run(scenario())
    finally:
        proc.stop()


def test_without_the_password_tokens_are_refreshed_and_no_command_is_lost(tmp_path):
    """The console's engine (keep_password False) forgets the password after its first
    login and renews the token with POST /auth/refresh (issue 16 point 6)."""
    secret = password_file(tmp_path / "secrets", TEST_PASSWORD)
    proc = EmbeddedCentral(tmp_path / "central", bootstrap_user="operadora1",
                           bootstrap_password_file=secret, extra_args=["--token-hours", "0.0006"])
    endpoints = asyncio.run(proc.start_and_wait())  # tokens live ~2 s

    async def scenario():
        cache = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
        rec = Recorder()
        engine = SyncEngine(cache, endpoints.api, rec, actor="op1", username="operadora1",
                            password=TEST_PASSWORD, keep_password=False)
        engine.start()
        await until(lambda: engine.connected)
        assert engine.client is not None and engine.client.password is None
        first = engine.client.info
        keys = []
        for _ in range(3):  # across two expiries: each renewal is a refresh, not a login
            keys.append((await engine.submit(create())).key)
            await asyncio.sleep(1.6)
        await until(lambda: {r["key"] for r in rec.results} >= set(keys))
        assert all(r["outcome"] == "accepted" for r in rec.results)
        assert engine.client.info is not None and engine.client.info.token != first.token
        assert engine.auth_error is None and engine.client.password is None
        await engine.close(logout=True)
        cache.close()

    try:
        asyncio.run(scenario())
    finally:
        proc.stop()


def test_sync_over_tls(tmp_path):
    cert, key = self_signed(tmp_path / "tls")
    secret = password_file(tmp_path / "secrets", TEST_PASSWORD)
    proc = EmbeddedCentral(tmp_path / "central", bootstrap_user="operadora1",
                           bootstrap_password_file=secret,
                           extra_args=["--tls-cert", str(cert), "--tls-key", str(key)])
    endpoints = asyncio.run(proc.start_and_wait())

    async def scenario():
        assert endpoints.api.startswith("https://")
        cache = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
        rec = Recorder()
        engine = SyncEngine(cache, endpoints.api, rec, actor="op1", username="operadora1",
                            password=TEST_PASSWORD, ssl_context=trusting(cert))
        engine.start()
        await until(lambda: engine.connected)
        iid = str(uuid.uuid4())
        await engine.submit(create(iid))
        await until(lambda: iid in cache.load("incident"))
        await engine.close()
        cache.close()

    try:
        asyncio.run(scenario())
    finally:
        proc.stop()
