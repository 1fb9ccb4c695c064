"""The shift roster command: who works which period, with which patrols and sectors (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from c4console.core.command_kit import Decision, Handler, Refused, number, text_field
from c4console.core.models import Shift

MAX_SHIFT_S = 24 * 3600.0  # a shift is at most a day; longer is a typing error
MAX_SHIFT_MEMBERS = 200  # operators, units or sectors of one shift


def _time(cmd: Mapping[str, Any], name: str) -> float:
    value = number(cmd, name)
    if value is None or value != value or value in (float("inf"), float("-inf")) or value < 0:
        raise Refused("bad_command", f"field {name!r} must be a time (UTC epoch seconds)")
    return value


def _names_list(cmd: Mapping[str, Any], name: str, limit: int = 64) -> tuple[str, ...]:
    raw = cmd.get(name, [])
    if (not isinstance(raw, list) or len(raw) > MAX_SHIFT_MEMBERS
            or not all(isinstance(v, str) and 0 < len(v.strip()) <= limit for v in raw)):
        raise Refused("bad_command", f"field {name!r} must be a list of at most "
                                      f"{MAX_SHIFT_MEMBERS} non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in raw))  # order kept, repeats dropped


def _set_shift(cmd, incidents, units, ctx) -> Decision:
    """Create or replace shift ``shift_id``: name, period, lead, operators, units, sectors.

    Refused ``bad_command`` (a field of the wrong type), ``bad_period`` (``ends_at`` not
    after ``starts_at``, or longer than 24 h), ``not_found`` (a unit id that does not
    exist) and ``unknown_sector`` (a sector the jurisdiction, when known, lacks).
    """
    shift_id = text_field(cmd, "shift_id", limit=64)
    name = text_field(cmd, "name", limit=120)
    starts, ends = _time(cmd, "starts_at"), _time(cmd, "ends_at")
    if ends <= starts:
        raise Refused("bad_period", f"shift {name} ends before it starts "
                                     "(ends_at must be after starts_at)")
    if ends - starts > MAX_SHIFT_S:
        raise Refused("bad_period", f"shift {name} lasts {(ends - starts) / 3600:.1f} h; "
                                     f"a shift is at most {MAX_SHIFT_S / 3600:.0f} h")
    lead = text_field(cmd, "lead", required=False, limit=64)
    operators = _names_list(cmd, "operators")
    unit_ids = _names_list(cmd, "units")
    sectors = _names_list(cmd, "sectors", limit=20)
    for uid in unit_ids:
        if uid not in units:
            raise Refused("not_found", f"unit {uid} does not exist; shift {name} not saved")
    if ctx.sectors is not None:
        for code in sectors:
            if code not in ctx.sectors:
                raise Refused("unknown_sector", f"sector {code} is not in the jurisdiction; "
                                                 f"shift {name} not saved")
    shift = Shift(id=shift_id, name=name, starts_at=starts, ends_at=ends, lead=lead,
                  operators=operators, units=unit_ids, sectors=sectors, updated_at=ctx.now,
                  updated_by=ctx.actor)
    return Decision(True, shifts=[shift])


HANDLERS: dict[str, Handler] = {"set_shift": _set_shift}
