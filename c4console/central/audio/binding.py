"""The database side of an audio session, each step one write transaction:
bind a new session to the device's open incident, checkpoint its hash chain, and end it.
Timeline events ``audio_started`` and ``audio_ended`` put the recording on the
incident's timeline (and the feed).

Her call may reach the gateway before her data alarm. The gateway's session for a device
with no open incident is then recorded from its first packet but *waits for her alarm*
(``incident_id`` NULL): it opens no incident on its own. Her activation through the data
path binds every waiting session of her device in its own transaction
(:func:`bind_waiting`, called by ``ingest.py``); if none comes within the central's wait,
``alarm_wait.py`` opens her activation from the audio.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update

from c4console.central.audio import tables as at
from c4console.central.records import Tx
from c4console.core.access import AUDIO_SESSION_OPEN, AUDIO_SESSION_OPEN_TEST
from c4console.core.models import Incident, TimelineEvent

log = logging.getLogger(__name__)


class SessionRefused(Exception):
    """The session cannot be opened: ``status`` is the HTTP status, the message says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Binding:
    """Who and what a new session belongs to (``incident_id`` None: waiting for her alarm)."""

    incident_id: str | None
    folio: str
    beneficiary_id: str | None
    opened_incident: bool = False

    @property
    def waiting(self) -> bool:
        """True while the session waits for her activation (no incident yet)."""
        return self.incident_id is None


def open_session(tx: Tx, row: dict[str, Any], *, actor: str, source: str,
                 new_id: Callable[[], str], role: str | None = None) -> Binding:
    """Insert the session ``row`` bound to its device's open incident; raise SessionRefused.

    ``role`` is the caller's (None: the central itself). The gateway's service account may
    open any panic device's session — with no open incident, one that waits for her alarm;
    supervisors and admins only a test activation's (her open TEST incident).
    """
    device_id = row["device_id"]
    if role is not None and role not in AUDIO_SESSION_OPEN | AUDIO_SESSION_OPEN_TEST:
        _refuse_role(tx, actor, role, device_id, source)
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
    if not open_incidents:
        # Her call reached the gateway before her data alarm: record it from its first
        # packet, but open nothing (issue 16: a session alone never raises an emergency).
        # Only the gateway's authenticated, source-pinned session may wait like this.
        if role is not None and role not in AUDIO_SESSION_OPEN:
            _refuse_role(tx, actor, role, device_id, source)
        full = {**row, "incident_id": None, "folio": "", "beneficiary_id": device.beneficiary_id,
                "created_by": actor}
        tx.conn.execute(insert(at.audio_sessions).values(**full))
        log.info("audio session %s of device %s waits for her alarm", row["id"], device_id)
        return Binding(None, "", device.beneficiary_id)
    incident: Incident = max(open_incidents.values(), key=lambda i: i.created_at)
    if role is not None and role not in AUDIO_SESSION_OPEN and not incident.test:
        _refuse_role(tx, actor, role, device_id, source)
    full = {**row, "incident_id": incident.id, "folio": incident.folio,
            "beneficiary_id": incident.beneficiary_id or device.beneficiary_id, "created_by": actor}
    tx.conn.execute(insert(at.audio_sessions).values(**full))
    tx.put(TimelineEvent(new_id(), incident.id, tx.now, "audio_started", actor, "", {
        "session_id": row["id"], "codec": row["codec"], "sample_rate": row["sample_rate"],
        "udp_port": row["udp_port"], "device_id": device_id}))
    return Binding(incident.id, incident.folio, full["beneficiary_id"])


def bind_waiting(tx: Tx, device_id: str, incident: Incident, *, actor: str,
                 new_id: Callable[[], str]) -> list[str]:
    """Bind every session of ``device_id`` waiting for her alarm to ``incident``; their ids.

    Each gets ``audio_started`` at its real start (before the incident's creation), and a
    session that already ended its ``audio_ended`` too, so the timeline holds the whole call.
    """
    table = at.audio_sessions
    rows = tx.conn.execute(select(table).where(table.c.device_id == device_id,
                                               table.c.incident_id.is_(None))
                           .order_by(table.c.started_at)).all()
    for r in rows:
        beneficiary_id = incident.beneficiary_id or r.beneficiary_id
        tx.conn.execute(update(table).where(table.c.id == r.id, table.c.incident_id.is_(None))
                        .values(incident_id=incident.id, folio=incident.folio,
                                beneficiary_id=beneficiary_id))
        tx.put(TimelineEvent(new_id(), incident.id, r.started_at, "audio_started", actor, "", {
            "session_id": r.id, "codec": r.codec, "sample_rate": r.sample_rate,
            "udp_port": r.udp_port, "device_id": device_id, "waited_for_alarm": True,
            "bound_at": tx.now, "server_id": r.server_id}))
        if r.status != at.LIVE:
            tx.put(TimelineEvent(new_id(), incident.id, r.ended_at or tx.now, "audio_ended",
                                 actor, r.end_reason, {
                                     "session_id": r.id, "reason": r.end_reason,
                                     "status": r.status, "segments": r.segments,
                                     "duration_s": round((r.samples or 0) / r.sample_rate, 3),
                                     "lost": r.lost, "chain_head": r.chain_head}))
        log.info("audio session %s (device %s) bound to incident %s", r.id, device_id,
                 incident.folio)
    return [r.id for r in rows]


def _refuse_role(tx: Tx, actor: str, role: str, device_id: str, source: str) -> None:
    number = tx.security_event("audio_session_refused",
                               f"{actor} ({role}) may not open an audio session for device "
                               f"{device_id}", source)
    raise SessionRefused(403, f"role {role} may not open audio sessions (the gateway's service "
                              "account does; supervisors and admins only for a device test "
                              f"activation): security event {number}")


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
