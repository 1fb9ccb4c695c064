"""Logins, lockout and bearer tokens: the policy, independent of HTTP.

- A login checks the Argon2id hash on a small thread pool of its own, so a burst
  of logins never holds up the writer (commands) or the readers (feed).
- 5 consecutive failures of one user from one address lock that user *from that
  address* for 10 minutes (CJIS); a login while locked is refused without checking
  the password. The lock leaves her other addresses and her tokens alone, so knowing
  her name is not enough to log her out mid-shift; a shift lead unlocks her from the
  console (command ``unlock_login``). Failures, locks and logins while locked are
  security events.
- An address that keeps failing (any user names) backs off, and at most 16 password
  checks wait for the hashing threads: both answered 429 (c4console/central/login_guard.py).
- A token is valid until ``expires_at`` (default 12 h after the login); the role
  and the account's state (disabled, locked) are read from the user at each
  request, so a role change or a disable applies at once.
- The WebSockets a token opened are watched (:class:`SocketGuard`): logout, a
  refresh (the old token), expiry, a password or role change or a disable closes them.
- A role in ``mfa_required_roles`` (default supervisor and admin, config.py) must have a
  second factor: her login without one enrolled gets a token for the enrolment only
  (:attr:`AuthUser.enrol_only`, at most :data:`ENROL_ONLY_S`): every other endpoint answers
  403 ``mfa_enrolment_required`` (api_auth.py). The rule is read at each request from her
  role and her second factor, so a role change or an administrator's reset applies at once;
  once she confirms her second factor, her password-only tokens end and she logs in with
  the code.
- An account with a confirmed second factor (c4console/central/mfa.py) also needs a
  code: without one the answer asks for it (``mfa_required``, not a failure); a wrong or
  replayed code counts toward the same per-user+address lock as a wrong password, and a
  recovery code works once (a security event says it was used).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from c4console.central import accounts, mfa, mfa_store, passwords
from c4console.central.login_guard import AddressBackoff, HashingSlots, TooManyAttempts
from c4console.central.queries import Reader
from c4console.central.service import Service
from c4console.central.socket_guard import CHECK_S, SocketGuard

log = logging.getLogger(__name__)

TOKEN_HOURS = 12.0
MAX_FAILURES = 5
LOCK_S = 600.0
ENROL_ONLY_S = 1800.0  # an enrol-only token lives at most this long (half an hour to enrol)


@dataclass(frozen=True, slots=True)
class AuthUser:
    """The caller of a request, from its token."""

    name: str
    role: str
    expires_at: float
    # Her role needs a second factor and she has none: the token serves only to enrol one.
    enrol_only: bool = False


class LoginFailed(Exception):
    """A refused login. ``reason``: ``bad_credentials``, ``locked``, ``disabled``,
    ``mfa_required`` (the password was right; send the code too) or ``mfa_failed``."""

    def __init__(self, reason: str, message: str, locked_until: float | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.locked_until = locked_until


class Unauthorized(Exception):
    """A request without a valid token; the message says what was wrong."""


def clock_text(at: float) -> str:
    """A UTC time people can read in an error message."""
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


class Authenticator:
    """Logins and token checks against the central's database."""

    def __init__(self, service: Service, reader: Reader, *, token_hours: float = TOKEN_HOURS,
                 max_failures: int = MAX_FAILURES, lock_s: float = LOCK_S,
                 clock: Callable[[], float] = time.time, socket_check_s: float = CHECK_S,
                 mfa_required_roles: Iterable[str] = ()) -> None:
        if not token_hours > 0:
            raise ValueError(f"token lifetime must be positive, not {token_hours} h")
        self.service = service
        self.reader = reader
        self.lifetime_s = token_hours * 3600.0
        self.max_failures = max_failures
        self.lock_s = lock_s
        self.clock = clock
        self._hashing = ThreadPoolExecutor(2, thread_name_prefix="c4central-argon2")
        self.slots = HashingSlots()
        self.backoff = AddressBackoff()
        self.sockets = SocketGuard(reader, check_s=socket_check_s, clock=clock)
        self.mfa_required = frozenset(mfa_required_roles)

    async def _hash_work(self, fn: Callable[..., object], *args: object) -> object:
        self.slots.take()  # TooManyAttempts when the queue is full: answered 429 at once
        try:
            return await asyncio.get_running_loop().run_in_executor(self._hashing, fn, *args)
        finally:
            self.slots.give()

    async def login(self, username: str, password: str, source: str,
                    code: str | None = None) -> tuple[str, AuthUser, str]:
        """Check the password, and ``code`` if the account has a second factor; returns
        (token, user, second factor used: "totp", "recovery" or "") or raises
        :class:`LoginFailed`, or :class:`TooManyAttempts` (the address must back off, or the
        hashing queue is full)."""
        now = self.clock()
        wait = self.backoff.wait_s(source, now)
        if wait > 0:
            raise TooManyAttempts(f"too many failed logins from this address; try again in "
                                  f"{wait:.0f} s", wait)
        try:
            name = passwords.normalize_name(username)
        except passwords.BadName:
            name = None
        user = await self.reader.run(accounts.get_user, name) if name else None
        if user is not None and user.disabled:
            await self._event("login_while_disabled", f"login as {user.name} refused: account disabled",
                              source)
            raise LoginFailed("disabled", f"account {user.name} is disabled; ask an administrator")
        # A lock set by ``c4central users`` before migration 0013 (users.locked_until), or the
        # lock of this user from this address: other addresses are not locked out.
        until = None
        if user is not None:
            until = (user.locked_until if user.locked_at(now)
                     else await self.reader.run(accounts.locked_from, user.name, source, now))
        if user is not None and until is not None:
            await self._event("login_while_locked",
                              f"login as {user.name} refused: locked until {clock_text(until)}",
                              source)
            raise LoginFailed("locked", self._locked_message(user.name, until), until)
        ok = await self._hash_work(passwords.verify_password,
                                   user.password_hash if user else None, password)
        if not ok:
            self.backoff.failed(source, self.clock())
            await self._failed(user, username, source)
        assert user is not None
        second = await self._second_factor(user, username, code, source)
        self.backoff.succeeded(source)
        new_hash = None
        if passwords.needs_rehash(user.password_hash):
            new_hash = await self._hash_work(passwords.hash_password, password)
        # Her role needs a second factor and she has none: a short token to enrol it.
        enrol_only = not second and user.role in self.mfa_required
        lifetime = min(self.lifetime_s, ENROL_ONLY_S) if enrol_only else self.lifetime_s
        token, expires_at = await self.service.write(
            lambda tx: accounts.issue_token(tx, user.name, lifetime, source, new_hash))
        log.info("login: %s (%s) from %s, token until %s%s", user.name, user.role, source or "?",
                 clock_text(expires_at), " (second factor enrolment only)" if enrol_only else "")
        return token, AuthUser(user.name, user.role, expires_at, enrol_only), second

    async def _second_factor(self, user: accounts.UserRow, typed: str, code: str | None,
                             source: str) -> str:
        """After the right password: "" if the account has no confirmed second factor, else
        "totp" or "recovery" for a good code; LoginFailed otherwise."""
        second = await self.reader.run(mfa_store.get, user.name)
        if second is None or not second.confirmed:
            return ""
        code = (code or "").strip()
        if not code:
            raise LoginFailed("mfa_required", "this account needs the code of its authenticator "
                                              "app (or one of its recovery codes)")
        if mfa.is_totp_code(code.replace(" ", "")):
            step = mfa.matching_step(second.secret, code, self.clock())
            if step is not None and await self.service.write(
                    lambda tx: mfa_store.accept_step(tx, user.name, step)):
                return "totp"
            what = "a code already used" if step is not None else "a wrong code"
        else:
            hashes = await self.reader.run(mfa_store.unused_recovery_codes, user.name)
            code_id = await self._hash_work(mfa.matching_recovery_code, hashes, code)
            if code_id is not None and await self.service.write(
                    lambda tx: mfa_store.use_recovery_code(tx, code_id)):
                await self._event("mfa_recovery_code_used",
                                  f"{user.name} logged in with a recovery code "
                                  f"({len(hashes) - 1} left)", source)
                return "recovery"
            what = "a wrong recovery code"
        self.backoff.failed(source, self.clock())
        await self._failed(user, typed, source, event="mfa_failed",
                           detail=f"{what} for {user.name}", reason="mfa_failed",
                           message="wrong or already used code")
        raise AssertionError("unreachable")  # _failed raises

    async def _failed(self, user: accounts.UserRow | None, typed: str, source: str, *,
                      event: str = "login_failed", detail: str = "", reason: str = "bad_credentials",
                      message: str = "wrong user name or password") -> None:
        if user is None:
            shown = typed[:64] if isinstance(typed, str) else "?"
            await self._event("login_failed", f"login as unknown user {shown!r} refused", source)
            raise LoginFailed("bad_credentials", "wrong user name or password")
        detail = detail or f"wrong password for {user.name}"

        def count(tx) -> tuple[float | None, int]:
            until = accounts.record_failure(tx, user.name, source, self.max_failures, self.lock_s)
            number = tx.security_event(event, detail, source)
            if until is not None:
                number = tx.security_event(
                    "account_locked", f"{user.name} locked from {source or '?'} until "
                                      f"{clock_text(until)} after {self.max_failures} failed "
                                      "logins", source)
            return until, number

        until, _ = await self.service.write(count)
        if until is not None:
            log.warning("account %s locked from %s until %s (%d failed logins)", user.name,
                        source or "?", clock_text(until), self.max_failures)
            raise LoginFailed("locked", self._locked_message(user.name, until), until)
        raise LoginFailed(reason, message)

    def _locked_message(self, name: str, until: float) -> str:
        return (f"account {name} is locked until {clock_text(until)} on this workstation after "
                f"{self.max_failures} failed logins; wait, or ask the shift lead to unlock it")

    async def check_password(self, user: AuthUser, password: str, source: str) -> bool:
        """True if ``password`` is the caller's (before a change to her second factor: a
        stolen token alone must not enrol one); a wrong one is a security event and makes
        the address back off."""
        row = await self.reader.run(accounts.get_user, user.name)
        ok = bool(await self._hash_work(passwords.verify_password,
                                        row.password_hash if row else None, password))
        if not ok:
            self.backoff.failed(source, self.clock())
            await self._event("mfa_enrol_refused", f"wrong password for {user.name} at an MFA "
                                                   "enrolment", source)
        return ok

    async def hash_work(self, fn: Callable[..., object], *args: object) -> object:
        """Run Argon2 work (``fn(*args)``) on the hashing threads, within the bounded queue."""
        return await self._hash_work(fn, *args)

    async def _event(self, kind: str, detail: str, source: str) -> int:
        return await self.service.write(lambda tx: tx.security_event(kind, detail, source))

    async def authenticate(self, token: str) -> AuthUser:
        """The user of a bearer token, or :class:`Unauthorized` saying why not."""
        owner = await self.reader.run(accounts.token_owner, accounts.token_hash(token))
        if owner is None:
            raise Unauthorized("token unknown or revoked; log in again (POST /api/v1/auth/login)")
        now = self.clock()
        if owner.expires_at <= now:
            raise Unauthorized(f"token expired at {clock_text(owner.expires_at)}; log in again "
                               "(POST /api/v1/auth/login)")
        refusal = owner.refusal(now)
        if refusal is not None:
            raise Unauthorized(refusal)
        return AuthUser(owner.name, owner.role, owner.expires_at,
                        owner.role in self.mfa_required and not owner.mfa_enrolled)

    async def end_password_only_sessions(self, name: str) -> int:
        """Her second factor is confirmed: end the tokens she got with the password alone
        (enrol-only) and close their sockets; she logs in again with a code. How many."""
        count = await self.service.write(lambda tx: accounts.revoke_user_tokens(tx, name))
        await self.sockets.check()
        return count or 0

    async def refresh(self, token: str, user: AuthUser, source: str) -> tuple[str, AuthUser]:
        """A new token for the caller of ``token`` (already authenticated), valid a full
        lifetime from now; the old one is revoked and its sockets closed. The console
        keeps working without keeping the password (issue 16 point 6)."""
        hashed = accounts.token_hash(token)
        rotated = await self.service.write(
            lambda tx: accounts.rotate_token(tx, hashed, self.lifetime_s, source))
        if rotated is None:
            raise Unauthorized("token unknown or revoked; log in again (POST /api/v1/auth/login)")
        self.sockets.close_token(hashed, "token refreshed")
        new_token, expires_at = rotated
        return new_token, AuthUser(user.name, user.role, expires_at)

    async def logout(self, token: str) -> bool:
        """Revoke a token and close its sockets; False if it was not valid."""
        hashed = accounts.token_hash(token)
        revoked = await self.service.write(lambda tx: accounts.revoke(tx, hashed))
        self.sockets.close_token(hashed, "logged out")
        return revoked

    async def account_changed(self) -> None:
        """An account was changed through this central: check the open sockets now."""
        await self.sockets.check()

    def close(self) -> None:
        """Stop the hashing threads."""
        self._hashing.shutdown(wait=True)
