"""Her audio that came with no alarm: after the central's wait, her activation is opened
from the audio.

The gateway's session for a device with no open incident waits for her data alarm
(audio/binding.py). Usually the alarm follows within seconds and ``ingest.py`` binds the
session. If none arrives within ``alarm_wait_s`` of the session's start (the alarm was
lost, her tracker has no data signal), her audio is still her calling: the central opens
her activation exactly as a data alarm would — classified by
:func:`~c4console.central.device_test_mode.classify_activation` (a device in test mode:
a TEST incident that texts no one, the mode spent; otherwise her ALTA incident whose
activation texts her trusted contacts) — at her device's last known position, and binds
the session. A session that ended before the wait is opened at the wait too (measured
from its start), so a short call whose alarm follows still joins that alarm.

Only the authenticated gateway's source-pinned session can come to this, and only after
the wait: a token alone never opens an emergency (issue 16 point 2).

:class:`AlarmWait` runs the check on the central's event loop: a cheap read of the waiting
sessions every ``check_s``, a write transaction only when one is overdue. It also tells
the audio manager when a session it records was bound (by this node or another), so the
recording's manifest records its incident.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import Engine, select

from c4console.central.audio import tables as at
from c4console.central.audio.binding import bind_waiting
from c4console.central.device_test_mode import announced, classify_activation
from c4console.central.records import Tx
from c4console.central.tasks import cancel_and_wait
from c4console.core.alarms import panic_activation
from c4console.core.catalogue import Catalogue
from c4console.core.commands import Context
from c4console.core.geo import Cuadrante
from c4console.core.models import Device, Incident

log = logging.getLogger(__name__)

DEFAULT_WAIT_S = 20.0
BATCH = 200  # overdue sessions taken by one transaction at most


def waiting_sessions(engine: Engine) -> list[dict[str, Any]]:
    """Sessions waiting for her alarm (no incident yet), oldest first."""
    table = at.audio_sessions
    query = (select(table.c.id, table.c.device_id, table.c.started_at, table.c.status,
                    table.c.server_id)
             .where(table.c.incident_id.is_(None)).order_by(table.c.started_at).limit(1000))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def open_overdue(tx: Tx, wait_s: float, *, catalogue: Catalogue,
                 locate: Callable[[float, float], Cuadrante | None],
                 new_id: Callable[[], str]) -> list[str]:
    """Open her activation for each device whose session waited ``wait_s`` with no alarm,
    and bind its waiting sessions; the ids of the sessions bound.

    A device whose incident opened meanwhile (another node's alarm) has its sessions bound
    to that incident instead: one call, one incident.
    """
    table = at.audio_sessions
    due = tx.conn.execute(select(table.c.device_id)
                          .where(table.c.incident_id.is_(None),
                                 table.c.started_at <= tx.now - wait_s)
                          .order_by(table.c.started_at).limit(BATCH)).scalars().all()
    bound: list[str] = []
    for device_id in dict.fromkeys(due):
        device: Device | None = tx.get("device", device_id)
        if device is None or device.kind != "panic":
            # Registered panic devices only get sessions; a record changed since then
            # cannot be classified: say so loudly, never drop the audio silently.
            log.error("audio of device %s waited for her alarm, but the device is no longer a "
                      "registered panic device: no activation opened; the recording is kept",
                      device_id)
            continue
        open_incidents = tx.open_incidents_of_device(device_id)
        if open_incidents:
            incident = max(open_incidents.values(), key=lambda i: i.created_at)
            actor = "central"
        else:
            incident = _activation_from_audio(tx, device, wait_s, catalogue, locate, new_id)
            actor = f"device:{device_id}"
        bound += bind_waiting(tx, device_id, incident, actor=actor, new_id=new_id)
    return bound


def _activation_from_audio(tx: Tx, device: Device, wait_s: float, catalogue: Catalogue,
                           locate: Callable[[float, float], Cuadrante | None],
                           new_id: Callable[[], str]) -> Incident:
    """Her activation as her data alarm would open it, at her last known position."""
    beneficiary = tx.get("beneficiary", device.beneficiary_id) if device.beneficiary_id else None
    actor = f"device:{device.id}"
    lat, lon = device.last_lat, device.last_lon
    ctx = Context(now=tx.now, actor=actor, new_id=new_id, catalogue=catalogue,
                  next_folio=tx.next_folio,
                  locate=locate if lat is not None and lon is not None else (lambda _a, _b: None))
    decision = panic_activation(device, beneficiary, lat, lon, {}, ctx)  # type: ignore[arg-type]
    incidents, events = list(decision.incidents), list(decision.events)
    # The timeline says what opened it: her audio, after the central waited for her alarm.
    created = events[0]
    events[0] = created.evolve(data={**(created.data or {}), "opened_by": "audio",
                                     "alarm_wait_s": wait_s})
    # Her test call may come as audio alone: the same test mode as her data alarm.
    test = classify_activation(tx, device, {}, incidents, events, actor=actor, new_id=new_id)
    for record in (*incidents, *events):
        tx.put(record)
    tx.announce(announced(decision.domain_events, test))
    log.warning("device %s: audio with no alarm for %.0f s: %s %s opened from her audio",
                device.id, wait_s, "test activation" if test else "panic activation",
                incidents[0].folio)
    return incidents[0]


class AlarmWait:
    """Every ``check_s``: the waiting sessions; overdue ones get their activation.

    ``write`` is the service's write (one transaction), ``read`` runs a query on a reader
    thread, ``opener`` is :func:`open_overdue` with the catalogue and locator bound,
    ``clock`` the service's clock. ``on_waiting(ids)`` hears, at every check, which
    sessions still wait (the audio manager adopts the bindings of the others).
    """

    def __init__(self, *, write: Callable[[Callable[[Tx], Any]], Awaitable[Any]],
                 read: Callable[..., Awaitable[Any]],
                 opener: Callable[[Tx, float], list[str]], clock: Callable[[], float],
                 wait_s: float = DEFAULT_WAIT_S, check_s: float | None = None,
                 on_waiting: Callable[[set[str]], Awaitable[None]] | None = None) -> None:
        self.write, self.read, self.opener, self.clock = write, read, opener, clock
        self.wait_s = wait_s
        # Checked often enough that her activation opens at most a quarter of the wait late.
        self.check_s = check_s if check_s is not None else min(1.0, max(0.05, wait_s / 4))
        self.on_waiting = on_waiting
        self._task: asyncio.Task | None = None
        # Overdue sessions a check could not bind (their device is no longer a registered
        # panic device): logged once, not retried every check.
        self._stuck: set[str] = set()

    def start(self) -> None:
        """Start checking."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def check_now(self) -> list[str]:
        """One check: the sessions bound by opening their overdue activations."""
        waiting = await self.read(waiting_sessions)
        if self.on_waiting is not None:
            await self.on_waiting({r["id"] for r in waiting})
        overdue = {r["id"] for r in waiting
                   if r["started_at"] <= self.clock() - self.wait_s and r["id"] not in self._stuck}
        if not overdue:
            return []
        bound = await self.write(lambda tx: self.opener(tx, self.wait_s))
        if len(overdue) <= BATCH:
            self._stuck |= overdue - set(bound)
        return bound

    async def _run(self) -> None:
        while True:
            try:
                await self.check_now()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the wait must outlive one failed check
                log.exception("audio: the check of sessions waiting for her alarm failed")
            await asyncio.sleep(self.check_s)

    async def stop(self) -> None:
        """Stop checking."""
        await cancel_and_wait(self._task)
        self._task = None
