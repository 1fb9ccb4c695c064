"""The exclusion zones form's data, without widgets: where her places are, the zones record
of an order, and the same checks the central makes on ``set_exclusion_zones`` (the core's
``core/zones/validation.py``), run before sending so a refusal shows at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from c4console.core.cases.records import Case
from c4console.core.models import Beneficiary, Device
from c4console.core.refused import Refused
from c4console.core.zones.records import MAX_ZONES, Zone
from c4console.core.zones.validation import check_keep_away, parse_zone

PLACES = ("home", "work", "school", "other")  # what a zone is drawn around (Zone.place)


def record_id(case_id: str, order_number: str) -> str:
    """The zones record of one protection order (the console chooses it)."""
    return f"zones-{case_id}-{order_number}"


def her_places(case: Case, beneficiary: Beneficiary | None) -> dict[str, tuple[float, float]]:
    """Her addresses placed on the map, by kind (home/work/school/other); her registry
    home stands in for a case home without a point."""
    places = {str(a.kind): (float(a.lat), float(a.lon)) for a in case.addresses if a.has_point}
    if ("home" not in places and beneficiary is not None and beneficiary.home_lat is not None
            and beneficiary.home_lon is not None):
        places["home"] = (float(beneficiary.home_lat), float(beneficiary.home_lon))
    return places


def her_device_ids(case: Case, devices: Iterable[Device]) -> set[str]:
    """Her panic devices: the case's, and the registry's devices of the same woman."""
    ids = set(case.device_ids)
    if case.beneficiary_id:
        ids |= {d.id for d in devices if d.kind == "panic" and d.beneficiary_id == case.beneficiary_id}
    return ids


def check_draft(zones: list[Mapping[str, Any]], keep_away_m: float, aggressor_id: str,
                places: Mapping[str, tuple[float, float]], hers: set[str]) -> tuple[Zone, ...]:
    """The zones as the central will take them, or :class:`Refused` with the central's reason
    (radius out of 50 m–10 km, a polygon crossing itself, his tracker registered as hers…)."""
    if len(zones) > MAX_ZONES:
        raise Refused("bad_zone", f"at most {MAX_ZONES} zones")
    parsed = tuple(parse_zone(dict(spec), n, places) for n, spec in enumerate(zones))
    keep_away = check_keep_away(keep_away_m)
    if aggressor_id in hers:
        raise Refused("aggressor_device_is_hers", f"device {aggressor_id} is registered as her own "
                                                  "panic device; his tracker must be another device")
    if (parsed or keep_away) and not aggressor_id:
        raise Refused("no_aggressor_device", "exclusion zones and a distance are watched on the "
                                             "aggressor's tracker: give aggressor_device_id")
    return parsed


def command_fields(rid: str, case_id: str, order_number: str, zones: list[Mapping[str, Any]],
                   keep_away_m: float, aggressor_id: str, aggressor_model: str) -> dict[str, Any]:
    """The ``set_exclusion_zones`` command's fields."""
    fields: dict[str, Any] = {"id": rid, "case_id": case_id, "order_number": order_number,
                              "zones": [dict(z) for z in zones], "keep_away_m": keep_away_m,
                              "active": True}
    if aggressor_id:
        fields["aggressor_device_id"] = aggressor_id
    if aggressor_model:
        fields["aggressor_model"] = aggressor_model
    return fields


def spec_of(zone: Zone) -> dict[str, Any]:
    """A held zone as the form edits it (the command's zone object)."""
    spec: dict[str, Any] = {"id": zone.id, "kind": zone.kind, "label": zone.label, "place": zone.place}
    if zone.kind == "polygon":
        spec["points"] = [list(p) for p in zone.points]
    else:
        spec.update(lat=zone.lat, lon=zone.lon, radius_m=zone.radius_m)
    if zone.traccar_geofence_id:
        spec["traccar_geofence_id"] = zone.traccar_geofence_id
    return spec
