"""HTTP client for a central's API (see docs/protocol.md), with its login.

The client logs in with a user name and password (or starts from a token),
sends ``Authorization: Bearer <token>`` on every request and on the WebSocket,
renews the token shortly before it expires, and logs in once more when the
central answers 401 (token revoked, central restarted on a new database…) if it
still has the password. A refused login (wrong password, locked account) is never
retried on its own: five tries would lock the account.

``keep_password=False`` (the console: a person at a workstation) forgets the
password as soon as it has given a token; the token is then renewed with
``POST /auth/refresh``, and a token the central no longer accepts raises
:class:`AuthRequired`: the person types the password again (issue 16 point 6).
Service tools (the demo simulator, the headless sync) keep it to log in again alone.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import aiohttp

from c4console.core.changes import Change

REFRESH_MARGIN_S = 60.0  # renew this long before the token expires (at most a quarter of its life)


class CentralError(RuntimeError):
    """The central answered with an error; the message says what it said, ``status``
    the HTTP status when there was one (a 5xx: the central is there but not working)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class AuthRequired(CentralError):
    """The central wants a (new) token and the client has no credentials to get one."""


class LoginRefused(AuthRequired):
    """The central refused the user name and password. ``reason`` is ``bad_credentials``,
    ``locked`` (then ``locked_until`` says until when), ``disabled``, ``mfa_required`` (the
    password was right: log in again with the code of her authenticator app) or
    ``mfa_failed`` (a wrong or already used code)."""

    def __init__(self, message: str, reason: str, locked_until: float | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.locked_until = locked_until


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """A login: the token, who it is for, the role and when it expires (UTC epoch s)."""

    token: str
    user: str
    role: str
    expires_at: float
    # Her role needs a second factor she has not enrolled: the token serves only to enrol it
    # (every other endpoint answers 403 mfa_enrolment_required).
    mfa_enrolment_required: bool = False
    agency: str = ""  # the account's agency id (issue 15; "" from an older central)
    agency_name: str = ""


class CentralClient:
    """Thin async client: login, changes, commands and the stream."""

    def __init__(self, base_url: str, session: aiohttp.ClientSession, *, username: str | None = None,
                 password: str | None = None, token: str | None = None,
                 info: TokenInfo | None = None, keep_password: bool = True) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session
        self.username = username
        self.password = password
        self.keep_password = keep_password
        self.info: TokenInfo | None = info  # a login made before (its token is used)
        self._token = info.token if info is not None else token
        self._margin = REFRESH_MARGIN_S
        self._login_lock = asyncio.Lock()
        self._code: str | None = None  # a second factor for the next login only (one use)

    # --- login ----------------------------------------------------------------

    def set_credentials(self, username: str, password: str, code: str | None = None) -> None:
        """New credentials (after a refused login, or another user); the next request logs
        in, with ``code`` (the second factor) if given — that login only: a code works once."""
        self.username, self.password = username, password
        self._code = code
        self._token, self.info = None, None

    @property
    def has_credentials(self) -> bool:
        """True if the client can log in by itself."""
        return bool(self.username) and self.password is not None

    async def login(self, username: str | None = None, password: str | None = None, *,
                    code: str | None = None) -> TokenInfo:
        """POST /auth/login (with ``code``, the second factor, if given); keeps and returns
        the token. Raises :class:`LoginRefused`."""
        if username is not None:
            self.username = username
        if password is not None:
            self.password = password
        if not self.has_credentials:
            raise AuthRequired("no user name and password to log in with")
        body = {"username": self.username, "password": self.password}
        code, self._code = code or self._code, None
        if code:
            body["code"] = code
        async with self.session.post(f"{self.base_url}/api/v1/auth/login", json=body) as r:
            if r.status == 401:
                body = await _error_body(r)
                raise LoginRefused(str(body.get("error", "login refused")),
                                   str(body.get("reason", "bad_credentials")), body.get("locked_until"))
            body = await _json(r)
        self._take(body)
        if not self.keep_password:
            self.password = None  # the token carries on; a refresh renews it
        return self.info

    def _take(self, body: dict[str, Any]) -> TokenInfo:
        """Keep the token of a login's or a refresh's answer."""
        self.info = TokenInfo(str(body["token"]), str(body.get("user", self.username)),
                              str(body.get("role", "")), float(body["expires_at"]),
                              body.get("mfa_enrolment_required") is True,
                              str(body.get("agency", "")), str(body.get("agency_name", "")))
        self._token = self.info.token
        # Short-lived tokens are refreshed near their end, not on every request.
        self._margin = min(REFRESH_MARGIN_S, max(0.0, self.info.expires_at - time.time()) / 4)
        return self.info

    async def refresh(self) -> TokenInfo:
        """POST /auth/refresh: a new token for the current one (which the central revokes).
        Raises :class:`AuthRequired` if the central no longer accepts the current token."""
        if self._token is None:
            raise AuthRequired("not logged in: no token to refresh")
        async with self.session.post(f"{self.base_url}/api/v1/auth/refresh",
                                     headers={"Authorization": f"Bearer {self._token}"}) as r:
            if r.status == 401:
                body = await _error_body(r)
                self._token, self.info = None, None
                raise AuthRequired(f"the central refused to renew the token: "
                                   f"{body.get('error', 'refused')}")
            body = await _json(r)
        return self._take(body)

    async def ensure_token(self) -> str:
        """A token that is not about to expire, logging in if needed."""
        async with self._login_lock:
            fresh = self._token is not None and (
                self.info is None or self.info.expires_at - self._margin > time.time())
            if fresh:
                assert self._token is not None
                return self._token
            if not self.has_credentials:
                if self._token is not None and self.info is not None:
                    return (await self.refresh()).token  # near its end: renew it
                if self._token is not None:
                    return self._token  # let the central decide; a 401 then says why
                raise AuthRequired("not logged in: no token and no user name and password")
            return (await self.login()).token

    def renew_at(self) -> float | None:
        """When (UTC epoch s) the token should be renewed, None without a login's expiry."""
        return None if self.info is None else self.info.expires_at - self._margin

    def forget_token(self, token: str | None = None) -> None:
        """The central refused ``token`` (or the current one): log in again next time."""
        if token is None or token == self._token:
            self._token, self.info = None, None

    async def auth_headers(self) -> dict[str, str]:
        """Headers for an authenticated request (logging in first if needed)."""
        return {"Authorization": f"Bearer {await self.ensure_token()}"}

    async def logout(self) -> None:
        """Revoke the token at the central (best effort) and forget it."""
        if self._token is None:
            return
        token, self._token, self.info = self._token, None, None
        try:
            async with self.session.post(f"{self.base_url}/api/v1/auth/logout",
                                         headers={"Authorization": f"Bearer {token}"}) as r:
                await r.read()
        except (aiohttp.ClientError, OSError, TimeoutError):
            pass

    async def answer(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                     **kwargs: Any) -> tuple[int, dict[str, Any]]:
        """An authenticated request (on 401 log in once more and retry): its status and JSON
        body; an error's body that is not a JSON object comes back as ``{"error": text}``."""
        for attempt in (1, 2):
            auth = await self.auth_headers()
            async with self.session.request(method, f"{self.base_url}{path}",
                                            headers={**(headers or {}), **auth}, **kwargs) as r:
                if r.status == 401 and attempt == 1 and self.has_credentials:
                    self.forget_token(auth["Authorization"].removeprefix("Bearer "))
                    continue
                if r.status == 401:
                    raise AuthRequired(f"{method} {path} → 401: {(await r.text())[:300]}")
                if r.status >= 400:
                    return r.status, await _error_body(r)
                return r.status, await r.json()
        raise AssertionError("unreachable")

    async def fetch_bytes(self, path: str, **kwargs: Any) -> bytes:
        """GET a file (a CSV export, a media file) with the login, retried once on 401;
        an error status raises :class:`CentralError` with the central's answer."""
        for attempt in (1, 2):
            auth = await self.auth_headers()
            async with self.session.get(f"{self.base_url}{path}", headers=auth, **kwargs) as r:
                if r.status == 401 and attempt == 1 and self.has_credentials:
                    self.forget_token(auth["Authorization"].removeprefix("Bearer "))
                    continue
                if r.status != 200:
                    raise CentralError(f"GET {path} → {r.status}: {(await r.text())[:300]}",
                                       r.status)
                return await r.read()
        raise AssertionError("unreachable")

    async def fetch_if_changed(self, path: str, etag: str | None) -> tuple[bytes, str] | None:
        """GET a document unless the copy whose ``ETag`` the client holds is current: None
        on 304, else (body, the new ETag); login retry and errors as :meth:`fetch_bytes`."""
        for attempt in (1, 2):
            auth = await self.auth_headers()
            headers = {**auth, **({"If-None-Match": etag} if etag else {})}
            async with self.session.get(f"{self.base_url}{path}", headers=headers) as r:
                if r.status == 401 and attempt == 1 and self.has_credentials:
                    self.forget_token(auth["Authorization"].removeprefix("Bearer "))
                    continue
                if r.status == 304:
                    return None
                if r.status != 200:
                    raise CentralError(f"GET {path} → {r.status}: {(await r.text())[:300]}")
                return await r.read(), r.headers.get("ETag", "")
        raise AssertionError("unreachable")

    async def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """An authenticated request whose error status raises :class:`CentralError`."""
        status, body = await self.answer(method, path, **kwargs)
        if status >= 400:
            raise CentralError(f"{method} {path} → {status}: {str(body.get('error', body))[:300]}",
                               status)
        return body

    # --- protocol ---------------------------------------------------------------

    def stream_url(self, since: int) -> str:
        """WebSocket URL of the live stream from ``since``."""
        ws = self.base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
        return f"{ws}/api/v1/stream?since={since}"

    async def connect_stream(self, since: int, **kwargs: Any) -> aiohttp.ClientWebSocketResponse:
        """Open the stream from ``since`` with the token; on a 401 handshake log in again once."""
        for attempt in (1, 2):
            headers = await self.auth_headers()
            try:
                return await self.session.ws_connect(self.stream_url(since), headers=headers, **kwargs)
            except aiohttp.WSServerHandshakeError as e:
                if e.status != 401:
                    raise
                if attempt == 2 or not self.has_credentials:
                    raise AuthRequired(f"stream refused the token (401): {e.message}") from e
                self.forget_token(headers["Authorization"].removeprefix("Bearer "))
        raise AssertionError("unreachable")

    async def changes(self, since: int, limit: int = 5000) -> tuple[list[Change], int, int]:
        """(changes after ``since``, their last seq, the central's head)."""
        body = await self._request("GET", "/api/v1/changes", params={"since": since, "limit": limit})
        changes = [Change.from_wire(c) for c in body["changes"]]
        return changes, int(body.get("last_seq", since)), int(body.get("head", since))

    async def post_commands(self, commands: list[dict[str, Any]], actor: str,
                            workstation: str) -> list[dict[str, Any]]:
        """Send a batch of commands; one result per command, same order.

        ``actor`` is informative: the central records the logged-in user.
        """
        payload = {"actor": actor, "workstation": workstation, "commands": commands}
        body = await self._request("POST", "/api/v1/commands", json=payload)
        return list(body["results"])

    async def health(self) -> dict[str, Any]:
        """The central's health document (no login needed)."""
        async with self.session.get(f"{self.base_url}/api/v1/health") as r:
            return await _json(r)


async def _error_body(r: aiohttp.ClientResponse) -> dict[str, Any]:
    try:
        body = await r.json(content_type=None)
    except (ValueError, aiohttp.ContentTypeError):
        return {"error": (await r.text())[:300]}
    return body if isinstance(body, dict) else {"error": str(body)[:300]}


async def _json(r: aiohttp.ClientResponse) -> dict[str, Any]:
    if r.status >= 400:
        text = await r.text()
        raise CentralError(f"{r.method} {r.url.path} → {r.status}: {text[:300]}", r.status)
    return await r.json()
