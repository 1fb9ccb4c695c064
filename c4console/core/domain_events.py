"""What a decision says happened, in words the rest of the central can act on (pure).

A :class:`~c4console.core.command_kit.Decision` carries, beside the records it changes,
the facts that others react to: a panic activation, an operator's WhatsApp reply, a
photo she sent. The central's write transaction collects them and hands each to the
handlers subscribed to its type (``Service.on``), inside the same transaction, so the
gateways act on what was decided instead of re-reading the change rows.

They never travel on the wire: the change feed and the command results stay what they
are. Times are UTC epoch seconds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PanicActivated:
    """A panic alarm opened a new incident (a repeat activation of an open one is not this).

    ``test`` is a device's test activation at delivery: it alarms no one.
    """

    incident_id: str
    folio: str
    beneficiary_id: str | None
    device_id: str
    at: float
    lat: float | None  # None: opened by audio from a device with no position yet
    lon: float | None
    test: bool = False


@dataclass(frozen=True, slots=True)
class ChatReplied:
    """An operator's WhatsApp message to her (a ``chat_message`` with direction out).

    ``event_id`` is its timeline event; ``caller`` the incident's number (``+<wa_id>``)
    when it was decided; ``wa_message_id`` is set only if it was already sent.
    """

    event_id: str
    incident_id: str
    caller: str
    text: str
    buttons: tuple[str, ...] = ()
    wa_message_id: str = ""


@dataclass(frozen=True, slots=True)
class MediaReceived:
    """She sent a photo, voice note, document… (an inbound ``chat_message`` with a media id)."""

    event_id: str
    incident_id: str
    media_id: str
    mime_type: str = ""


@dataclass(frozen=True, slots=True)
class ProximityAlarm:
    """A proximity alarm opened a new incident (a domain event: her contacts are texted)."""

    incident_id: str
    folio: str
    beneficiary_id: str | None
    device_id: str  # his tracker
    at: float
    lat: float | None  # the incident's location: hers, or the zone's
    lon: float | None
    breach: str  # "zone" | "distance"
    zone_label: str = ""


@dataclass(frozen=True, slots=True)
class LoginUnlocked:
    """A shift lead unlocked ``user``'s login (command ``unlock_login``): the central clears
    her locks from every address in the same transaction."""

    user: str
    by: str
    at: float


DomainEvent = PanicActivated | ChatReplied | MediaReceived | ProximityAlarm | LoginUnlocked
