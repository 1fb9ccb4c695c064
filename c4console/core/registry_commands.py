"""The beneficiary registry command: supervisors and admins edit her record (person,
protection order, trusted contacts) and her device's model and delivery date (pure)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any

from c4console.core.command_kit import Context, Decision, Handler, Refused, text_field
from c4console.core.geo import valid_position
from c4console.core.models import Device

MAX_TRUSTED_CONTACTS = 10
_PHONE_JUNK = re.compile(r"[\s\-.()/]")
_PHONE = re.compile(r"^\+?\d{7,15}$")
_BENEFICIARY_TEXT = {"name": 200, "address": 300, "colonia": 120, "order_number": 80,
                     "order_authority": 200, "order_measures": 2000, "aggressor": 1000}
_BENEFICIARY_DATES = ("order_valid_from", "order_valid_until")


def _phone(value: Any, what: str, *, required: bool) -> str:
    if not isinstance(value, str):
        raise Refused("bad_phone", f"{what} must be a string")
    value = value.strip()
    if not value and not required:
        return ""
    if not _PHONE.match(_PHONE_JUNK.sub("", value)):
        raise Refused("bad_phone", f"{what} {value!r} is not a phone number "
                                    "(7 to 15 digits, optionally after +)")
    return value


def _iso_date(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise Refused("bad_date", f"field {name!r} must be a date YYYY-MM-DD")
    value = value.strip()
    if value:
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            raise Refused("bad_date", f"field {name!r} {value!r} is not a date YYYY-MM-DD") from None
        if len(value) != 10:
            raise Refused("bad_date", f"field {name!r} {value!r} is not a date YYYY-MM-DD")
    return value


MAX_DEVICE_MODEL = 80


def delivery_date_problem(value: str, now: float) -> str | None:
    """Why ``value`` is not a usable delivery date (None if it is, or if it is empty).

    A delivery date is an ISO date (YYYY-MM-DD) not after ``now``'s UTC date: a
    device is handed over on a day that has come (UTC is ahead of Mexico, so a
    local date is never refused for being "tomorrow"). Shared by the command and
    the CSV import (``c4console.central.seed``).
    """
    value = value.strip()
    if not value:
        return None
    try:
        day = _dt.date.fromisoformat(value)
    except ValueError:
        day = None
    if day is None or len(value) != 10:
        return f"delivery date {value!r} is not a date YYYY-MM-DD"
    today = _dt.datetime.fromtimestamp(now, _dt.UTC).date()
    if day > today:
        return f"delivery date {value} is in the future (today is {today.isoformat()})"
    return None


def _device_changes(cmd: Mapping[str, Any], bid: str, ctx: Context) -> list[Device]:
    """Her device's model and delivery date (``device_model``, ``device_delivered_on``),
    on the device ``device_id`` registered to her; [] if the command carries neither."""
    if "device_model" not in cmd and "device_delivered_on" not in cmd:
        return []
    device_id = text_field(cmd, "device_id", limit=64)
    device = ctx.device(device_id)
    if device is None:
        raise Refused("not_found", f"device {device_id} is not registered")
    if device.kind != "panic" or device.beneficiary_id != bid:
        raise Refused("not_her_device", f"device {device_id} is not the panic device of "
                                         f"beneficiary {bid}")
    changes: dict[str, Any] = {}
    if "device_model" in cmd:
        model = cmd["device_model"]
        if not isinstance(model, str) or len(model) > MAX_DEVICE_MODEL:
            raise Refused("bad_command", f"field 'device_model' must be a text of at most "
                                          f"{MAX_DEVICE_MODEL} characters")
        changes["model"] = model.strip()
    if "device_delivered_on" in cmd:
        day = cmd["device_delivered_on"]
        problem = (delivery_date_problem(day, ctx.now) if isinstance(day, str)
                   else "field 'device_delivered_on' must be a date YYYY-MM-DD or empty")
        if problem:
            raise Refused("bad_date", problem)
        changes["delivered_on"] = day.strip()
    new = device.evolve(**changes)
    return [new] if new != device else []


def _trusted_contacts(raw: Any) -> list[dict[str, str]]:
    if not isinstance(raw, list):
        raise Refused("bad_contact", "trusted_contacts must be a list of {name, phone, relation}")
    if len(raw) > MAX_TRUSTED_CONTACTS:
        raise Refused("bad_contact", f"{len(raw)} trusted contacts; at most {MAX_TRUSTED_CONTACTS}")
    out = []
    for n, c in enumerate(raw, 1):
        if not isinstance(c, dict):
            raise Refused("bad_contact", f"trusted contact {n} is not an object")
        name, relation = c.get("name"), c.get("relation", "")
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise Refused("bad_contact", f"trusted contact {n} has no name")
        if not isinstance(relation, str) or len(relation) > 80:
            raise Refused("bad_contact", f"trusted contact {n} ({name}): relation must be text")
        phone = _phone(c.get("phone"), f"trusted contact {n} ({name.strip()}): phone",
                       required=True)
        out.append({"name": name.strip(), "phone": phone, "relation": relation.strip()})
    return out


def _update_beneficiary(cmd, incidents, units, ctx) -> Decision:
    """Edit a beneficiary's record: only the fields the command carries change.

    Refused ``not_found`` (no such beneficiary), ``empty_name``, ``bad_phone``,
    ``bad_date`` (not YYYY-MM-DD), ``order_dates`` (valid_until before valid_from),
    ``bad_position`` and ``bad_contact``. ``device_model`` / ``device_delivered_on``
    (with ``device_id``) edit her panic device: ``not_found``, ``not_her_device``,
    ``bad_date`` (not YYYY-MM-DD, or after today).
    """
    bid = text_field(cmd, "beneficiary_id", limit=64)
    ben = ctx.beneficiary(bid)
    if ben is None:
        raise Refused("not_found", f"beneficiary {bid} is not registered")
    changes: dict[str, Any] = {}
    for name, limit in _BENEFICIARY_TEXT.items():
        if name in cmd:
            value = cmd[name]
            if not isinstance(value, str):
                raise Refused("bad_command", f"field {name!r} must be a string")
            if len(value) > limit:
                raise Refused("bad_command", f"field {name!r} is longer than {limit} characters")
            changes[name] = value.strip()
    if "name" in changes and not changes["name"]:
        raise Refused("empty_name", "her name cannot be empty")
    if "phone" in cmd:
        changes["phone"] = _phone(cmd["phone"], "phone", required=False)
    for name in _BENEFICIARY_DATES:
        if name in cmd:
            changes[name] = _iso_date(cmd[name], name)
    since = changes.get("order_valid_from", ben.order_valid_from)
    until = changes.get("order_valid_until", ben.order_valid_until)
    if since and until and until < since:
        raise Refused("order_dates", f"the protection order is valid until {until}, "
                                      f"before it is valid from {since}")
    if "home_lat" in cmd or "home_lon" in cmd:
        lat, lon = cmd.get("home_lat"), cmd.get("home_lon")
        if lat is None and lon is None:
            changes.update(home_lat=None, home_lon=None)
        elif (not isinstance(lat, (int, float)) or not isinstance(lon, (int, float))
              or isinstance(lat, bool) or isinstance(lon, bool)
              or not valid_position(float(lat), float(lon))):
            raise Refused("bad_position", f"home {lat},{lon} is not a WGS84 position "
                                           "(both numbers, or both null)")
        else:
            changes.update(home_lat=float(lat), home_lon=float(lon))
    if "trusted_contacts" in cmd:
        changes["trusted_contacts"] = _trusted_contacts(cmd["trusted_contacts"]) or None
    devices = _device_changes(cmd, bid, ctx)
    return Decision(True, beneficiaries=[ben.evolve(**changes)], devices=devices)


HANDLERS: dict[str, Handler] = {"update_beneficiary": _update_beneficiary}
