"""``set_exclusion_zones``: a protection order's exclusion zones, the distance to keep from
her, and the aggressor's tracker (pure; registered in :func:`c4console.core.commands.decide`).

Fields: ``id`` (the order's zones record, chosen by the console), ``case_id``,
``order_number`` (one of her case's orders), ``zones`` (see
:func:`~c4console.core.zones.validation.parse_zone`), ``keep_away_m`` (0: none),
``aggressor_device_id`` and ``aggressor_model`` (his ankle or wrist tracker: registered here
as a device of kind ``aggressor`` if new), ``active`` (False lifts the watch).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from c4console.core.command_kit import Decision, Handler, Refused, text_field
from c4console.core.models import Device
from c4console.core.zones.records import AGGRESSOR_KIND, MAX_ZONES, ExclusionOrder
from c4console.core.zones.validation import check_keep_away, parse_zone


def _set_exclusion_zones(cmd: Mapping[str, Any], incidents, units, ctx) -> Decision:
    record_id = text_field(cmd, "id", limit=120)
    case_id = text_field(cmd, "case_id", limit=120)
    number = text_field(cmd, "order_number", limit=120)
    case = ctx.case(case_id)
    if case is None:
        raise Refused("not_found", f"case {case_id} does not exist")
    if not any(o.number == number for o in case.orders):
        raise Refused("unknown_order", f"case {case_id} has no protection order {number}")
    before: ExclusionOrder | None = ctx.record("exclusion_order", record_id)
    if before is not None and (before.case_id, before.order_number) != (case_id, number):
        raise Refused("exists", f"zones record {record_id} belongs to order {before.order_number} "
                                f"of case {before.case_id}")
    raw = cmd.get("zones", [])
    if not isinstance(raw, list) or len(raw) > MAX_ZONES:
        raise Refused("bad_zone", f"zones must be a list of at most {MAX_ZONES} zones")
    places = {a.kind.value: (a.lat, a.lon) for a in case.addresses if a.has_point}
    zones = tuple(parse_zone(spec, n, places) for n, spec in enumerate(raw))
    if len({z.id for z in zones}) != len(zones):
        raise Refused("bad_zone", "two zones have the same id")
    keep_away = check_keep_away(cmd.get("keep_away_m"))
    active = cmd.get("active", True)
    if not isinstance(active, bool):
        raise Refused("bad_command", "field 'active' must be true or false")
    aggressor_id = text_field(cmd, "aggressor_device_id", required=False, limit=64)
    model = text_field(cmd, "aggressor_model", required=False, limit=120)
    devices: list[Device] = []
    if aggressor_id:
        devices.append(_aggressor_device(aggressor_id, model, record_id, case, ctx))
    for old in before.aggressor_device_ids if before else ():
        device = ctx.device(old)
        if old != aggressor_id and device is not None and device.order_id == record_id:
            devices.append(device.evolve(order_id=""))  # no longer watched for this order
    if active and (zones or keep_away) and not aggressor_id:
        raise Refused("no_aggressor_device", "exclusion zones and a distance are watched on the "
                                             "aggressor's tracker: give aggressor_device_id")
    order = ExclusionOrder(
        id=record_id, case_id=case_id, order_number=number, beneficiary_id=case.beneficiary_id,
        victim_device_ids=tuple(case.device_ids),
        aggressor_device_ids=(aggressor_id,) if aggressor_id else (),
        keep_away_m=keep_away, zones=zones, active=active, updated_at=ctx.now, updated_by=ctx.actor)
    return Decision(True, devices=devices, records=[order])


def _aggressor_device(device_id: str, model: str, record_id: str, case, ctx) -> Device:
    """His tracker: new (kind aggressor), or the one already linked to this order; refused if
    the id is her own device, or another woman's, a patrol's, or another order's tracker."""
    if device_id in case.device_ids:
        raise Refused("aggressor_device_is_hers", f"device {device_id} is registered as her own "
                                                  "panic device; his tracker must be another device")
    device = ctx.device(device_id)
    if device is None:
        return Device(id=device_id, kind=AGGRESSOR_KIND, model=model, order_id=record_id)
    if device.kind == "panic" and case.beneficiary_id and device.beneficiary_id == case.beneficiary_id:
        raise Refused("aggressor_device_is_hers", f"device {device_id} is registered as her own "
                                                  "panic device; his tracker must be another device")
    if device.kind != AGGRESSOR_KIND:
        raise Refused("device_in_use", f"device {device_id} is registered as a {device.kind} tracker")
    if device.order_id and device.order_id != record_id:
        raise Refused("device_in_use", f"device {device_id} already watches order zones "
                                       f"{device.order_id}")
    return device.evolve(order_id=record_id, model=model or device.model)


HANDLERS: dict[str, Handler] = {"set_exclusion_zones": _set_exclusion_zones}
