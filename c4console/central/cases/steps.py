"""What every write transaction does for the case area (:class:`CaseSteps`, called by
:class:`c4console.central.records.Tx`), so it holds whatever created the records — a
console's command, a panic alarm, a WhatsApp message, the devices import:

- a **new incident** (any channel): her history is computed before it is stored; her
  risk level alto/extremo raises its priority to ALTA; the ``history`` record (id = the
  incident's) is stored right after it, so both reach the consoles in one frame;
- at the end of the transaction, **her case follows**: a beneficiary record stored here
  (``update_beneficiary``, an import) carries its parts over to her case, creating it if
  she had none; her panic devices and her new incidents are linked to it;
- and where an incident opened or closed here, her case and that incident's history are
  **re-published** (need-to-know: an operator holds them only while it is open), as
  central/records.py does for her beneficiary record.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select

from c4console.central import schema as t
from c4console.central.cases.history_query import history_at_central
from c4console.central.cases.store import case_of_beneficiary, cases_of_incident
from c4console.core.cases.history_record import IncidentHistory
from c4console.core.cases.records import Case
from c4console.core.cases.registry_link import case_from_registry, follow_registry, with_links
from c4console.core.models import Beneficiary, Device, Incident

if TYPE_CHECKING:
    from c4console.central.records import Tx


def c4_date(at: float, tz: ZoneInfo) -> date:
    """The C4's calendar date at ``at`` (orders in force, reassessment dates)."""
    return datetime.fromtimestamp(at, tz).date()


class CaseSteps:
    """The case area's part of a write transaction (see module docstring)."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz

    def new_incident(self, tx: Tx, incident: Incident) -> Incident:
        """Before a new incident is stored: her history (kept for :meth:`after_new_incident`)
        and the priority her risk level gives it."""
        tx.flush()
        history, snapshots = history_at_central(tx.conn, incident, c4_date(tx.now, self.tz))
        tx.case_state.setdefault("histories", {})[incident.id] = IncidentHistory.of(
            history, snapshots, tx.now)
        raised = history.priority(incident.priority)
        return incident if raised is incident.priority else incident.evolve(priority=raised)

    def after_new_incident(self, tx: Tx, incident: Incident) -> None:
        """Right after a new incident is stored: its history record."""
        record = tx.case_state.get("histories", {}).pop(incident.id, None)
        if record is not None:
            tx.put(record)

    def finish(self, tx: Tx, moved: Iterable[tuple[str, str]], new_incidents: Iterable[Incident]
               ) -> None:
        """At the end: her case follows her registry record, devices and new incidents; cases
        and histories of incidents that opened or closed (``moved``: (incident id, her
        beneficiary id or "")) are re-published."""
        moved, new_incidents = list(moved), list(new_incidents)
        if not (moved or new_incidents or tx.stored("beneficiary") or tx.stored("case")
                or any(_owner_changed(tx, d) for d in tx.stored("device"))):
            return  # a batch of position reports (the ingest hot path): nothing of a case
        tx.flush()
        conn = tx.conn
        cases: dict[str, Case] = {}  # to store once, at the end (changed or re-published)
        before: dict[str, Case | None] = {}  # as read, to leave an unchanged case alone
        republish: set[str] = set()

        def seen(case: Case | None) -> Case | None:
            # As read before this transaction's changes (what _histories_follow_links
            # compares with), unless the transaction had read it already.
            if case is not None:
                tx.first_seen.setdefault(("case", case.id), case)
            return case

        def hers(bid: str) -> Case | None:
            found = next((c for c in cases.values() if c.beneficiary_id == bid), None)
            return found or seen(case_of_beneficiary(conn, bid))

        for ben in tx.stored("beneficiary"):
            assert isinstance(ben, Beneficiary)
            case = hers(ben.id)
            if case is not None:
                before.setdefault(case.id, case)
            if case is None:
                case = case_from_registry(ben, now=tx.now, **_registry_links(conn, ben.id))
            else:
                case = follow_registry(case, ben, now=tx.now,
                                       previous=tx.first_seen.get(("beneficiary", ben.id)))
            cases[case.id] = case
        for device in tx.stored("device"):
            assert isinstance(device, Device)
            if not _owner_changed(tx, device):
                continue  # a position report: linked when it was registered (the hot path)
            if device.kind == "panic" and device.beneficiary_id:
                case = hers(device.beneficiary_id)
                if case is not None and device.id not in case.device_ids:
                    cases[case.id] = with_links(case, now=tx.now, device_ids=[device.id])
        for inc in new_incidents:
            if inc.beneficiary_id:
                case = hers(inc.beneficiary_id)
                if case is not None and inc.id not in case.incident_ids:
                    cases[case.id] = with_links(case, now=tx.now, incident_ids=[inc.id])
        stored_histories = {h.id for h in tx.stored("history")}
        for iid, bid in moved:
            for case in cases_of_incident(conn, iid, bid or None):
                cases.setdefault(case.id, seen(case))
                republish.add(case.id)
            if iid not in stored_histories:
                history = tx.get("history", iid)
                if history is not None:
                    tx.put(history)
        for case in cases.values():
            if case.id in republish or before.get(case.id) != case:
                tx.put(case)
        self._histories_follow_links(tx)

    @staticmethod
    def _histories_follow_links(tx: Tx) -> None:
        """An incident linked to a case here (abrir expediente, a confirmed suggestion, her
        new incident): its history names the case from now on, so a console that holds the
        history finds her case (after a restart too)."""
        for case in tx.stored("case"):
            was = tx.first_seen.get(("case", case.id))
            for iid in set(case.incident_ids) - set(was.incident_ids if was is not None else ()):
                history = tx.get("history", iid)
                if history is not None and history.case_id != case.id:
                    tx.put(history.evolve(case_id=case.id))


def _owner_changed(tx: Tx, device: Device) -> bool:
    """True for a device new here or given to another woman (not a position report)."""
    was = tx.first_seen.get(("device", device.id))
    return was is None or was.beneficiary_id != device.beneficiary_id


def _registry_links(conn, beneficiary_id: str) -> dict[str, list[str]]:
    """Her panic devices and her incidents, for a case created from her registry record."""
    devices = conn.execute(select(t.devices.c.id).where(
        t.devices.c.beneficiary_id == beneficiary_id, t.devices.c.kind == "panic")).scalars().all()
    incidents = conn.execute(select(t.incidents.c.id).where(
        t.incidents.c.beneficiary_id == beneficiary_id).order_by(t.incidents.c.created_at)
    ).scalars().all()
    return {"device_ids": list(devices), "incident_ids": list(incidents)}
