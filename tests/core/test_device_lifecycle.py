"""A panic device's life (pure): the graph, the steps' refusals, the stock counts."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from c4console.core.access import may_send
from c4console.core.cases.records import Case, PersonProfile, RiskAssessment
from c4console.core.cases.vocabulary import RiskLevel
from c4console.core.commands import Context, decide
from c4console.core.device_lifecycle import (
    NEXT,
    TRANSITIONS,
    DeviceLifecycle,
    LifecycleRefused,
    LifeState,
    advance,
    check_transition,
    implied_lifecycle,
    stock_counts,
)
from c4console.core.enums import Channel, IncidentStatus, Priority
from c4console.core.models import Beneficiary, Device, Incident
from c4console.resources import load_catalogue

NOW = 1_780_000_000.0  # 2026-05-28 UTC
TODAY = dt.datetime.fromtimestamp(NOW, dt.UTC).date()
S = LifeState


def test_graph_goes_forward_only():
    order = [S.IN_STOCK, S.REQUESTED, S.APPROVED, S.DELIVERED, S.TESTED, S.IN_USE]
    for n, state in enumerate(order):
        for earlier in order[1:n]:  # never back to a step already passed (in stock aside)
            assert earlier not in TRANSITIONS[state]
    assert TRANSITIONS[S.LOST] == TRANSITIONS[S.BROKEN] == frozenset()
    assert TRANSITIONS[S.RETURNED] == {S.IN_STOCK}
    assert S.DELIVERED not in TRANSITIONS[S.REQUESTED]  # no delivery before approval
    for state, nxt in NEXT.items():
        assert nxt is None or nxt in TRANSITIONS[state]


def test_out_of_order_is_refused_with_the_state():
    with pytest.raises(LifecycleRefused) as e:
        check_transition(S.IN_STOCK, S.DELIVERED)
    assert e.value.reason == "out_of_order"
    assert "in_stock" in str(e.value) and "delivered" in str(e.value)


def test_advance_appends_a_dated_signed_step_and_round_trips():
    life = advance(DeviceLifecycle(id="d1"), S.REQUESTED, at=NOW, by="sup", day="2026-05-28",
                   data={"beneficiary_id": "B1"}, beneficiary_id="B1")
    assert life.state == "requested" and life.beneficiary_id == "B1"
    assert (life.steps[-1].state, life.steps[-1].at, life.steps[-1].by) == ("requested", NOW, "sup")
    assert DeviceLifecycle.from_wire(life.to_wire()) == life


def test_implied_lifecycle_of_registered_devices():
    delivered = implied_lifecycle(Device("d1", "panic", beneficiary_id="B1",
                                         delivered_on="2026-01-02"), NOW)
    assert delivered.state == "in_use" and delivered.beneficiary_id == "B1"
    assert delivered.steps[0].data == {"from_registry": True, "test_recorded": False}
    assert implied_lifecycle(Device("d2", "panic", beneficiary_id="B2"), NOW).state == "in_stock"
    assert implied_lifecycle(Device("d3", "panic"), NOW).beneficiary_id is None


def test_stock_counts_from_records_and_unrecorded_devices():
    records = ([DeviceLifecycle(id=f"u{n}", state="in_use") for n in range(140)]
               + [DeviceLifecycle(id=f"t{n}", state="delivered") for n in range(4)]
               + [DeviceLifecycle(id=f"s{n}") for n in range(50)]
               + [DeviceLifecycle(id="l1", state="lost")])
    devices = [Device("u0", "panic"), Device("x1", "panic"), Device("P1", "unit")]
    counts = stock_counts(records, devices)
    assert counts.delivered == 144
    assert counts.total == 196  # x1 counted in stock; the patrol's tracker not at all
    assert counts[S.IN_STOCK] == 51 and counts[S.LOST] == 1 and counts[S.BROKEN] == 0


# --- the commands ---------------------------------------------------------------------


class World:
    """The records a decision reads, and the records it writes applied back."""

    def __init__(self) -> None:
        self.devices = {"d1": Device("d1", "panic"), "P1": Device("P1", "unit", unit_id="U1")}
        self.beneficiaries = {"B1": Beneficiary("B1", "Ana"), "B2": Beneficiary("B2", "Eva")}
        assessed = RiskAssessment("r1", {}, RiskLevel.ALTO, 30, "psic", NOW - 50)
        self.cases = {"c1": Case("c1", PersonProfile("Ana"), NOW - 100, beneficiary_id="B1",
                                 risk_assessments=(assessed,)),
                      "c2": Case("c2", PersonProfile("Eva"), NOW - 100, beneficiary_id="B2"),
                      "c0": Case("c0", PersonProfile("Ana"), NOW - 100, beneficiary_id="B1")}
        self.lifecycles: dict[str, DeviceLifecycle] = {}
        self.incidents: dict[str, Incident] = {}
        self.now = NOW
        self.ids = itertools.count()

    def ctx(self, actor: str = "sup") -> Context:
        return Context(now=self.now, actor=actor, new_id=lambda: f"id{next(self.ids)}",
                       catalogue=load_catalogue(), today=TODAY,
                       device=self.devices.get, beneficiary=self.beneficiaries.get,
                       case=self.cases.get,
                       record=lambda e, i: self.lifecycles.get(i) if e == "device_lifecycle" else None,
                       audio_sessions_of=lambda iid: ["aud-1"] if iid == "T1" else [])

    def send(self, kind: str, **fields):
        decision = decide({"key": "k", "type": kind, **fields}, self.incidents, {}, self.ctx())
        if decision.accepted:
            for r in decision.records:
                self.lifecycles[r.id] = r
            for d in decision.devices:
                self.devices[d.id] = d
        return decision


def _inc(iid, folio, status, created_at, **kw) -> Incident:
    return Incident(iid, folio, "30903", Priority.ALTA, Channel.PANIC_BUTTON, status, created_at,
                    **kw)


def _refused(decision, reason):
    assert not decision.accepted, decision
    assert decision.reason == reason, (decision.reason, decision.message)
    return decision.message


def test_a_device_from_stock_to_her_hands_and_back():
    w = World()
    assert w.send("request_device", device_id="d1", beneficiary_id="B1").accepted
    assert w.send("approve_device", device_id="d1", case_id="c1").accepted
    life = w.lifecycles["d1"]
    assert (life.state, life.case_id, life.risk_level) == ("approved", "c1", "alto")
    assert w.send("deliver_device", device_id="d1", delivered_on=TODAY.isoformat(),
                  delivered_by="Lic. Ruiz", training_given=True, trained_by="Psic. Mora").accepted
    assert w.devices["d1"].beneficiary_id == "B1"  # her alarms are hers from now on
    assert w.devices["d1"].delivered_on == TODAY.isoformat()
    w.incidents["T1"] = _inc("T1", "C4-1", IncidentStatus.NEW, NOW + 60, device_id="d1", test=True)
    w.now = NOW + 120
    assert w.send("record_device_test", device_id="d1", incident_id="T1").accepted
    life = w.lifecycles["d1"]
    assert (life.test_incident_id, life.test_folio, life.test_audio_sessions) == (
        "T1", "C4-1", ("aud-1",))
    assert w.send("put_device_in_use", device_id="d1").accepted
    assert w.send("end_device_use", device_id="d1", outcome="returned", note="cambio").accepted
    assert w.devices["d1"].beneficiary_id is None
    assert w.send("restock_device", device_id="d1").accepted
    life = w.lifecycles["d1"]
    assert life.state == "in_stock" and life.beneficiary_id is None and not life.test_incident_id
    assert [s.state for s in life.steps] == ["in_stock", "requested", "approved", "delivered",
                                             "tested", "in_use", "returned", "in_stock"]
    assert life.steps[0].by == "registro"  # where it stood before its first recorded step
    assert all(s.by == "sup" and s.day == TODAY.isoformat() for s in life.steps[1:])


def test_bad_input_is_refused_clearly():
    w = World()
    _refused(w.send("request_device", device_id="nope", beneficiary_id="B1"), "not_found")
    _refused(w.send("request_device", device_id="P1", beneficiary_id="B1"), "not_panic_device")
    _refused(w.send("request_device", device_id="d1", beneficiary_id="B9"), "not_found")
    _refused(w.send("deliver_device", device_id="d1", delivered_on=TODAY.isoformat(),
                    training_given=False), "out_of_order")
    assert w.send("request_device", device_id="d1", beneficiary_id="B1").accepted
    _refused(w.send("request_device", device_id="d1", beneficiary_id="B2"), "out_of_order")
    _refused(w.send("approve_device", device_id="d1"), "no_case")
    _refused(w.send("approve_device", device_id="d1", case_id="c9"), "no_case")
    _refused(w.send("approve_device", device_id="d1", case_id="c2"), "not_her_case")
    _refused(w.send("approve_device", device_id="d1", case_id="c0"), "no_risk_level")
    assert w.send("approve_device", device_id="d1", case_id="c1").accepted
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    msg = _refused(w.send("deliver_device", device_id="d1", delivered_on=yesterday,
                          training_given=False), "delivery_before_request")
    assert yesterday in msg and TODAY.isoformat() in msg
    tomorrow = (TODAY + dt.timedelta(days=2)).isoformat()
    _refused(w.send("deliver_device", device_id="d1", delivered_on=tomorrow,
                    training_given=False), "bad_date")
    _refused(w.send("deliver_device", device_id="d1", delivered_on="28/05/2026",
                    training_given=False), "bad_date")
    _refused(w.send("deliver_device", device_id="d1", delivered_on=TODAY.isoformat(),
                    training_given="sí"), "bad_command")
    _refused(w.send("deliver_device", device_id="d1", delivered_on=TODAY.isoformat(),
                    training_given=True), "no_trainer")
    assert w.send("deliver_device", device_id="d1", delivered_on=TODAY.isoformat(),
                  training_given=False).accepted
    assert w.lifecycles["d1"].delivered_by == "sup"  # the sender, when nobody else is named
    w.incidents["R1"] = _inc("R1", "C4-2", IncidentStatus.NEW, NOW, device_id="d1")
    w.incidents["T0"] = _inc("T0", "C4-3", IncidentStatus.TEST, NOW - 9000, device_id="d1", test=True)
    w.incidents["T9"] = _inc("T9", "C4-4", IncidentStatus.NEW, NOW, device_id="d9", test=True)
    _refused(w.send("record_device_test", device_id="d1", incident_id="X"), "not_found")
    _refused(w.send("record_device_test", device_id="d1", incident_id="R1"), "not_a_test")
    _refused(w.send("record_device_test", device_id="d1", incident_id="T9"), "not_this_device")
    _refused(w.send("record_device_test", device_id="d1", incident_id="T0"), "test_before_request")
    _refused(w.send("put_device_in_use", device_id="d1"), "out_of_order")
    _refused(w.send("end_device_use", device_id="d1", outcome="stolen"), "bad_outcome")
    _refused(w.send("restock_device", device_id="d1"), "out_of_order")
    assert w.send("end_device_use", device_id="d1", outcome="lost").accepted
    _refused(w.send("end_device_use", device_id="d1", outcome="broken"), "out_of_order")
    assert w.devices["d1"].beneficiary_id == "B1"  # a lost device still says whose it was


def test_a_withdrawn_request_returns_the_device_to_stock():
    w = World()
    assert w.send("request_device", device_id="d1", beneficiary_id="B1").accepted
    _refused(w.send("withdraw_device_request", device_id="d1"), "bad_command")  # say why
    assert w.send("withdraw_device_request", device_id="d1", note="sin orden vigente").accepted
    life = w.lifecycles["d1"]
    assert life.state == "in_stock" and life.beneficiary_id is None
    assert life.steps[-1].data == {"withdrawn_for": "B1"}
    _refused(w.send("withdraw_device_request", device_id="d1", note="x"), "out_of_order")


def test_a_registered_delivered_device_starts_in_use():
    w = World()
    w.devices["d1"] = Device("d1", "panic", beneficiary_id="B1", delivered_on="2026-01-02")
    _refused(w.send("request_device", device_id="d1", beneficiary_id="B1"), "out_of_order")
    assert w.send("end_device_use", device_id="d1", outcome="broken").accepted
    assert [s.state for s in w.lifecycles["d1"].steps] == ["in_use", "broken"]


def test_roles():
    for role in ("supervisor", "admin"):
        assert may_send(role, "request_device") and may_send(role, "deliver_device")
        assert may_send(role, "record_device_test") and may_send(role, "end_device_use")
    assert may_send("supervisor", "approve_device") and not may_send("admin", "approve_device")
    for role in ("operator", "shift_lead"):
        assert not may_send(role, "request_device") and not may_send(role, "approve_device")
