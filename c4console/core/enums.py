"""Enumerations shared by the central and the console.

Values are the wire format (stable lower-case identifiers); the labels that
operators read are produced by the GUI's translation layer, never from here.
"""

from __future__ import annotations

from enum import StrEnum


class Priority(StrEnum):
    """Priority of an incident type in the Catálogo Nacional de Incidentes de Emergencia."""

    ALTA = "ALTA"
    MEDIA = "MEDIA"
    BAJA = "BAJA"

    @property
    def rank(self) -> int:
        """0 for the most urgent; used to sort queues."""
        return {"ALTA": 0, "MEDIA": 1, "BAJA": 2}[self.value]


class Channel(StrEnum):
    """How the emergency reached the C4."""

    PANIC_BUTTON = "panic_button"
    CALL_911 = "call_911"
    WHATSAPP = "whatsapp"
    PHONE = "phone"
    WALK_IN = "walk_in"
    # An aggressor's tracker breaching a protection order (proximity alarm, core/zones).
    AGGRESSOR_TRACKER = "aggressor_tracker"


class IncidentStatus(StrEnum):
    """Lifecycle of an incident; see :mod:`c4console.core.lifecycle`."""

    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    DISPATCHED = "dispatched"
    EN_ROUTE = "en_route"
    ON_SCENE = "on_scene"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    FALSE_ALARM = "false_alarm"
    TEST = "test"

    @property
    def is_open(self) -> bool:
        """True while the incident still needs attention."""
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset(
    {
        IncidentStatus.NEW,
        IncidentStatus.ACKNOWLEDGED,
        IncidentStatus.DISPATCHED,
        IncidentStatus.EN_ROUTE,
        IncidentStatus.ON_SCENE,
    }
)


class UnitStatus(StrEnum):
    """Status of a patrol unit."""

    AVAILABLE = "available"
    ASSIGNED = "assigned"
    EN_ROUTE = "en_route"
    ON_SCENE = "on_scene"
    OUT_OF_SERVICE = "out_of_service"
