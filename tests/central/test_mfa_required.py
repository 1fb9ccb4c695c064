"""A second factor required per role (issue 16 point 8), through a real central on SQLite
and PostgreSQL: a supervisor without one gets a token for the enrolment only (403
``mfa_enrolment_required`` everywhere else), enrols, and from then on logs in with a code;
an operator is untouched; ``--demo`` starts without a phone."""

from __future__ import annotations

import asyncio
import time
import urllib.parse

import aiohttp

from c4console.central import mfa
from c4console.central.cli import _mfa_roles
from c4console.central.config import resolve
from tests.central.helpers import TEST_PASSWORD, running_central

SUPERVISOR = "supervisora1"
REQUIRED = ("supervisor", "admin")


async def _login(api: str, user: str, code: str | None = None) -> tuple[int, dict]:
    body = {"username": user, "password": TEST_PASSWORD, **({"code": code} if code else {})}
    async with aiohttp.ClientSession() as s, s.post(f"{api}/api/v1/auth/login", json=body) as r:
        return r.status, await r.json()


def _secret(uri: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)["secret"][0]


def test_a_supervisor_without_a_second_factor_may_only_enrol_one(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, mfa_required_roles=REQUIRED) as c:
            api = c.api_url
            status, answer = await _login(api, SUPERVISOR)
            assert status == 200 and answer["mfa_enrolment_required"] is True
            assert answer["expires_at"] <= time.time() + 1800 + 5  # a short token
            bearer = {"Authorization": f"Bearer {answer['token']}"}
            async with aiohttp.ClientSession(headers=bearer) as s:
                for method, path in (("GET", "/incidents"), ("GET", "/security-events"),
                                     ("POST", "/auth/refresh"), ("POST", "/commands")):
                    async with s.request(method, f"{api}/api/v1{path}", json={}) as r:
                        body = await r.json()
                        assert r.status == 403 and body["reason"] == "mfa_enrolment_required", path
                ws = api.replace("http://", "ws://", 1)
                try:
                    await s.ws_connect(f"{ws}/api/v1/stream?since=0")
                    raise AssertionError("the stream opened with an enrol-only token")
                except aiohttp.WSServerHandshakeError as e:
                    assert e.status == 403
                async with s.get(f"{api}/api/v1/auth/mfa") as r:
                    assert r.status == 200 and (await r.json())["enrolled"] is False
                async with s.post(f"{api}/api/v1/auth/mfa/enrol",
                                  json={"password": TEST_PASSWORD}) as r:
                    assert r.status == 200
                    secret = _secret((await r.json())["uri"])
                async with s.post(f"{api}/api/v1/auth/mfa/confirm",
                                  json={"code": mfa.code_at(secret, time.time())}) as r:
                    done = await r.json()
                    assert r.status == 200 and len(done["recovery_codes"]) == 10
                    assert done["logged_out"] is True
                async with s.get(f"{api}/api/v1/auth/mfa") as r:
                    assert r.status == 401  # the password-only token ended
            status, answer = await _login(api, SUPERVISOR)
            assert status == 401 and answer["reason"] == "mfa_required"
            status, answer = await _login(api, SUPERVISOR, mfa.code_at(secret, time.time() + 30))
            assert status == 200 and "mfa_enrolment_required" not in answer
            async with aiohttp.ClientSession(
                    headers={"Authorization": f"Bearer {answer['token']}"}) as s, \
                    s.get(f"{api}/api/v1/incidents") as r:
                assert r.status == 200
            # An operator's role needs none: her login is as before.
            status, answer = await _login(api, "operadora1")
            assert status == 200 and "mfa_enrolment_required" not in answer

    asyncio.run(main())


def test_an_admin_reset_makes_her_tokens_enrol_only_at_once(tmp_path):
    async def main():
        async with running_central(tmp_path, mfa_required_roles=("admin",)) as c:
            api = c.api_url
            # The supervisor is not in the list here: her token is a full one.
            status, answer = await _login(api, SUPERVISOR)
            assert status == 200 and "mfa_enrolment_required" not in answer
            status, answer = await _login(api, "admin1")
            assert answer["mfa_enrolment_required"] is True
            async with aiohttp.ClientSession(
                    headers={"Authorization": f"Bearer {answer['token']}"}) as s:
                async with s.get(f"{api}/api/v1/users") as r:
                    assert r.status == 403
                async with s.post(f"{api}/api/v1/auth/logout") as r:
                    assert r.status == 200

    asyncio.run(main())


def test_the_setting_default_and_the_demo(tmp_path):
    cfg = resolve({}, None, environ={})
    assert cfg["mfa_required_roles"] == REQUIRED
    assert _mfa_roles(cfg, demo=False) == REQUIRED
    assert _mfa_roles(cfg, demo=True) == ()  # the demo starts without a phone
    chosen = resolve({}, None, environ={"C4_MFA_REQUIRED_ROLES": "admin, shift_lead"})
    assert _mfa_roles(chosen, demo=True) == ("admin", "shift_lead")
    try:
        resolve({}, None, environ={"C4_MFA_REQUIRED_ROLES": "audio_gateway"})
        raise AssertionError("a service account's role was accepted")
    except ValueError as e:
        assert "mfa_required_roles" in str(e)
