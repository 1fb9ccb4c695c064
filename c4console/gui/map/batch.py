"""Coalescing of map updates: the latest snapshot per id wins until the next flush."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from c4console.core.models import Incident, Unit
from c4console.gui.map.payload import incident_payload, unit_payload


class PendingUpdates:
    """Updates waiting for the next batch to the page.

    Each id keeps only its latest state (a payload, or None for "remove"), so a
    unit reporting 50 positions between two flushes costs the page one update.
    """

    def __init__(self) -> None:
        self._incidents: dict[str, dict[str, Any] | None] = {}
        self._units: dict[str, dict[str, Any] | None] = {}
        self._select: dict[str, str] | None = None
        self._since: float | None = None
        # What the page was last sent, to repaint it after a renderer crash.
        self._shown_incidents: dict[str, dict[str, Any]] = {}
        self._shown_units: dict[str, dict[str, Any]] = {}

    def __bool__(self) -> bool:
        return bool(self._incidents or self._units or self._select)

    def _touch(self) -> None:
        if self._since is None:
            self._since = time.monotonic()

    def put_incidents(self, incidents: Iterable[Incident]) -> None:
        """Queue incident snapshots (closed ones become removals)."""
        for inc in incidents:
            self._incidents[inc.id] = incident_payload(inc)
            self._touch()

    def put_units(self, units: Iterable[Unit]) -> None:
        """Queue unit snapshots (units without a position become removals)."""
        for unit in units:
            self._units[unit.id] = unit_payload(unit)
            self._touch()

    def remove_incidents(self, ids: Iterable[str]) -> None:
        """Queue removal of incident markers."""
        for iid in ids:
            self._incidents[iid] = None
            self._touch()

    def remove_units(self, ids: Iterable[str]) -> None:
        """Queue removal of unit markers."""
        for uid in ids:
            self._units[uid] = None
            self._touch()

    def select(self, kind: str, item_id: str) -> None:
        """Queue a selection; it travels after the upserts of the same batch."""
        self._select = {"kind": kind, "id": item_id}
        self._touch()

    def take(self, seq: int) -> tuple[dict[str, Any], float]:
        """The batch for the page and the monotonic time its oldest update was queued; clears."""
        batch = {
            "seq": seq,
            "incidents": [p for p in self._incidents.values() if p is not None],
            "units": [p for p in self._units.values() if p is not None],
            "removeIncidents": [i for i, p in self._incidents.items() if p is None],
            "removeUnits": [i for i, p in self._units.items() if p is None],
            "select": self._select,
        }
        since = self._since if self._since is not None else time.monotonic()
        _merge(self._shown_incidents, self._incidents)
        _merge(self._shown_units, self._units)
        self._incidents, self._units, self._select, self._since = {}, {}, None, None
        return batch, since

    def resend_all(self) -> None:
        """Queue everything the page was shown again (it lost its markers); pending changes win."""
        self._incidents = {**self._shown_incidents, **self._incidents}
        self._units = {**self._shown_units, **self._units}
        self._shown_incidents, self._shown_units = {}, {}
        self._touch()


def _merge(shown: dict[str, dict[str, Any]], changes: dict[str, dict[str, Any] | None]) -> None:
    for key, payload in changes.items():
        if payload is None:
            shown.pop(key, None)
        else:
            shown[key] = payload
