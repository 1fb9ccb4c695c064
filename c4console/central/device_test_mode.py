"""The central's side of a device's test mode (the rule is core/device_testing.py): a new
activation — her data alarm (ingest.py, which also binds the audio of her call that came
first and waits for it), or that audio alone once the central's wait for her alarm has
passed (audio/alarm_wait.py) — is classified here, in the write transaction that opens its
incident, so both paths treat her test call alike.

A test call's incident is marked ``test`` (never dispatched), the device's mode is spent
(one activation), a ``test_activation`` event goes on its timeline, and its
:class:`~c4console.core.domain_events.PanicActivated` carries ``test`` so the SMS gateway
texts no one. An activation after the mode expired is an emergency, and the stale arming
is cleared from the device record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from c4console.central.records import Tx
from c4console.core.device_testing import disarmed, in_test_mode, is_test_call
from c4console.core.domain_events import DomainEvent, PanicActivated
from c4console.core.models import Device, Incident, TimelineEvent


def classify_activation(tx: Tx, device: Device, open_incidents: Mapping[str, Incident],
                        incidents: list[Incident], events: list[TimelineEvent], *, actor: str,
                        new_id: Callable[[], str]) -> bool:
    """Mark a new activation's incident (``incidents[0]``) as her test call if it is one.

    ``incidents`` and ``events`` are the activation's decision (changed in place); the
    device record in ``tx`` is disarmed when the mode is spent or found expired. True for
    a test call.
    """
    if device.test_armed_at is None:
        return False
    current = tx.get("device", device.id) or device
    opened = bool(incidents) and incidents[0].id not in open_incidents
    if not opened:
        return False  # a repeat activation of her open incident: nothing to classify
    if not is_test_call(device, open_incidents, tx.now):
        if not in_test_mode(device, tx.now):
            tx.put(disarmed(current))  # expired: the record stops saying "in test"
        return False
    incidents[0] = incidents[0].evolve(test=True)
    tx.put(disarmed(current))
    events.append(TimelineEvent(new_id(), incidents[0].id, tx.now, "test_activation", actor,
                                device.test_armed_by,
                                {"device_id": device.id, "armed_at": device.test_armed_at,
                                 "armed_by": device.test_armed_by,
                                 "expires_at": device.test_expires_at}))
    return True


def announced(domain_events: Iterable[DomainEvent], test: bool) -> list[DomainEvent]:
    """The activation's domain events, its PanicActivated marked ``test`` for a test call."""
    return [replace(e, test=True) if test and isinstance(e, PanicActivated) else e
            for e in domain_events]
