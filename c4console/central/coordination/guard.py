"""The one command a liaison sends (``complete_task``), checked against her agency before the
core decides: a liaison marking another agency's task is refused like a command her role
may not send — a security event, the command log, a clear answer (issue 15)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from c4console.core.access import Refusal
from c4console.core.agencies.feed import LIAISON
from c4console.core.coordination.records import TASK_ENTITY


def task_refusal(role: str, agency: str, cmd: Mapping[str, Any],
                 get: Callable[[str, str], Any]) -> Refusal | None:
    """None unless a liaison of ``agency`` would complete a task of another agency."""
    if role != LIAISON or cmd.get("type") != "complete_task":
        return None
    tid = cmd.get("task_id")
    task = get(TASK_ENTITY, tid) if isinstance(tid, str) and tid else None
    if task is None or task.agency_id == agency:
        return None  # the core answers a missing task (not_found)
    return Refusal(f"task {tid} belongs to agency {task.agency_id}: a liaison of {agency or '?'} "
                   "marks done only her own agency's tasks")
