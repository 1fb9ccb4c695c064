"""The central's side of a panic device's life (the rules are core/device_lifecycle.py and
core/device_lifecycle_commands.py): the lifecycle record a newly registered device starts
with, and the recorded audio sessions of an incident (her test call's recording).

Table ``device_lifecycles`` (migration 0012): one row per panic device (id = device id),
its ``state`` and ``beneficiary_id`` beside the JSON snapshot.
"""

from __future__ import annotations

from sqlalchemy import select

from c4console.central.audio import tables as at
from c4console.central.records import Tx
from c4console.core.device_lifecycle import implied_lifecycle
from c4console.core.models import Device


def ensure_lifecycle(tx: Tx, device: Device) -> None:
    """Give a panic device its lifecycle record if it has none (a device registered by the
    import: in use if delivered to her, else in stock; core ``implied_lifecycle``)."""
    if device.kind != "panic" or tx.get("device_lifecycle", device.id) is not None:
        return
    tx.put(implied_lifecycle(device, tx.now))


def audio_sessions_of(tx: Tx, incident_id: str) -> list[str]:
    """The ids of the audio sessions recorded for an incident, oldest first."""
    tx.flush()
    table = at.audio_sessions
    return list(tx.conn.execute(select(table.c.id).where(table.c.incident_id == incident_id)
                                .order_by(table.c.started_at, table.c.id)).scalars())
