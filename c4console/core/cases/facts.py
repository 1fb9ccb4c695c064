"""What matching and history need to know of an incident, and nothing more.

The index keeps these compact facts (not whole incidents) so a million of them fit in
memory; the panel fetches the records it shows by id.
"""

from __future__ import annotations

from dataclasses import dataclass

from c4console.core.cases.identity_keys import looks_like_number, number_key
from c4console.core.enums import Channel
from c4console.core.models import Incident


@dataclass(frozen=True, slots=True)
class IncidentFacts:
    """An incident as matching sees it. ``number`` is a :func:`number_key` (the phone or
    WhatsApp number it came from, ``""`` if none); the point is the confirmed location,
    else the device's live one."""

    id: str
    created_at: float
    is_open: bool = True
    number: str = ""
    device_id: str | None = None
    beneficiary_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    whatsapp: bool = False  # the number is a WhatsApp one

    @property
    def has_point(self) -> bool:
        """True when the incident has a location."""
        return self.lat is not None and self.lon is not None


def facts_of(incident: Incident) -> IncidentFacts:
    """The facts of an incident: its caller as a number when the caller is one (a
    WhatsApp incident's caller is ``+<wa_id>``; a panic incident's is her name)."""
    number = number_key(incident.caller) if looks_like_number(incident.caller) else ""
    lat, lon = incident.lat, incident.lon
    if lat is None or lon is None:
        lat, lon = incident.live_lat, incident.live_lon
    return IncidentFacts(
        id=incident.id, created_at=incident.created_at, is_open=incident.is_open,
        number=number, device_id=incident.device_id, beneficiary_id=incident.beneficiary_id,
        lat=lat, lon=lon, whatsapp=incident.channel is Channel.WHATSAPP,
    )
