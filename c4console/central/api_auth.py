"""HTTP side of authentication: the bearer-token middleware, login and logout.

- ``POST /api/v1/auth/login`` ``{"username", "password"[, "code"]}`` → ``{"token", "user",
  "role", "expires_at", "agency", "agency_name"}``; a refusal is 401 ``{"error", "reason"}``.
  An account with a second factor answers ``reason: mfa_required`` to the right password without ``code``:
  the client asks for the code (6 digits, or a recovery code) and sends all three again.
- ``POST /api/v1/auth/refresh`` (with a valid token) → a new token of the same shape as a
  login's answer; the old token is revoked. Consoles refresh instead of keeping the
  password to log in again.
- Every other ``/api/v1`` path except /health, /auth/login, /openapi.json and the
  signed webhooks (SIGNED_WEBHOOKS: they carry a signature instead) needs
  ``Authorization: Bearer <token>``; the WebSocket /stream also takes
  ``?token=`` (browsers and simple tools cannot set headers on a WebSocket).
- Unknown paths and methods answer 404/405 without a token: they reveal nothing.
- A supervisor or admin (``mfa_required_roles``) without a second factor gets a login
  answer with ``"mfa_enrolment_required": true`` and a token for the enrolment only: it
  may call ENROLMENT_PATHS (the second factor's enrolment, logout); everything else
  answers 403 ``{"error", "reason": "mfa_enrolment_required"}``.
- A token is refused once revoked, expired, or its account is disabled or locked; the
  WebSockets it opened are closed then too (``SOCKETS``, c4console/central/socket_guard.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from c4console.central import jsonbody
from c4console.central.agencies import agency_label
from c4console.central.audit import AuditLog
from c4console.central.auth import Authenticator, AuthUser, LoginFailed, Unauthorized
from c4console.central.login_guard import TooManyAttempts
from c4console.central.mfa import MAX_CODE
from c4console.central.passwords import MAX_PASSWORD
from c4console.central.socket_guard import SocketGuard

USER = web.RequestKey("c4.user", AuthUser)  # the authenticated caller
# Where a handler that opens a WebSocket registers it, so it closes with its token.
SOCKETS = web.RequestKey("c4.sockets", SocketGuard)
AUDIT = web.AppKey("c4.audit", AuditLog)  # the audit log of the API application
WORKSTATION_HEADER = "X-C4-Workstation"  # the console's workstation name (for the audit log)
# Webhooks that authenticate themselves instead of a login: the WhatsApp Cloud API signs
# each POST with the app secret (X-Hub-Signature-256) and proves its GET handshake with the
# verify token; c4console/central/gateways/whatsapp.py checks both, answers 403 otherwise.
SIGNED_WEBHOOKS = frozenset({"/api/v1/gateways/whatsapp",
                             # Traccar sends its shared secret: gateways/traccar.py checks it.
                             "/api/v1/gateways/traccar"})
PUBLIC = frozenset({"/api/v1/health", "/api/v1/auth/login", "/api/v1/openapi.json"}) | SIGNED_WEBHOOKS
QUERY_TOKEN_PATHS = frozenset({"/api/v1/stream"})
# What an enrol-only token may do (auth.py: her role needs a second factor she lacks).
ENROLMENT_PATHS = frozenset({"/api/v1/auth/mfa", "/api/v1/auth/mfa/enrol",
                             "/api/v1/auth/mfa/confirm", "/api/v1/auth/logout"})
MFA_ENROLMENT_REQUIRED = "mfa_enrolment_required"
MAX_TOKEN = 256
MAX_LOGIN_BODY = 4096  # a name and a password of at most 1024 characters fit easily


def _unauthorized(message: str) -> web.Response:
    return web.json_response({"error": message}, status=401,
                             headers={"WWW-Authenticate": 'Bearer realm="c4central"'})


def presented_token(request: web.Request) -> str | None:
    """The bearer token of a request, None if it has none; raises Unauthorized if malformed."""
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, value = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise Unauthorized("the Authorization header must be 'Bearer <token>'")
        token = value.strip()
    elif request.path in QUERY_TOKEN_PATHS and request.query.get("token"):
        token = request.query["token"]
    else:
        return None
    if len(token) > MAX_TOKEN:
        raise Unauthorized("token unknown or revoked; log in again (POST /api/v1/auth/login)")
    return token


def auth_middleware(authenticator: Authenticator) -> Any:
    """Middleware that puts the caller in ``request[USER]`` or answers 401."""

    @web.middleware
    async def require_token(request: web.Request, handler: Any) -> web.StreamResponse:
        if (request.path in PUBLIC or not request.path.startswith("/api/v1/")
                or request.match_info.http_exception is not None):
            return await handler(request)
        try:
            token = presented_token(request)
            if token is None:
                raise Unauthorized("missing 'Authorization: Bearer <token>'; log in first "
                                   "(POST /api/v1/auth/login)")
            request[USER] = await authenticator.authenticate(token)
            request[SOCKETS] = authenticator.sockets
        except Unauthorized as e:
            return _unauthorized(str(e))
        if request[USER].enrol_only and request.path not in ENROLMENT_PATHS:
            # 403, not 401: the token is good (a client must not drop it and log in again).
            return web.json_response(
                {"error": f"role {request[USER].role} needs a second factor: enrol one first "
                          "(POST /api/v1/auth/mfa/enrol, then /auth/mfa/confirm) and log in "
                          "again with its code", "reason": MFA_ENROLMENT_REQUIRED}, status=403)
        return await handler(request)

    return require_token


def workstation(request: web.Request) -> str:
    """The workstation a request says it comes from (header ``X-C4-Workstation``), or ""."""
    return request.headers.get(WORKSTATION_HEADER, "").strip()


def audit_request(request: web.Request, action: str, outcome: str, *,
                  target: Mapping[str, Any] | None = None, detail: Mapping[str, Any] | None = None,
                  actor: str | None = None, role: str | None = None, station: str | None = None) -> None:
    """Record an action of this request's caller in the audit log (queued; returns at once)."""
    audit = request.app.get(AUDIT)
    if audit is None:
        return
    user = request.get(USER)
    audit.record(actor if actor is not None else (user.name if user else ""),
                 role if role is not None else (user.role if user else ""), action, outcome,
                 workstation=station if station is not None else workstation(request),
                 source=request.remote or "", target=target, detail=detail)


