"""Coalescing of map updates: the latest snapshot per id wins until the next flush.

A unit that only moved (its tracker's report) and is already on the page travels as a
compact move (id, lat, lon) instead of its whole marker data: at state scale nearly
every update is one. A new alarm marks the pending batch urgent: the view sends it at
once instead of at the end of the coalescing window.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from c4console.core.models import Incident, Unit
from c4console.gui.map.payload import incident_payload, map_point, unit_payload


class PendingUpdates:
    """Updates waiting for the next batch to the page.

    Each id keeps only its latest state (a payload, or None for "remove"), so a
    unit reporting 50 positions between two flushes costs the page one update.
    """

    def __init__(self) -> None:
        self._incidents: dict[str, dict[str, Any] | None] = {}
        self._units: dict[str, dict[str, Any] | None] = {}
        self._moves: dict[str, list[float]] = {}  # unit id → [lat, lon]: moved only, on the page
        # Planned stops of the follow-up's patrol visits (issue 13): visit id → payload or None.
        self._stops: dict[str, dict[str, Any] | None] = {}
        self._select: dict[str, str] | None = None
        self._since: float | None = None
        self.urgent = False  # a new alarm waits in the batch: send it now
        # What the page was last sent, to repaint it after a renderer crash.
        self._shown_incidents: dict[str, dict[str, Any]] = {}
        self._shown_units: dict[str, dict[str, Any]] = {}
        self._shown_stops: dict[str, dict[str, Any]] = {}

    def __bool__(self) -> bool:
        return bool(self._incidents or self._units or self._moves or self._select or self._stops)

    def moves_only(self) -> bool:
        """True if all that waits is units that only moved (and something does)."""
        return bool(self._moves) and not (self._incidents or self._units or self._select
                                          or self._stops)

    def _touch(self) -> None:
        if self._since is None:
            self._since = time.monotonic()

    def put_incidents(self, incidents: Iterable[Incident]) -> None:
        """Queue incident snapshots (closed ones become removals).

        An incident the page does not show yet, or one that becomes an active alarm,
        makes the batch :attr:`urgent`.
        """
        for inc in incidents:
            payload = incident_payload(inc)
            self._incidents[inc.id] = payload
            if payload is not None and not self.urgent:
                shown = self._shown_incidents.get(inc.id)
                self.urgent = shown is None or (payload["alarm"] and not shown["alarm"])
            self._touch()

    def put_units(self, units: Iterable[Unit]) -> None:
        """Queue unit snapshots (units without a position become removals)."""
        for unit in units:
            self._units[unit.id] = unit_payload(unit)
            self._moves.pop(unit.id, None)
            self._touch()

    def move_units(self, units: Iterable[Unit]) -> None:
        """Queue units whose only change is their position (see the module docstring).

        A unit the page does not hold yet, or whose whole snapshot is already waiting,
        is queued whole instead.
        """
        for unit in units:
            pos = map_point(unit.lat, unit.lon)
            if pos is None or unit.id in self._units or unit.id not in self._shown_units:
                self._units[unit.id] = unit_payload(unit)
                self._moves.pop(unit.id, None)
            else:
                self._moves[unit.id] = pos
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
            self._moves.pop(uid, None)
            self._touch()

    def put_stops(self, stops: Iterable[dict[str, Any]]) -> None:
        """Queue planned stops (payloads of gui.follow_up.visit_rows.stop_payload)."""
        for stop in stops:
            self._stops[stop["id"]] = stop
            self._touch()

    def remove_stops(self, ids: Iterable[str]) -> None:
        """Queue removal of planned stops (made, moved off today, withdrawn); ids the page
        does not show cost nothing."""
        for vid in ids:
            if vid in self._shown_stops or self._stops.get(vid) is not None:
                self._stops[vid] = None
                self._touch()

    def select(self, kind: str, item_id: str) -> None:
        """Queue a selection; it travels after the upserts of the same batch."""
        self._select = {"kind": kind, "id": item_id}
        self._touch()

    def take(self, seq: int, *, moves: bool = True) -> tuple[dict[str, Any], float]:
        """The batch for the page and the monotonic time its oldest update was queued; clears.

        ``moves`` in the batch is flat: ``[id, lat, lon, id, lat, lon, …]``, applied after
        ``units``. With ``moves=False`` (an alarm's batch) the moves stay queued for the
        next routine batch: the page applies the alarm without a thousand moves first.
        """
        flat: list[Any] = []
        if moves:
            for uid, pos in self._moves.items():
                flat += (uid, pos[0], pos[1])
                self._shown_units[uid]["pos"] = pos
        batch = {
            "seq": seq,
            "incidents": [p for p in self._incidents.values() if p is not None],
            "units": [p for p in self._units.values() if p is not None],
            "removeIncidents": [i for i, p in self._incidents.items() if p is None],
            "removeUnits": [i for i, p in self._units.items() if p is None],
            "moves": flat,
            "stops": [p for p in self._stops.values() if p is not None],
            "removeStops": [i for i, p in self._stops.items() if p is None],
            "select": self._select,
        }
        since = self._since if self._since is not None else time.monotonic()
        _merge(self._shown_incidents, self._incidents)
        _merge(self._shown_units, self._units)
        _merge(self._shown_stops, self._stops)
        self._incidents, self._units, self._select, self.urgent = {}, {}, None, False
        self._stops = {}
        if moves:
            self._moves = {}
        self._since = since if self._moves else None
        return batch, since

    def resend_all(self) -> None:
        """Queue everything the page was shown again (it lost its markers); pending changes win."""
        self._incidents = {**self._shown_incidents, **self._incidents}
        self._units = {**self._shown_units, **self._units}
        self._stops = {**self._shown_stops, **self._stops}
        for uid, pos in self._moves.items():
            self._units[uid] = {**self._shown_units[uid], "pos": pos}
        self._moves = {}
        self._shown_incidents, self._shown_units, self._shown_stops = {}, {}, {}
        self._touch()


def _merge(shown: dict[str, dict[str, Any]], changes: dict[str, dict[str, Any] | None]) -> None:
    for key, payload in changes.items():
        if payload is None:
            shown.pop(key, None)
        else:
            shown[key] = payload
