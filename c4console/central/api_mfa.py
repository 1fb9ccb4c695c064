"""HTTP side of the second factor (issue 16 point 8), for the console's account menu and
an administrator's reset:

- ``GET /api/v1/auth/mfa`` → ``{"enrolled", "pending", "recovery_codes_left"}`` of the caller.
- ``POST /api/v1/auth/mfa/enrol`` ``{"password"}`` → ``{"secret", "uri", "qr_png"}`` (base64
  PNG): a new secret, pending until confirmed. The password again: a stolen token alone
  must not bind her account to someone else's phone (a wrong one: 403, reason
  ``bad_credentials``). 409 if one is confirmed already.
- ``POST /api/v1/auth/mfa/confirm`` ``{"code"}`` → ``{"recovery_codes": [10]}``: the first
  code from her app makes the second factor required at every login; the recovery codes
  are shown this once (the central keeps only their hashes). Confirmed with an enrol-only
  token (her role requires a second factor), the answer also says ``"logged_out": true``:
  the tokens she got with the password alone end, and she logs in with a code.
- ``POST /api/v1/users/{name}/mfa/reset`` (admins): remove a user's second factor (a lost
  phone); audited and a security event.

Service accounts (the audio gateway, the telephone system) have no second factor.
"""

from __future__ import annotations

import base64
from typing import Any

from aiohttp import web

from c4console.central import jsonbody, mfa, mfa_store, passwords
from c4console.central.api_auth import USER, audit_request, read_capped
from c4console.central.auth import Authenticator, AuthUser
from c4console.central.login_guard import TooManyAttempts
from c4console.central.mfa import MFA_ROLES
from c4console.central.service import Service
from c4console.core.access import Role

MAX_BODY = 4096


def _error(status: int, message: str, **extra: Any) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


async def _body(request: web.Request, field: str) -> str | web.Response:
    raw = await read_capped(request, MAX_BODY)
    if raw is None:
        return _error(413, f"a body here is at most {MAX_BODY} bytes")
    try:
        body = jsonbody.parse(raw)
    except jsonbody.BadBody as e:
        return _error(400, f"{e}; send {{\"{field}\": …}}")
    value = body.get(field) if isinstance(body, dict) else None
    if not isinstance(value, str) or not value or len(value) > passwords.MAX_PASSWORD:
        return _error(400, f"send {{\"{field}\": \"…\"}} (a non-empty string)")
    return value


