"""The database side of an audio session, each step one write transaction:
bind a new session to the device's open incident (opening one if she has none),
checkpoint its hash chain, and end it. An incident opened by audio that comes first is
classified like her data alarm (a device in test mode: a TEST incident; else an
emergency whose activation texts her trusted contacts). Timeline events ``audio_started`` and
``audio_ended`` put the recording on the incident's timeline (and the feed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update

from c4console.central.audio import tables as at
from c4console.central.device_test_mode import announced, classify_activation
from c4console.central.records import Tx
from c4console.core.alarms import panic_activation
from c4console.core.catalogue import Catalogue
from c4console.core.commands import Context
from c4console.core.geo import Cuadrante
from c4console.core.models import Incident, TimelineEvent


class SessionRefused(Exception):
    """The session cannot be opened: ``status`` is the HTTP status, the message says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Binding:
    """Who and what a new session belongs to."""

    incident_id: str
    folio: str
    beneficiary_id: str | None
    opened_incident: bool


def open_session(tx: Tx, row: dict[str, Any], *, actor: str, source: str, catalogue: Catalogue,
                 locate: Callable[[float, float], Cuadrante | None],
                 new_id: Callable[[], str]) -> Binding:
    """Insert the session ``row`` bound to its device's open incident; raise SessionRefused."""
    device_id = row["device_id"]
    device = tx.get("device", device_id)
    if device is None:
        number = tx.security_event("unknown_device",
                                   f"audio session for device {device_id} refused: not registered",
                                   source)
        raise SessionRefused(404, f"device {device_id} not registered: audio session refused, "
                                  f"security event {number}")
    if device.kind != "panic":
        raise SessionRefused(409, f"device {device_id} is a {device.kind} tracker, not a panic "
                                  "device: audio sessions are for panic devices")
    open_incidents = tx.open_incidents_of_device(device_id)
    opened = False
    if not open_incidents:
        # Audio with no activation before it (the call reached the gateway first):
        # the same rule as a panic alarm opens her ALTA incident.
        beneficiary = tx.get("beneficiary", device.beneficiary_id) if device.beneficiary_id else None
        ctx = Context(now=tx.now, actor=f"device:{device_id}", new_id=new_id, catalogue=catalogue,
                      next_folio=tx.next_folio,
                      locate=locate if device.last_lat is not None else (lambda _a, _b: None))
        decision = panic_activation(device, beneficiary, device.last_lat, device.last_lon, {}, ctx)
        incidents, events = list(decision.incidents), list(decision.events)
        # Her test call may reach us as audio first: the same test mode as her data alarm
        # (central/device_test_mode.py) — a TEST incident that texts no one.
        test = classify_activation(tx, device, {}, incidents, events, actor=ctx.actor,
                                   new_id=new_id)
        for record in (*incidents, *events):
            tx.put(record)
        # As for her data alarm: the SMS to her trusted contacts (none for a test).
        tx.announce(announced(decision.domain_events, test))
        incident: Incident = incidents[0]
        opened = True
    else:
        incident = max(open_incidents.values(), key=lambda i: i.created_at)
    full = {**row, "incident_id": incident.id, "folio": incident.folio,
            "beneficiary_id": incident.beneficiary_id or device.beneficiary_id, "created_by": actor}
    tx.conn.execute(insert(at.audio_sessions).values(**full))
    tx.put(TimelineEvent(new_id(), incident.id, tx.now, "audio_started", actor, "", {
        "session_id": row["id"], "codec": row["codec"], "sample_rate": row["sample_rate"],
        "udp_port": row["udp_port"], "device_id": device_id}))
    return Binding(incident.id, incident.folio, full["beneficiary_id"], opened)


def checkpoint(tx: Tx, rows: Iterable[dict[str, Any]]) -> None:
    """Store the progress and chain head of live sessions (no feed change)."""
    for r in rows:
        tx.conn.execute(update(at.audio_sessions).where(at.audio_sessions.c.id == r["id"])
                        .values(**{k: v for k, v in r.items() if k != "id"}, checkpoint_at=tx.now))


def end_session(tx: Tx, session_id: str, values: dict[str, Any], *, actor: str,
                new_id: Callable[[], str]) -> None:
    """Mark a session ended (or interrupted) and put ``audio_ended`` on its incident's timeline."""
    row = tx.conn.execute(select(at.audio_sessions).where(at.audio_sessions.c.id == session_id)).first()
    if row is None:
        return
    tx.conn.execute(update(at.audio_sessions).where(at.audio_sessions.c.id == session_id)
                    .values(**values, checkpoint_at=tx.now))
    if row.incident_id:
        tx.put(TimelineEvent(new_id(), row.incident_id, tx.now, "audio_ended", actor,
                             values.get("end_reason", ""), {
                                 "session_id": session_id, "reason": values.get("end_reason", ""),
                                 "status": values.get("status"), "segments": values.get("segments"),
                                 "duration_s": round(values.get("samples", 0) / row.sample_rate, 3),
                                 "lost": values.get("lost"), "chain_head": values.get("chain_head")}))
