"""A second factor for logins (issue 16 point 8), through a real central over HTTP:
self-enrolment with a QR code and 10 recovery codes, the login's second step, codes never
accepted twice, recovery codes once each, wrong codes toward the per-user+address lock, an
administrator's reset (audited, a security event); and ``c4central users mfa-enrol``."""

from __future__ import annotations

import asyncio
import base64
import io
import stat
import time
import urllib.parse

import aiohttp
from sqlalchemy import select

from c4console.central import mfa
from c4console.central import schema as t
from c4console.central.cli import main
from tests.central.helpers import TEST_PASSWORD, client, running_central

SUPERVISOR = "supervisora1"


async def _login(api: str, user: str, code: str | None = None,
                 password: str = TEST_PASSWORD) -> tuple[int, dict]:
    body = {"username": user, "password": password, **({"code": code} if code is not None else {})}
    async with aiohttp.ClientSession() as s, s.post(f"{api}/api/v1/auth/login", json=body) as r:
        return r.status, await r.json()


async def _post(s: aiohttp.ClientSession, url: str, body: dict | None = None) -> tuple[int, dict]:
    async with s.post(url, json=body or {}) as r:
        return r.status, await r.json()


def _events(central, kind: str) -> list[str]:
    with central.reader.engine.connect() as conn:
        return [r.detail for r in conn.execute(select(t.security_events).where(
            t.security_events.c.kind == kind))]


async def _audit_actions(api: str, action: str) -> list[tuple[str, str]]:
    """(action, outcome) of the audit log's entries of ``action``, read as an administrator."""
    async with client(api, "admin1") as s, s.get(f"{api}/api/v1/audit",
                                                 params={"action": action}) as r:
        assert r.status == 200
        return [(e["action"], e["outcome"]) for e in (await r.json())["entries"]]


def _secret(uri: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)["secret"][0]


def test_an_enrolled_supervisor_needs_a_fresh_code_and_recovery_codes_work_once(tmp_path, db_url):
    async def main_():
        async with running_central(tmp_path, db_url) as c:
            api = c.api_url
            async with client(api, SUPERVISOR) as s:
                status, refused = await _post(s, f"{api}/api/v1/auth/mfa/enrol",
                                              {"password": "nope-nope"})
                assert (status, refused["reason"]) == (403, "bad_credentials")  # a token alone
                # does not enrol a phone
                status, started = await _post(s, f"{api}/api/v1/auth/mfa/enrol",
                                              {"password": TEST_PASSWORD})
                assert status == 200, started
                assert base64.b64decode(started["qr_png"]).startswith(b"\x89PNG")
                assert started["uri"].startswith("otpauth://totp/") and \
                    _secret(started["uri"]) == started["secret"]
                secret = started["secret"]
                # Until confirmed, her logins do not ask for a code.
                assert (await _login(api, SUPERVISOR))[0] == 200
                status, wrong = await _post(s, f"{api}/api/v1/auth/mfa/confirm", {"code": "000000"})
                assert (status, wrong["reason"]) == (400, "wrong_code")
                now_code = mfa.code_at(secret, time.time())
                status, confirmed = await _post(s, f"{api}/api/v1/auth/mfa/confirm",
                                                {"code": now_code})
                assert status == 200, confirmed
                recovery = confirmed["recovery_codes"]
                assert len(set(recovery)) == 10
                async with s.get(f"{api}/api/v1/auth/mfa") as r:
                    assert await r.json() == {"enrolled": True, "pending": False,
                                              "recovery_codes_left": 10}

            # The right password alone is not a login any more: the answer asks for the code.
            status, body = await _login(api, SUPERVISOR)
            assert (status, body["reason"]) == (401, "mfa_required"), body
            # The code that confirmed the enrolment was used: within its window it is refused.
            status, body = await _login(api, SUPERVISOR, now_code)
            assert (status, body["reason"]) == (401, "mfa_failed"), body
            # A later code logs her in, once.
            next_code = mfa.code_at(secret, time.time() + mfa.STEP_S)
            status, body = await _login(api, SUPERVISOR, next_code)
            assert status == 200 and body["user"] == SUPERVISOR, body
            status, body = await _login(api, SUPERVISOR, next_code)
            assert (status, body["reason"]) == (401, "mfa_failed"), body
            # The wrong password with a good-looking code is still the wrong password.
            assert (await _login(api, SUPERVISOR, "123456", password="otra-cosa-1"))[1][
                "reason"] == "bad_credentials"
            # A recovery code works once (written as she may type it).
            status, body = await _login(api, SUPERVISOR, recovery[3].upper().replace("-", " "))
            assert status == 200, body
            status, body = await _login(api, SUPERVISOR, recovery[3])
            assert (status, body["reason"]) == (401, "mfa_failed"), body
            assert any("recovery code (9 left)" in d for d in _events(c, "mfa_recovery_code_used"))
            # Wrong codes count toward the same lock as wrong passwords (5 from one address).
            for _ in range(3):
                assert (await _login(api, SUPERVISOR, "000000"))[1]["reason"] == "mfa_failed"
            status, body = await _login(api, SUPERVISOR, "000001")
            assert (status, body["reason"]) == (401, "locked"), body
            fresh = mfa.code_at(secret, time.time() + 2 * mfa.STEP_S)
            assert (await _login(api, SUPERVISOR, fresh))[1]["reason"] == "locked"
            assert len(_events(c, "mfa_failed")) >= 1 and _events(c, "account_locked")
            assert ("mfa.enrol", "accepted") in await _audit_actions(api, "mfa.enrol")

    asyncio.run(main_())


