"""The exclusion zones form's checks before sending (gui/cases/zone_draft.py): her places
(case addresses, her registry home as a stand-in), and the same refusals the central gives
— a radius out of 50 m–10 km, a polygon crossing itself, his tracker registered as hers,
zones without his tracker."""

from __future__ import annotations

import pytest

from c4console.core.cases.records import Address, Case, PersonProfile
from c4console.core.models import Beneficiary, Device
from c4console.core.refused import Refused
from c4console.gui.cases import zone_draft

HOME = (32.63, -115.45)
SQUARE = [[32.60, -115.40], [32.60, -115.39], [32.61, -115.39], [32.61, -115.40]]


def _case(**kw) -> Case:
    return Case(id="case-1", person=PersonProfile(name="Ana"), created_at=1.0, beneficiary_id="B1",
                device_ids=("HER-1",), **kw)


def test_her_places_from_the_case_and_her_registry_home():
    work = Address(kind="work", text="Fábrica 1", lat=32.7, lon=-115.5)
    unplaced = Address(kind="school", text="Escuela 2")
    case = _case(addresses=(work, unplaced))
    b = Beneficiary(id="B1", name="Ana", home_lat=HOME[0], home_lon=HOME[1])
    assert zone_draft.her_places(case, b) == {"work": (32.7, -115.5), "home": HOME}
    assert zone_draft.her_places(case, None) == {"work": (32.7, -115.5)}
    devices = [Device("HER-2", "panic", beneficiary_id="B1"), Device("P07", "unit")]
    assert zone_draft.her_device_ids(case, devices) == {"HER-1", "HER-2"}


@pytest.mark.parametrize(("zones", "keep_away", "tracker", "reason"), [
    ([{"kind": "circle", "place": "home", "radius_m": 30}], 0, "HIS", "radius_out_of_range"),
    ([{"kind": "circle", "place": "home", "radius_m": 10_001}], 0, "HIS", "radius_out_of_range"),
    ([{"kind": "polygon", "points": [SQUARE[0], SQUARE[2], SQUARE[1], SQUARE[3]]}], 0, "HIS",
     "polygon_self_intersects"),
    ([{"kind": "circle", "place": "home"}], 20, "HIS", "distance_out_of_range"),
    ([{"kind": "circle", "place": "home"}], 0, "HER-2", "aggressor_device_is_hers"),
    ([{"kind": "circle", "place": "home"}], 0, "", "no_aggressor_device"),
    ([{"kind": "circle", "place": "work"}], 0, "HIS", "bad_zone"),  # not placed on the map
])
def test_refused_before_sending_with_the_centrals_reason(zones, keep_away, tracker, reason):
    with pytest.raises(Refused) as refused:
        zone_draft.check_draft(zones, keep_away, tracker, {"home": HOME}, {"HER-1", "HER-2"})
    assert refused.value.reason == reason


def test_a_good_draft_and_its_command():
    zones = [{"id": "z1", "kind": "circle", "lat": HOME[0], "lon": HOME[1], "radius_m": 300.0,
              "place": "home", "label": "Casa"},
             {"id": "z2", "kind": "polygon", "points": SQUARE, "place": "school"}]
    parsed = zone_draft.check_draft(zones, 200, "HIS", {"home": HOME}, {"HER-1"})
    assert [z.kind for z in parsed] == ["circle", "polygon"] and parsed[0].radius_m == 300.0
    assert [zone_draft.spec_of(z)["kind"] for z in parsed] == ["circle", "polygon"]
    fields = zone_draft.command_fields(zone_draft.record_id("case-1", "OP-1"), "case-1", "OP-1",
                                       zones, 200.0, "HIS", "tobillera")
    assert fields["id"] == "zones-case-1-OP-1" and fields["aggressor_device_id"] == "HIS"
    assert fields["zones"] == zones and fields["keep_away_m"] == 200.0 and fields["active"] is True
