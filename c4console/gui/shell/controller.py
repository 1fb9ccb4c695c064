"""Operator actions: each becomes a command with a fresh idempotency key, written to
the outbox (durable) before the view shows it, then sent by the sync engine."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from PySide6.QtCore import QObject, Signal

from c4console.core.commands import BUSY_UNIT_STATUSES
from c4console.core.enums import IncidentStatus, UnitStatus
from c4console.core.lifecycle import ADVANCE
from c4console.core.recommend import GreatCircleRouter, Recommendation, rank_units
from c4console.gui.shell.state_bridge import StateBridge
from c4console.store.cache import OutboxEntry
from c4console.sync.central_api import CentralApi
from c4console.sync.engine import SyncEngine
from c4console.sync.places import ConsolePlaces, current_places

log = logging.getLogger(__name__)


class ConsoleController(QObject):
    """Turns operator intentions into commands; says why when an action is not possible."""

    saved = Signal(str, str)  # command key, type: durable in the outbox
    refused = Signal(str)  # a sentence: why the action cannot be done right now

    def __init__(self, engine: SyncEngine, bridge: StateBridge, speed_kmh: float = 40.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.bridge = bridge
        self.router = GreatCircleRouter(speed_kmh)

    @property
    def state(self):
        """The console state the bridge holds."""
        return self.bridge.state

    @property
    def api(self) -> CentralApi:
        """The central's typed API on the engine's login (the panels' reads)."""
        return self.engine.api

    async def places(self) -> ConsolePlaces:
        """The location search's places: the central's (kept in the cache), else the kept
        copy, else the shipped files (sync/places.py)."""
        return await current_places(self.api, self.engine.cache, self.engine.db)

    # --- the outbox: what is pending, what the central refused ------------------------

    async def pending(self) -> list[OutboxEntry]:
        """Commands written but not yet answered by the central."""
        return await self.engine.db(self.engine.cache.pending)

    async def rejected(self) -> list[OutboxEntry]:
        """Commands the central refused that the operator has not dismissed."""
        return await self.engine.db(self.engine.cache.rejected)

    async def dismiss(self, key: str) -> None:
        """The operator has read a refusal: stop listing it."""
        await self.engine.db(self.engine.cache.dismiss, key)

    async def submit(self, type_: str, **fields: Any) -> str:
        """Write one command durably and show it; returns its key."""
        cmd = {"key": str(uuid.uuid4()), "type": type_, **fields}
        await self.engine.submit(cmd)
        self.bridge.add_pending(cmd)
        self.saved.emit(cmd["key"], type_)
        return cmd["key"]

    def recommendations(self, iid: str) -> list[Recommendation]:
        """Available units ranked by ETA to the incident's confirmed location."""
        inc = self.state.incident(iid)
        if inc is None:
            return []
        lat = inc.lat if inc.lat is not None else inc.live_lat
        lon = inc.lon if inc.lon is not None else inc.live_lon
        if lat is None or lon is None:
            return []
        return rank_units(self.state.all_units(), lat, lon, self.router)

    async def acknowledge(self, iid: str) -> str | None:
        """Acknowledge a new incident."""
        inc = self.state.incident(iid)
        if inc is None or inc.status is not IncidentStatus.NEW:
            self.refused.emit(self.tr("Solo se atiende un incidente nuevo"))
            return None
        return await self.submit("acknowledge", incident_id=iid)

    async def dispatch(self, iid: str, unit_id: str | None = None) -> str | None:
        """Dispatch a unit (the recommended one if none is given); acknowledges first if new."""
        inc = self.state.incident(iid)
        if inc is None:
            return None
        if unit_id is None:
            ranked = self.recommendations(iid)
            if not ranked:
                self.refused.emit(self.tr("No hay unidades disponibles con posición conocida"))
                return None
            unit_id = ranked[0].unit.id
        if inc.status is IncidentStatus.NEW:
            await self.submit("acknowledge", incident_id=iid)
        return await self.submit("dispatch", incident_id=iid, unit_id=unit_id)

    async def advance(self, iid: str) -> str | None:
        """Move an incident one step along its lifecycle (closing needs a disposition)."""
        inc = self.state.incident(iid)
        if inc is None:
            return None
        target = ADVANCE.get(inc.status)
        if target is None or target is IncidentStatus.CLOSED:
            self.refused.emit(self.tr("Para cerrar hay que indicar la disposición"))
            return None
        if target is IncidentStatus.ACKNOWLEDGED:
            return await self.acknowledge(iid)
        return await self.submit("set_status", incident_id=iid, status=target.value)

    async def close(self, iid: str, status: str, disposition: str) -> str | None:
        """Finish an incident with a disposition."""
        return await self.submit("close", incident_id=iid, status=status, disposition=disposition)

    async def note(self, iid: str, text: str) -> str | None:
        """Add a note to the timeline."""
        if not text.strip():
            return None
        return await self.submit("add_note", incident_id=iid, text=text.strip())

    async def classify(self, iid: str, type_code: str) -> str | None:
        """Reclassify an incident."""
        return await self.submit("classify", incident_id=iid, type_code=type_code)

    async def unit_status(self, unit_id: str, status: str, reason: str = "") -> str | None:
        """Change a unit's status from the unit board (out of service needs a reason).

        The central decides who may: taking a unit out of service is for shift leads.
        """
        unit = self.state.unit(unit_id)
        try:
            target = UnitStatus(status)
        except ValueError:
            return None
        if unit is None:
            return None
        if unit.status is target:
            self.refused.emit(self.tr("La unidad {0} ya está en ese estado").format(unit.callsign))
            return None
        reason = reason.strip()
        if target is UnitStatus.OUT_OF_SERVICE and not reason:
            self.refused.emit(self.tr("Para poner una unidad fuera de servicio hay que indicar "
                                      "el motivo"))
            return None
        fields: dict[str, Any] = {"unit_id": unit_id, "status": target.value}
        if reason:
            fields["reason"] = reason
        return await self.submit("unit_status", **fields)

    async def reassign_unit(self, unit_id: str, sector: str, reason: str = "") -> str | None:
        """Move a patrol to another sector (a unit row dropped on a sector of the board).

        The central decides: shift leads and admins only, and not while the unit is busy.
        """
        unit = self.state.unit(unit_id)
        if unit is None or not sector:
            return None
        if unit.sector == sector:
            self.refused.emit(self.tr("La unidad {0} ya está en el sector {1}")
                              .format(unit.callsign, sector))
            return None
        if unit.status in BUSY_UNIT_STATUSES:
            self.refused.emit(self.tr("La unidad {0} está atendiendo un incidente; libérela antes "
                                      "de cambiarla de sector").format(unit.callsign))
            return None
        fields: dict[str, Any] = {"unit_id": unit_id, "sector": sector}
        if reason.strip():
            fields["reason"] = reason.strip()
        return await self.submit("reassign_unit", **fields)

    # --- beneficiary registry (supervisors, admins; the central checks the role) -----------

    async def update_beneficiary(self, beneficiary_id: str, **fields: Any) -> str:
        """Save edits to a beneficiary's record (fields as in docs/protocol.md)."""
        return await self.submit("update_beneficiary", beneficiary_id=beneficiary_id, **fields)

    async def start_device_test(self, device_id: str) -> str:
        """Arm a delivered panic device for its test activation."""
        return await self.submit("start_device_test", device_id=device_id)

    async def record_health_call(self, task_id: str, note: str = "") -> str:
        """The call to her about her device's health was made: close its task."""
        return await self.submit("record_health_call", task_id=task_id, note=note)

    async def cancel_device_test(self, device_id: str) -> str:
        """End a panic device's test mode before its test call (or its expiry)."""
        return await self.submit("cancel_device_test", device_id=device_id)

    # --- the woman's case (docs/protocol.md "Cases"; the central checks roles) -------------

    async def open_case(self, iid: str, person: dict[str, Any]) -> str | None:
        """Abrir expediente: a case for the person of this incident (linked to it)."""
        if self.state.incident(iid) is None:
            return None
        case_id = f"case-{uuid.uuid4().hex[:16]}"  # ours: her panel finds the case by it
        key = await self.submit("open_case", case_id=case_id, incident_id=iid, person=person)
        self.state.linked_here[iid] = case_id
        return key

    async def link_incident(self, case_id: str | None, iid: str) -> str | None:
        """Confirm that an incident is hers: link it to her case."""
        if not case_id:
            self.refused.emit(self.tr("Sin expediente al cual vincular: abra el expediente "
                                      "primero"))
            return None
        case = self.state.cases.get(case_id)
        if case is not None and iid in case.incident_ids:
            self.refused.emit(self.tr("Ese incidente ya está en el expediente"))
            return None
        key = await self.submit("link_incident", case_id=case_id, incident_id=iid)
        self.state.linked_here.setdefault(iid, case_id)
        return key

    async def assess_risk(self, case_id: str, answers: dict[str, bool | None],
                          note: str = "") -> str:
        """A signed risk assessment of her case (the level is the central's)."""
        fields: dict[str, Any] = {"case_id": case_id, "answers": answers}
        if note:
            fields["note"] = note
        return await self.submit("assess_risk", **fields)
