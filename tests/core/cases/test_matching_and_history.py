"""Link suggestions and her history for a new incident, through the indexes."""

from __future__ import annotations

import pytest

from c4console.core.cases import (
    CaseIndex,
    CaseTimelineEntry,
    HistoryIndex,
    RiskLevel,
    facts_of,
    history_for,
    suggest_cases,
)
from c4console.core.cases.identity_keys import number_key
from c4console.core.enums import Channel, IncidentStatus, Priority
from tests.core.cases.builders import DAY, HOME, TODAY, T, case, incident, north_of


@pytest.mark.parametrize("number", ["+52 686 699 3671", "6866993671", "+5216866993671",
                                    "(686) 699-3671"])
def test_her_number_in_any_format_suggests_her_case(number):
    index = CaseIndex([case()])
    [s] = suggest_cases(facts_of(incident("N1", T, caller=number)), index)
    assert s.case.id == "C1" and s.reasons == ("number", "whatsapp")


def test_a_panic_incident_names_her_not_a_number():
    facts = facts_of(incident("N1", T, caller="Martha Leyva Rivera", channel=Channel.PANIC_BUTTON))
    assert facts.number == ""
    assert number_key("12-34") == ""  # too short to be a phone


def test_her_device_suggests_her_case_first_then_a_neighbour_by_address():
    neighbour = case("C2", name="Vecina", born="1970-01-01", phones=(), whatsapp=(), device_ids=(),
                     beneficiary_id=None, incident_ids=())
    index = CaseIndex([case(), neighbour])
    near = north_of(HOME, 30)
    facts = facts_of(incident("N1", T, device_id="861234562249063", lat=near[0], lon=near[1]))
    first, second = suggest_cases(facts, index)
    assert (first.case.id, first.reasons) == ("C1", ("device", "address"))
    assert (second.case.id, second.reasons) == ("C2", ("address",))
    assert second.distance_m == pytest.approx(30, abs=1)


@pytest.mark.parametrize("metres, matched", [(49.0, True), (51.0, False)])
def test_an_address_matches_within_50_metres_only(metres, matched):
    index = CaseIndex([case(phones=(), whatsapp=())])
    lat, lon = north_of(HOME, metres)
    assert bool(suggest_cases(facts_of(incident("N1", T, lat=lat, lon=lon)), index)) is matched


def test_the_index_follows_updates_and_removals_without_a_rebuild():
    index = CaseIndex([case()])
    index.put(case(phones=("+52 686 000 0000",), whatsapp=()))
    assert index.by_number("6866993671") == [] and [c.id for c in index.by_number("6860000000")] == ["C1"]
    index.put(case(addresses=()))
    assert list(index.cells()) == []
    index.remove("C1")
    assert len(index) == 0 and index.by_device("861234562249063") == []


def _world(**her):
    """Her case with two prior incidents (one from her device, one from her WhatsApp),
    a neighbour's incident at her door, an older stranger, and a follow-up call."""
    her_case = case(incident_ids=("I-old-1",), **her)
    near = north_of(HOME, 20)
    incidents = [
        incident("I-old-1", T - 60 * DAY, device_id="861234562249063", beneficiary_id="B0001",
                 channel=Channel.PANIC_BUTTON, caller="Martha Leyva Rivera", lat=HOME[0], lon=HOME[1],
                 status=IncidentStatus.CLOSED),
        incident("I-old-2", T - 12 * DAY, caller="+5216866993671", channel=Channel.WHATSAPP,
                 status=IncidentStatus.CLOSED),
        incident("I-door", T - 3 * DAY, caller="+52 686 555 0000", lat=near[0], lon=near[1],
                 status=IncidentStatus.CLOSED),
        incident("I-far", T - 3 * DAY, caller="+52 686 555 1111", lat=32.60, lon=-115.40,
                 status=IncidentStatus.CLOSED),
    ]
    calls = [CaseTimelineEntry("E1", "C1", T - 20 * DAY, "follow_up_call", "op2", "sin novedad"),
             CaseTimelineEntry("E2", "C1", T - 2 * DAY, "follow_up_call", "op3", "todo bien"),
             CaseTimelineEntry("E3", "C1", T - 1 * DAY, "note", "sup1", "no es contacto")]
    return HistoryIndex([her_case], incidents, calls)