async def read_capped(request: web.Request, limit: int) -> bytes | None:
    """The body of ``request`` if it is at most ``limit`` bytes, else None (read no further)."""
    if request.content_length is not None and request.content_length > limit:
        return None
    data = bytearray()
    while len(data) <= limit:
        chunk = await request.content.read(limit + 1 - len(data))
        if not chunk:
            return bytes(data)
        data += chunk
    return None


class AuthApi:
    """Login and logout handlers; each login, refused login and logout is audited."""

    def __init__(self, authenticator: Authenticator) -> None:
        self.authenticator = authenticator

    async def login(self, request: web.Request) -> web.Response:
        """POST /auth/login."""
        raw = await read_capped(request, MAX_LOGIN_BODY)
        if raw is None:
            audit_request(request, "login", "refused", actor="", role="",
                          detail={"reason": "too_large", "message": "login body over 4 KiB"})
            return web.json_response({"error": f"a login body is at most {MAX_LOGIN_BODY} bytes"},
                                     status=413)
        try:
            body = jsonbody.parse(raw)
        except jsonbody.BadBody as e:
            return self._bad(request, f"{e}; send {{\"username\": …, \"password\": …}}")
        if not isinstance(body, dict):
            return self._bad(request, "body must be a JSON object {\"username\": …, \"password\": …}")
        username, password = body.get("username"), body.get("password")
        if not isinstance(username, str) or not isinstance(password, str):
            return self._bad(request, "'username' and 'password' must both be strings")
        if len(password) > MAX_PASSWORD:
            return self._bad(request, f"password longer than {MAX_PASSWORD} characters",
                             username[:64] if isinstance(username, str) else "")
        code = body.get("code")
        if code is not None and (not isinstance(code, str) or len(code) > MAX_CODE):
            return self._bad(request, f"'code' must be a string of at most {MAX_CODE} characters",
                             username[:64])
        try:
            token, user, second = await self.authenticator.login(username, password,
                                                                 request.remote or "", code)
        except TooManyAttempts as e:
            audit_request(request, "login", "refused", actor=username.strip().lower()[:64], role="",
                          target={"user": username.strip().lower()[:64]},
                          detail={"reason": "too_many", "message": str(e)})
            return web.json_response({"error": str(e), "reason": "too_many"}, status=429,
                                     headers={"Retry-After": str(max(1, math.ceil(e.retry_after)))})
        except LoginFailed as e:
            audit_request(request, "login", "refused", actor=username.strip().lower()[:64], role="",
                          target={"user": username.strip().lower()[:64]},
                          detail={"reason": e.reason, "message": str(e)})
            answer: dict[str, Any] = {"error": str(e), "reason": e.reason}
            if e.locked_until is not None:
                answer["locked_until"] = e.locked_until
            return web.json_response(answer, status=401,
                                     headers={"WWW-Authenticate": 'Bearer realm="c4central"'})
        audit_request(request, "login", "accepted", actor=user.name, role=user.role,
                      target={"user": user.name},
                      detail={"expires_at": user.expires_at, **({"mfa": second} if second else {}),
                              **({MFA_ENROLMENT_REQUIRED: True} if user.enrol_only else {})})
        answer = await self._answer(token, user)
        if user.enrol_only:
            answer[MFA_ENROLMENT_REQUIRED] = True
        return web.json_response(answer)

    @staticmethod
    def _bad(request: web.Request, message: str, username: str = "") -> web.Response:
        audit_request(request, "login", "refused", actor=username.strip().lower(), role="",
                      detail={"reason": "bad_request", "message": message})
        return web.json_response({"error": message}, status=400)

    async def refresh(self, request: web.Request) -> web.Response:
        """POST /auth/refresh: a new token for the token of this request (which is revoked)."""
        token = presented_token(request)
        assert token is not None  # the middleware let the request through
        try:
            new_token, user = await self.authenticator.refresh(token, request[USER],
                                                               request.remote or "")
        except Unauthorized as e:
            return _unauthorized(str(e))
        audit_request(request, "token.refresh", "accepted", target={"user": user.name},
                      detail={"expires_at": user.expires_at})
        return web.json_response(await self._answer(new_token, user))

    async def _answer(self, token: str, user: AuthUser) -> dict[str, Any]:
        """A login's or a refresh's answer: the token, who, the role, the expiry and her
        agency (id and name: a liaison's console names it in its title, issue 15)."""
        agency, name = await self.authenticator.reader.run(agency_label, user.name)
        return {"token": token, "user": user.name, "role": user.role,
                "expires_at": user.expires_at, "agency": agency, "agency_name": name}

    async def logout(self, request: web.Request) -> web.Response:
        """POST /auth/logout: revoke the token the request carries."""
        token = presented_token(request)
        assert token is not None  # the middleware let the request through
        revoked = await self.authenticator.logout(token)
        audit_request(request, "logout", "accepted" if revoked else "refused",
                      target={"user": request[USER].name}, detail={"token_revoked": bool(revoked)})
        return web.json_response({"status": "logged_out"})
