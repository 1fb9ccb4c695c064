"""The central's side of device health (the rules are core/device_health.py): every report
of a known device updates its ``device_health`` record in the report's own transaction;
a low battery or a tamper event of a device in use opens a call task, which closes when
the device reports again (silence) or its battery recovers; :class:`SilenceWatch` finds
devices that stopped reporting (nothing arrives to tell us) and opens their tasks.

A task's risk is her case's current level (``case-<beneficiary id>``), so the board lists
the highest risk first. Health snapshots of a plain position are published at most once
per reporting interval (``worth_publishing``): a 1 Hz tracker does not double the feed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import select

from c4console.central import schema
from c4console.central.records import Tx
from c4console.central.tasks import PeriodicPass
from c4console.core.cases.registry_link import case_id_for
from c4console.core.device_health import (
    DEFAULT_INTERVAL_S,
    LOW_BATTERY_ALARMS,
    SILENT_FACTOR,
    TAMPER_ALARMS,
    DeviceHealth,
    HealthState,
    HealthTask,
    closes_task,
    task_reason,
    worth_publishing,
)
from c4console.core.models import Device

log = logging.getLogger(__name__)

WATCH_S = 60.0  # how often the central looks for devices that went silent
WATCH_BATCH = 500  # silent devices handled per transaction


def health_of(tx: Tx, device: Device) -> DeviceHealth:
    """The device's health record (a fresh one if it has none yet)."""
    found = tx.get("device_health", device.id)
    if found is not None:
        return found
    return DeviceHealth(id=device.id, kind=device.kind, beneficiary_id=device.beneficiary_id,
                        updated_at=tx.now)


def ensure_health(tx: Tx, device: Device) -> None:
    """Give a newly registered device its health record (the board lists it at once)."""
    if tx.get("device_health", device.id) is None:
        tx.put(DeviceHealth(id=device.id, kind=device.kind, beneficiary_id=device.beneficiary_id,
                            updated_at=tx.now))


def observe_report(tx: Tx, device: Device, *, battery: float | None, charging: bool | None,
                   signal: float | None, alarm: str | None, new_id: Callable[[], str]) -> None:
    """Take one accepted report of ``device`` into its health (and its call task)."""
    old = tx.get("device_health", device.id)
    base = old or health_of(tx, device)
    names = {a.strip().lower() for a in (alarm or "").split(",") if a.strip()}
    new = base.evolve(
        kind=device.kind, beneficiary_id=device.beneficiary_id, last_report_at=tx.now,
        battery=battery if battery is not None else base.battery,
        charging=charging if charging is not None else base.charging,
        signal=signal if signal is not None else base.signal, offline_at=None,
        low_battery_alarm=bool(names & LOW_BATTERY_ALARMS) or (
            base.low_battery_alarm and battery is None))
    tamper = sorted(names & TAMPER_ALARMS)
    if tamper:
        new = new.evolve(tamper_event=",".join(tamper), tampered_at=tx.now)
    if new.state(tx.now) is HealthState.OK:
        new = new.evolve(settled="")  # a later problem is a new one
    new = _follow_task(tx, new, new_id)
    if worth_publishing(old, new, tx.now):
        tx.put(new.evolve(updated_at=tx.now))


def observe_event(tx: Tx, device_id: str, kind: str, alarms: set[str],
                  new_id: Callable[[], str]) -> str:
    """A Traccar event with no position: ``deviceOffline``, or a health alarm (lowBattery,
    tampering, powerCut…). Stored on her device's health; what became of it, in words."""
    device: Device | None = tx.get("device", device_id)
    if device is None:
        return f"device {device_id} not registered: {kind} event ignored"
    names = {a.lower() for a in alarms}
    health = health_of(tx, device)
    if kind == "deviceOffline":
        health = health.evolve(offline_at=tx.now)
    tamper = sorted(names & TAMPER_ALARMS)
    if tamper:
        health = health.evolve(tamper_event=",".join(tamper), tampered_at=tx.now)
    if names & LOW_BATTERY_ALARMS:
        health = health.evolve(low_battery_alarm=True)
    if health == health_of(tx, device):
        return f"{kind} event without a position: nothing to store"
    tx.put(_follow_task(tx, health, new_id).evolve(updated_at=tx.now))
    return f"{kind} event: device health stored"


def _follow_task(tx: Tx, health: DeviceHealth, new_id: Callable[[], str]) -> DeviceHealth:
    """Close her open task if this report settles it; open one if her device needs a call."""
    if health.open_task_id:
        task = tx.get("health_task", health.open_task_id)
        why = closes_task(task, health, tx.now) if task is not None else "gone"
        if why and task is not None:
            tx.put(task.evolve(status="closed", closed_at=tx.now, closed_by="device",
                               close_reason=why, updated_at=tx.now))
        if why:
            health = health.evolve(open_task_id="")
    if not health.open_task_id:
        reason = task_reason(health, tx.now)
        if reason is not None:
            health = open_task(tx, health, reason, new_id())
    return health


def open_task(tx: Tx, health: DeviceHealth, reason: HealthState, task_id: str) -> DeviceHealth:
    """Open her call task (highest risk first on the board); the health with its id."""
    assert health.beneficiary_id
    case = tx.get("case", case_id_for(health.beneficiary_id))
    level = case.risk_level if case is not None else None
    her = tx.get("beneficiary", health.beneficiary_id)
    tx.put(HealthTask(id=task_id, device_id=health.id, beneficiary_id=health.beneficiary_id,
                      reason=reason.value, opened_at=tx.now,
                      name=her.name if her is not None else "",
                      phone=her.phone if her is not None else "",
                      risk_rank=level.rank if level is not None else -1,
                      risk_level=level.value if level is not None else "", updated_at=tx.now))
    log.info("device %s: call task %s opened (%s)", health.id, task_id, reason.value)
    return health.evolve(open_task_id=task_id)


def check_silence(tx: Tx) -> int:
    """Open a call task for each device in use that stopped reporting; how many opened.

    The query takes devices quiet for longer than the shortest silence (3 × the default
    interval); each is judged on its own interval. A device never heard since it was
    registered went silent from nothing: the board shows it and the daily heartbeat
    lists it, but no call task opens. The task id is derived
    from the silence (device, last report), so two nodes checking at once open one task.
    """
    quiet_since = tx.now - DEFAULT_INTERVAL_S * SILENT_FACTOR
    table = schema.device_health
    rows = tx.conn.execute(
        select(table.c.id).where(table.c.beneficiary_id.is_not(None),
                                 table.c.last_report_at < quiet_since)
        .order_by(table.c.last_report_at).limit(WATCH_BATCH)).scalars().all()
    opened = 0
    for device_id in rows:
        health: DeviceHealth | None = tx.get("device_health", device_id)
        if health is None or health.open_task_id or task_reason(health, tx.now) is not HealthState.SILENT:
            continue
        task_id = f"silent:{device_id}:{int(health.last_report_at or 0)}"
        if tx.get("health_task", task_id) is not None:
            continue
        tx.put(open_task(tx, health, HealthState.SILENT, task_id).evolve(updated_at=tx.now))
        opened += 1
    return opened


class SilenceWatch(PeriodicPass):
    """Every ``every_s`` seconds, one write transaction of :func:`check_silence`."""

    def __init__(self, write: Callable, every_s: float = WATCH_S) -> None:
        self.write = write
        super().__init__(self.check_now, every_s, what="device health: the silence check",
                         found="device health: %d silent device(s): call task(s) opened")

    async def check_now(self) -> int:
        """One check (tests, and the loop)."""
        return await self.write(check_silence)