def test_a_new_alarm_from_her_device_shows_her_whole_history():
    index = _world()
    alarm = incident("N1", T, device_id="861234562249063", beneficiary_id="B0001",
                     channel=Channel.PANIC_BUTTON, lat=HOME[0], lon=HOME[1])
    index.put_incident(alarm)
    h = history_for(alarm, index, TODAY)
    assert h.case is not None and h.case.id == "C1" and h.suggestions == ()
    assert [(p.facts.id, p.reasons) for p in h.prior] == [
        ("I-door", ("same_address",)),
        ("I-old-2", ("same_number",)),
        ("I-old-1", ("same_case", "same_device", "same_address")),
    ]
    assert h.prior_total == 3
    assert [(o.order.number, o.in_force) for o in h.orders] == [("OP-2026-0037", True),
                                                                 ("OP-2024-0002", False)]
    assert h.risk_level is RiskLevel.ALTO and h.priority(Priority.MEDIA) is Priority.ALTA
    assert h.last_contact is not None and h.last_contact.id == "E2"
    assert h.aggressor_names == ("Sergio Ramírez Rivera",)
    assert h.repeat_within_30_days  # her WhatsApp incident 12 days ago
    assert h.to_wire()["prior"][0]["incident_id"] == "I-door"


def test_only_a_neighbours_incident_at_her_door_is_not_a_repeat_of_hers():
    index = HistoryIndex([], [incident("I-door", T - 3 * DAY, lat=HOME[0], lon=HOME[1],
                                       status=IncidentStatus.CLOSED)])
    h = history_for(incident("N1", T, lat=HOME[0], lon=HOME[1]), index, TODAY)
    assert h.case is None and [p.facts.id for p in h.prior] == ["I-door"]
    assert not h.repeat_within_30_days


def test_an_unconfirmed_match_by_number_is_a_suggestion_not_her_case():
    index = _world()
    call = incident("N2", T, caller="686 699 3671")
    h = history_for(call, index, TODAY)
    assert h.case is None and [s.case.id for s in h.suggestions] == ["C1"]
    assert h.orders == () and h.risk_level is None  # shown once a person links it
    assert [p.facts.id for p in h.prior] == ["I-old-2"] and h.repeat_within_30_days


def test_open_incidents_within_200_m_and_10_minutes_or_the_same_number_are_possible_duplicates():
    a = north_of(HOME, 150)
    b = north_of(HOME, 250)
    index = HistoryIndex([], [
        incident("D-near", T - 300, lat=a[0], lon=a[1]),
        incident("D-far", T - 300, lat=b[0], lon=b[1]),
        incident("D-late", T - 900, lat=a[0], lon=a[1]),
        incident("D-closed", T - 60, lat=a[0], lon=a[1], status=IncidentStatus.CLOSED),
        incident("D-number", T - 5000, caller="+52 686 111 2222", lat=32.6, lon=-115.4),
    ])
    me = incident("N1", T, caller="6861112222", lat=HOME[0], lon=HOME[1])
    h = history_for(me, index, TODAY)
    assert [(d.facts.id, d.reasons) for d in h.possible_duplicates] == [
        ("D-near", ("nearby",)), ("D-number", ("same_number",))]
    index.put_incident(incident("D-near", T - 300, lat=a[0], lon=a[1], status=IncidentStatus.CLOSED))
    assert [d.facts.id for d in history_for(me, index, TODAY).possible_duplicates] == ["D-number"]


def test_a_merged_case_is_never_suggested():
    index = HistoryIndex([case(merged_into="C9")])
    assert history_for(incident("N1", T, caller="6866993671"), index, TODAY).suggestions == ()