class MfaApi:
    """Enrolment of the caller's own second factor, and an administrator's reset."""

    def __init__(self, service: Service, authenticator: Authenticator) -> None:
        self.service = service
        self.authenticator = authenticator

    async def state(self, request: web.Request) -> web.Response:
        """GET /auth/mfa."""
        user: AuthUser = request[USER]
        row = await self.authenticator.reader.run(mfa_store.get, user.name)
        return web.json_response({"enrolled": bool(row and row.confirmed),
                                  "pending": bool(row and not row.confirmed),
                                  "recovery_codes_left": row.recovery_left if row else 0})

    async def enrol(self, request: web.Request) -> web.Response:
        """POST /auth/mfa/enrol."""
        user: AuthUser = request[USER]
        if user.role not in MFA_ROLES:
            return _error(403, f"role {user.role} is a service account: it has no second factor")
        password = await _body(request, "password")
        if isinstance(password, web.Response):
            return password
        try:
            ok = await self.authenticator.check_password(user, password, request.remote or "")
        except TooManyAttempts as e:
            return _error(429, str(e))
        if not ok:
            audit_request(request, "mfa.enrol", "refused", target={"user": user.name},
                          detail={"reason": "bad_credentials"})
            # 403, not 401: her token is good (a 401 would make a client drop it).
            return _error(403, "wrong password", reason="bad_credentials")
        secret = mfa.new_secret()
        if not await self.service.write(lambda tx: mfa_store.begin(tx, user.name, secret)):
            audit_request(request, "mfa.enrol", "refused", target={"user": user.name},
                          detail={"reason": "already_enrolled"})
            return _error(409, "this account has a second factor already; an administrator "
                               "resets it (c4central users mfa-reset NAME) before a new one")
        uri = mfa.provisioning_uri(secret, user.name)
        audit_request(request, "mfa.enrol", "accepted", target={"user": user.name},
                      detail={"step": "started"})
        return web.json_response({"secret": secret, "uri": uri,
                                  "qr_png": base64.b64encode(mfa.qr_png(uri)).decode("ascii")})

    async def confirm(self, request: web.Request) -> web.Response:
        """POST /auth/mfa/confirm."""
        user: AuthUser = request[USER]
        code = await _body(request, "code")
        if isinstance(code, web.Response):
            return code
        row = await self.authenticator.reader.run(mfa_store.get, user.name)
        if row is None or row.confirmed:
            return _error(409, "no enrolment to confirm: start one (POST /api/v1/auth/mfa/enrol)")
        step = mfa.matching_step(row.secret, code, self.authenticator.clock())
        if step is None:
            audit_request(request, "mfa.enrol", "refused", target={"user": user.name},
                          detail={"reason": "wrong_code"})
            return _error(400, "that is not the code the app shows now; check the phone's "
                               "clock and try the next code", reason="wrong_code")
        codes = mfa.new_recovery_codes()
        try:
            hashes = await self.authenticator.hash_work(
                lambda: [mfa.hash_recovery_code(c) for c in codes])
        except TooManyAttempts as e:
            return _error(429, str(e))
        done = await self.service.write(lambda tx: mfa_store.confirm(tx, user.name, step, hashes))
        if not done:
            return _error(409, "no enrolment to confirm: start one (POST /api/v1/auth/mfa/enrol)")
        await self.service.write(lambda tx: tx.security_event(
            "mfa_enrolled", f"{user.name} enrolled a second factor", request.remote or ""))
        audit_request(request, "mfa.enrol", "accepted", target={"user": user.name},
                      detail={"step": "confirmed", "recovery_codes": len(codes)})
        if user.enrol_only:
            # Her tokens came from the password alone: she logs in again with a code.
            await self.authenticator.end_password_only_sessions(user.name)
            return web.json_response({"recovery_codes": codes, "logged_out": True})
        return web.json_response({"recovery_codes": codes})

    async def reset(self, request: web.Request) -> web.Response:
        """POST /users/{name}/mfa/reset (admins)."""
        user: AuthUser = request[USER]
        try:
            name = passwords.normalize_name(request.match_info["name"])
        except passwords.BadName as e:
            return _error(400, str(e))
        if user.role != Role.ADMIN:
            number = await self.service.write(lambda tx: tx.security_event(
                "mfa_reset_refused", f"{user.name} ({user.role}) may not reset the second factor "
                                     f"of {name}", request.remote or ""))
            audit_request(request, "mfa.reset", "refused", target={"user": name},
                          detail={"reason": "forbidden", "security_event": number})
            return _error(403, f"only an administrator resets a second factor; security event "
                               f"{number}")
        done = await self.service.write(lambda tx: mfa_store.reset(tx, name))
        if not done:
            audit_request(request, "mfa.reset", "refused", target={"user": name},
                          detail={"reason": "not_enrolled"})
            return _error(404, f"{name} has no second factor")
        await self.authenticator.account_changed()  # her sockets close now, not at the next poll
        number = await self.service.write(lambda tx: tx.security_event(
            "mfa_reset", f"{user.name} reset the second factor of {name}", request.remote or ""))
        audit_request(request, "mfa.reset", "accepted", target={"user": name},
                      detail={"security_event": number})
        return web.json_response({"status": "reset", "user": name})


def add_routes(app: web.Application, service: Service, authenticator: Authenticator) -> None:
    """Register the second factor's endpoints on the API application."""
    api = MfaApi(service, authenticator)
    app.router.add_get("/api/v1/auth/mfa", api.state)
    app.router.add_post("/api/v1/auth/mfa/enrol", api.enrol)
    app.router.add_post("/api/v1/auth/mfa/confirm", api.confirm)
    app.router.add_post("/api/v1/users/{name}/mfa/reset", api.reset)
