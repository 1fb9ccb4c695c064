"""What a device report passes before it is ingested (issue 16 point 13), for both tracker
gateways (OsmAnd on its own port, Traccar forwarding on the API's):

1. **the address allow-list** (``tracker_allow``: the carriers' private APN ranges, the
   Traccar server): a report from anywhere else is refused 403 before it is read;
2. **the device's own secret**, when it has one (central/device_secrets.py);
3. **the flood limits**: positions beyond ``device_rate`` (token bucket per device) are
   refused 429; alarms (SOS) have a cap of their own, higher and per minute — per device
   (``alarm_rate``, default 30 a minute) and per source address (``alarm_source_rate``,
   default 300: a carrier's NAT puts many devices behind one address). A real SOS, a few
   a minute, always passes; a flood of 1,000 fake ones is cut after the cap.

Every refusal but a position's 429 is a security event, written through the merging of
central/security_events.py: a flood is one row with a count, not a row per request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from c4console.central import device_secrets
from c4console.central.client_address import Network, in_networks
from c4console.central.ingest import PositionReport, RateLimiter
from c4console.central.queries import Reader
from c4console.central.service import Service

log = logging.getLogger(__name__)

ALARMS_PER_MINUTE = 30.0
SOURCE_ALARMS_PER_MINUTE = 300.0
LOG_EVERY = 100  # a refused flood is logged at its first request and then every 100th


@dataclass(frozen=True, slots=True)
class Refusal:
    """A report refused before ingest: the HTTP status, the sentence said back, the
    security event (if one was written) and the Retry-After seconds (429)."""

    status: int
    message: str
    security_event: int | None = None
    retry_after: int | None = None

    def _headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)} if self.retry_after else {}

    def text(self) -> web.Response:
        """The answer of the OsmAnd gateway (plain text)."""
        return web.Response(status=self.status, text=self.message + "\n", headers=self._headers())

    def json(self) -> web.Response:
        """The answer of the Traccar gateway (JSON)."""
        body: dict[str, Any] = {"error": self.message}
        if self.security_event is not None:
            body["security_event"] = self.security_event
        return web.json_response(body, status=self.status, headers=self._headers())


@dataclass(frozen=True, slots=True)
class TrackerPolicy:
    """The gateway's settings: allowed addresses (empty: any), alarm caps per minute
    (0: no cap)."""

    allow: tuple[Network, ...] = ()
    alarms_per_minute: float = ALARMS_PER_MINUTE
    source_alarms_per_minute: float = SOURCE_ALARMS_PER_MINUTE


def _per_minute(count: float) -> RateLimiter:
    # A bucket of a minute's worth, refilled over the minute: a real activation's
    # resends never wait, a flood gets the cap and then one every 60/count s.
    return RateLimiter(count / 60.0, max(count, 1.0))


class TrackerGuard:
    """The allow-list, secrets and flood limits in front of :meth:`Service.ingest`."""

    def __init__(self, service: Service, reader: Reader, limiter: RateLimiter | None = None,
                 policy: TrackerPolicy | None = None) -> None:
        self.service = service
        self.reader = reader
        self.limiter = limiter or RateLimiter()
        self.policy = policy or TrackerPolicy()
        self.alarm_devices = _per_minute(self.policy.alarms_per_minute)
        self.alarm_sources = _per_minute(self.policy.source_alarms_per_minute)
        self.refused_addresses = 0
        self.refused_alarms = 0

    async def address(self, source: str, gateway: str) -> Refusal | None:
        """None if ``source`` may send reports; else the 403 (and its security event)."""
        allow = self.policy.allow
        if not allow or in_networks(source, allow):
            return None
        self.refused_addresses += 1
        number = await self._event("tracker_address_refused",
                                   f"{gateway} report from an address outside tracker_allow "
                                   "refused", source)
        if self.refused_addresses % LOG_EVERY == 1:
            log.warning("%s: report from %s refused: not in tracker_allow (security event %d, "
                        "%d refused so far)", gateway, source or "?", number,
                        self.refused_addresses)
        return Refusal(403, f"this address may not send device reports (tracker_allow); "
                            f"nothing stored, security event {number}", number)

    async def secret(self, device_id: str, given: str | None, source: str) -> Refusal | None:
        """None if the device has no secret or ``given`` is it; else the 403."""
        stored = await self.reader.run(device_secrets.secret_hash, device_id)
        if stored is None or device_secrets.matches(stored, given):
            return None
        what = "without its secret" if not given else "with a wrong secret"
        number = await self._event("device_bad_secret",
                                   f"report of device {device_id} {what} refused", source)
        log.warning("report of device %s from %s %s refused (security event %d)", device_id,
                    source or "?", what, number)
        return Refusal(403, f"device {device_id}: missing or wrong secret; nothing stored, "
                            f"security event {number}", number)

    async def flood(self, report: PositionReport, source: str) -> Refusal | None:
        """None if the report is within its limits; else the 429 (an alarm's with its
        security event)."""
        device_id = report.device_id
        if not report.is_sos:
            if self.limiter.allow(device_id):
                return None
            if self.limiter.refused % LOG_EVERY == 1:
                log.warning("device %s sends faster than %g reports/s: refusing the excess "
                            "(%d so far)", device_id, self.limiter.rate, self.limiter.refused)
            cap = self.policy.alarms_per_minute
            return Refusal(429, f"device {device_id} sends more than {self.limiter.rate:g} "
                                "reports a second; position not stored (alarms are always "
                                f"accepted up to {cap:g} a minute)",
                           retry_after=self.limiter.retry_after())
        # An alarm takes a position token too: a device flooding alarms gets its positions
        # refused as well.
        self.limiter.allow(device_id, alarm=True)
        if self.policy.alarms_per_minute > 0 and not self.alarm_devices.allow(device_id):
            return await self._alarm_flood(
                source, f"alarms of device {device_id} beyond {self.policy.alarms_per_minute:g} "
                        "a minute refused", device_id)
        if self.policy.source_alarms_per_minute > 0 and not self.alarm_sources.allow(source):
            return await self._alarm_flood(
                source, f"alarms from this address beyond "
                        f"{self.policy.source_alarms_per_minute:g} a minute refused", device_id)
        return None

    async def _alarm_flood(self, source: str, detail: str, device_id: str) -> Refusal:
        self.refused_alarms += 1
        number = await self._event("alarm_flood", detail, source)
        if self.refused_alarms % LOG_EVERY == 1:
            log.warning("%s (device %s, from %s; security event %d, %d refused so far)", detail,
                        device_id, source or "?", number, self.refused_alarms)
        return Refusal(429, f"{detail}: this alarm was not stored (an open activation already "
                            f"has the earlier ones); security event {number}", number,
                       retry_after=max(1, round(60.0 / max(self.policy.alarms_per_minute, 1.0))))

    async def _event(self, kind: str, detail: str, source: str) -> int:
        return await self.service.write(lambda tx: tx.security_event(kind, detail, source))

