"""HTTP client for a central's API (see docs/protocol.md)."""

from __future__ import annotations

from typing import Any

import aiohttp

from c4console.core.changes import Change


class CentralError(RuntimeError):
    """The central answered with an error; the message says what it said."""


class CentralClient:
    """Thin async client: changes, commands and the stream URL."""

    def __init__(self, base_url: str, session: aiohttp.ClientSession) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session

    def stream_url(self, since: int) -> str:
        """WebSocket URL of the live stream from ``since``."""
        ws = self.base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
        return f"{ws}/api/v1/stream?since={since}"

    async def changes(self, since: int, limit: int = 5000) -> tuple[list[Change], int, int]:
        """(changes after ``since``, their last seq, the central's head)."""
        async with self.session.get(f"{self.base_url}/api/v1/changes",
                                    params={"since": since, "limit": limit}) as r:
            body = await _json(r)
        changes = [Change.from_wire(c) for c in body["changes"]]
        return changes, int(body.get("last_seq", since)), int(body.get("head", since))

    async def post_commands(self, commands: list[dict[str, Any]], actor: str,
                            workstation: str) -> list[dict[str, Any]]:
        """Send a batch of commands; one result per command, same order."""
        payload = {"actor": actor, "workstation": workstation, "commands": commands}
        async with self.session.post(f"{self.base_url}/api/v1/commands", json=payload) as r:
            body = await _json(r)
        return list(body["results"])

    async def health(self) -> dict[str, Any]:
        """The central's health document."""
        async with self.session.get(f"{self.base_url}/api/v1/health") as r:
            return await _json(r)


async def _json(r: aiohttp.ClientResponse) -> dict[str, Any]:
    if r.status >= 400:
        text = await r.text()
        raise CentralError(f"{r.method} {r.url.path} → {r.status}: {text[:300]}")
    return await r.json()