def test_only_an_administrator_resets_a_second_factor_and_it_is_audited(tmp_path):
    async def main_():
        async with running_central(tmp_path) as c:
            api = c.api_url
            async with client(api, SUPERVISOR) as s:
                _, started = await _post(s, f"{api}/api/v1/auth/mfa/enrol", {"password": TEST_PASSWORD})
                code = mfa.code_at(started["secret"], time.time())
                status, confirmed = await _post(s, f"{api}/api/v1/auth/mfa/confirm", {"code": code})
                assert status == 200
            # Enrolled (her password-only token ended): she logs in with a recovery code.
            status, body = await _login(api, SUPERVISOR, confirmed["recovery_codes"][0])
            assert status == 200, body
            async with aiohttp.ClientSession(
                    headers={"Authorization": f"Bearer {body['token']}"}) as s:
                # She cannot replace it herself (a stolen token could otherwise).
                status, _ = await _post(s, f"{api}/api/v1/auth/mfa/enrol", {"password": TEST_PASSWORD})
                assert status == 409
                status, _ = await _post(s, f"{api}/api/v1/users/{SUPERVISOR}/mfa/reset")
                assert status == 403
                assert (await _login(api, SUPERVISOR))[1]["reason"] == "mfa_required"
                async with client(api, "admin1") as admin:
                    status, done = await _post(admin, f"{api}/api/v1/users/{SUPERVISOR}/mfa/reset")
                    assert (status, done) == (200, {"status": "reset", "user": SUPERVISOR})
                    status, _ = await _post(admin, f"{api}/api/v1/users/{SUPERVISOR}/mfa/reset")
                    assert status == 404
                # The lost phone's sessions ended with the reset: her token (got with the
                # second factor) is refused.
                async with s.get(f"{api}/api/v1/auth/mfa") as r:
                    assert r.status == 401
            assert (await _login(api, SUPERVISOR))[0] == 200
            assert any("admin1 reset the second factor of supervisora1" in d
                       for d in _events(c, "mfa_reset"))
            assert _events(c, "mfa_reset_refused")
            actions = await _audit_actions(api, "mfa.reset")
            assert ("mfa.reset", "accepted") in actions and ("mfa.reset", "refused") in actions

    asyncio.run(main_())


def test_the_command_line_enrols_with_a_qr_code_and_the_central_then_asks_for_codes(
        tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    monkeypatch.setattr("sys.stdin", io.StringIO(TEST_PASSWORD + "\n"))
    assert main(["users", "add", "jefa.admin", "--role", "admin", "--password-stdin", "--db", url]) == 0
    qr = tmp_path / "jefa.pdf"
    assert main(["users", "mfa-enrol", "jefa.admin", "--qr", str(qr), "--db", url]) == 0
    out = capsys.readouterr().out
    uri = next(line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("otpauth URI"))
    codes = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert len(codes) == 10 and qr.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(qr.stat().st_mode) == 0o600  # it holds the secret
    assert main(["users", "mfa-enrol", "jefa.admin", "--db", url]) == 1
    assert "already enrolled" in capsys.readouterr().out

    async def main_():
        async with running_central(tmp_path, url, seed=False) as c:
            api = c.api_url
            assert (await _login(api, "jefa.admin"))[1]["reason"] == "mfa_required"
            status, body = await _login(api, "jefa.admin", mfa.code_at(_secret(uri), time.time()))
            assert status == 200, body
            assert (await _login(api, "jefa.admin", codes[0]))[0] == 200

    asyncio.run(main_())
    assert main(["users", "mfa-reset", "jefa.admin", "--db", url]) == 0
    assert main(["users", "mfa-reset", "jefa.admin", "--db", url]) == 1
