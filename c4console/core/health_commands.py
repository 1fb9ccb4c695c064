"""The device-health command (pure): ``record_health_call`` — the C4 called her about her
device (silent, low battery, tampered) and says so; her call task closes with the call's
note, and a tamper mark is cleared (someone spoke with her about it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from c4console.core.command_kit import Decision, Handler, Refused, text_field

MAX_NOTE = 1000


def _record_health_call(cmd: Mapping[str, Any], incidents, units, ctx) -> Decision:
    task_id = text_field(cmd, "task_id", limit=120)
    note = text_field(cmd, "note", required=False, limit=MAX_NOTE)
    task = ctx.record("health_task", task_id)
    if task is None:
        raise Refused("not_found", f"call task {task_id} does not exist")
    if not task.is_open:
        raise Refused("task_closed", f"call task {task_id} is already closed "
                                     f"({task.close_reason or 'closed'})")
    closed = task.evolve(status="closed", closed_at=ctx.now, closed_by=ctx.actor,
                         close_reason="call_recorded", note=note, updated_at=ctx.now)
    records: list[Any] = [closed]
    health = ctx.record("device_health", task.device_id)
    if health is not None:
        # She was told: the same state opens no new task until the device is ok again.
        records.append(health.evolve(
            open_task_id="" if health.open_task_id == task.id else health.open_task_id,
            tamper_event="", tampered_at=None, updated_at=ctx.now,
            settled="" if task.reason == "tampered" else task.reason))
    return Decision(True, records=records)


HANDLERS: dict[str, Handler] = {"record_health_call": _record_health_call}
