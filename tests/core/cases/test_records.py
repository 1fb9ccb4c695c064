"""Case records: a JSON round trip keeps everything; orders in force; her current level."""

from __future__ import annotations

import json
from datetime import date

from c4console.core.cases import Case, ProtectionOrder, RiskLevel
from tests.core.cases.builders import TODAY, case


def test_a_full_case_survives_a_json_round_trip_unchanged():
    original = case()
    wire = json.loads(json.dumps(original.to_wire()))
    assert Case.from_wire(wire) == original
    assert wire == original.to_wire()  # lists on the wire, as JSON gives them back


def test_from_wire_ignores_keys_a_newer_central_adds():
    wire = case().to_wire()
    wire["future_field"] = 1
    wire["person"]["future_field"] = 2
    assert Case.from_wire(wire) == case()


def test_an_order_is_in_force_between_its_dates_inclusive():
    order = ProtectionOrder("OP-1", "Juzgado", valid_from="2026-01-10", valid_until="2026-03-01")
    assert not order.in_force(date(2026, 1, 9))
    assert order.in_force(date(2026, 1, 10)) and order.in_force(date(2026, 3, 1))
    assert not order.in_force(date(2026, 3, 2))
    assert ProtectionOrder("OP-2", "Juzgado").in_force(TODAY)  # end not recorded: shown


def test_her_level_is_the_latest_assessment_whatever_the_order_stored():
    c = case()
    assert c.risk_level is RiskLevel.ALTO
    reversed_ = c.evolve(risk_assessments=tuple(reversed(c.risk_assessments)))
    assert reversed_.risk_level is RiskLevel.ALTO
    assert c.evolve(risk_assessments=()).risk_level is None
    assert [o.number for o in c.orders_in_force(TODAY)] == ["OP-2026-0037"]
