"""The observatory's endpoints as the console uses them (issue 14), through the
console's logged-in client (:class:`~c4console.sync.central_api.CentralApi`): the
window asks the central, never the local cache (the cache holds only what the feed
gives this console, not a year of the C4's incidents)."""

from __future__ import annotations

from typing import Any

from c4console.sync.central_api import API, CentralApi
from c4console.sync.client import CentralError


class ObservatoryRefused(CentralError):
    """The central refused the question (400): ``reason`` (bad_period, bad_type, …) and
    its sentence saying what was wrong."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message, 400)
        self.reason = reason


class ObservatoryApi:
    """``GET /observatory`` and ``GET /observatory/posters.pdf`` on ``api``'s login."""

    def __init__(self, api: CentralApi) -> None:
        self.api = api

    async def observatory(self, first: str, last: str, *, types: list[str] | None = None,
                          channels: list[str] | None = None,
                          risks: list[str] | None = None) -> dict[str, Any]:
        """The observatory of the C4 days ``first`` to ``last`` (both included), filtered;
        raises :class:`ObservatoryRefused` for a bad filter."""
        params: list[tuple[str, str]] = [("from", first), ("to", last)]
        params += [("type", v) for v in types or ()]
        params += [("channel", v) for v in channels or ()]
        params += [("risk", v) for v in risks or ()]
        status, body = await self.api._client().answer("GET", f"{API}/observatory", params=params)
        if status == 400:
            raise ObservatoryRefused(str(body.get("error", body)), str(body.get("reason", "")))
        if status >= 400:
            raise CentralError(f"GET observatory → {status}: {str(body.get('error', body))[:300]}",
                               status)
        return body

    async def posters(self, sectors: list[str], phone: str) -> bytes:
        """The WhatsApp QR posters of ``sectors`` (one PDF, a page each) for the C4's
        WhatsApp number ``phone``."""
        return await self.api._client().fetch_bytes(
            f"{API}/observatory/posters.pdf", params={"sectors": ",".join(sectors), "phone": phone})
