"""The console's view: the central's state plus its own pending commands on top.

Pending commands are applied optimistically with the same rules the central
uses; one the rules refuse locally is simply not drawn (the central will say why).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from c4console.core.commands import Context, decide
from c4console.core.models import Incident, TimelineEvent, Unit


@dataclass
class Overlay:
    """Records changed by pending commands, and which records each command touches."""

    incidents: dict[str, Incident] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    events: list[TimelineEvent] = field(default_factory=list)
    pending_by_incident: dict[str, int] = field(default_factory=dict)


def apply_pending(
    incidents: Mapping[str, Incident],
    units: Mapping[str, Unit],
    pending: Iterable[Mapping[str, Any]],
    ctx: Context,
) -> Overlay:
    """Apply pending commands in order on top of the central's records."""
    ov = Overlay()
    inc_view = _Layered(incidents, ov.incidents)
    unit_view = _Layered(units, ov.units)
    for cmd in pending:
        iid = cmd.get("incident_id")
        if isinstance(iid, str):
            ov.pending_by_incident[iid] = ov.pending_by_incident.get(iid, 0) + 1
        d = decide(cmd, inc_view, unit_view, ctx)
        if not d.accepted:
            continue
        for i in d.incidents:
            ov.incidents[i.id] = i
        for u in d.units:
            ov.units[u.id] = u
        ov.events.extend(d.events)
    return ov


class _Layered(Mapping):
    """Read-through mapping: the overlay first, then the base."""

    def __init__(self, base: Mapping, top: Mapping) -> None:
        self._base, self._top = base, top

    def __getitem__(self, key):
        if key in self._top:
            return self._top[key]
        return self._base[key]

    def __contains__(self, key) -> bool:
        return key in self._top or key in self._base

    def __iter__(self):
        yield from self._top
        yield from (k for k in self._base if k not in self._top)

    def __len__(self) -> int:
        return len(set(self._top) | set(self._base))
