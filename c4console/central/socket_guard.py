"""Open WebSockets end with the token that opened them (issue 16, point 4).

Every socket a token opens (the change stream, a live-listen socket) is watched
here with a ``close(reason)`` callback:

- a logout through this central closes the token's sockets at once (push);
- the token's expiry closes them at that moment (a timer per socket);
- a password change, role change, disable, lock or ``users revoke-tokens`` made by
  ``c4central users …`` (another process, on the same database) is seen by one
  query over the watched tokens every ``check_s`` (0.5 s), and :meth:`SocketGuard.check`
  runs at once after this central changes an account itself.

So no socket outlives its token, its account's role or its account's state by more
than ``check_s``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from c4console.central import accounts
from c4console.central.queries import Reader

log = logging.getLogger(__name__)

CHECK_S = 0.5


@dataclass(eq=False)
class Watched:
    """One open socket: whose token, with which role, and how to close it."""

    token_hash: str
    user: str
    role: str
    close: Callable[[str], None]
    expiry: asyncio.TimerHandle | None = None
    closed: bool = False


class SocketGuard:
    """The open sockets of every token; closes them when the token stops being good."""

    def __init__(self, reader: Reader, *, check_s: float = CHECK_S,
                 clock: Callable[[], float] = time.time) -> None:
        self.reader = reader
        self.check_s = check_s
        self.clock = clock
        self._sockets: dict[int, Watched] = {}
        self._ids = itertools.count(1)
        self._checker: asyncio.Task | None = None

    def watch(self, token: str, user: str, role: str, expires_at: float,
              close: Callable[[str], None]) -> Callable[[], None]:
        """Watch one socket opened with ``token``; returns the function that forgets it."""
        key = next(self._ids)
        watched = Watched(accounts.token_hash(token), user, role, close)
        loop = asyncio.get_running_loop()
        watched.expiry = loop.call_later(max(0.0, expires_at - self.clock()), self._close, watched,
                                         "token expired; log in again and reconnect")
        self._sockets[key] = watched
        if self._checker is None or self._checker.done():
            self._checker = asyncio.ensure_future(self._check_loop())

        def forget() -> None:
            gone = self._sockets.pop(key, None)
            if gone is not None and gone.expiry is not None:
                gone.expiry.cancel()
        return forget

    def count(self) -> int:
        """Sockets watched now."""
        return len(self._sockets)

    def close_token(self, token_hash: str, reason: str) -> int:
        """Close every socket of one token now; how many."""
        hit = [w for w in self._sockets.values() if w.token_hash == token_hash]
        for w in hit:
            self._close(w, reason)
        return len(hit)

    async def check(self) -> None:
        """Close the sockets whose token is gone, expired, whose account is disabled or locked,
        or whose account's role changed (one query for all of them)."""
        watched = [w for w in self._sockets.values() if not w.closed]
        if not watched:
            return
        owners = await self.reader.run(accounts.token_owners, sorted({w.token_hash for w in watched}))
        now = self.clock()
        for w in watched:
            owner = owners.get(w.token_hash)
            if owner is None:
                self._close(w, "token revoked; log in again and reconnect")
                continue
            refusal = owner.refusal(now)
            if refusal is not None:
                self._close(w, refusal)
            elif owner.role != w.role:
                self._close(w, f"role changed to {owner.role}; log in again for that role")

    async def stop(self) -> None:
        """Stop checking (the server is shutting down; its sockets close with it)."""
        task, self._checker = self._checker, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _close(self, watched: Watched, reason: str) -> None:
        if watched.closed:
            return
        watched.closed = True
        if watched.expiry is not None:
            watched.expiry.cancel()
        log.info("closing a socket of %s: %s", watched.user, reason)
        try:
            watched.close(reason)
        except Exception:
            log.exception("closing a socket of %s failed", watched.user)

    async def _check_loop(self) -> None:
        while self._sockets:
            await asyncio.sleep(self.check_s)
            try:
                await self.check()
            except asyncio.CancelledError:
                raise
            except Exception as e:  # the database is away for a moment: check again later
                log.info("socket token check failed (%s); checking again", type(e).__name__)
