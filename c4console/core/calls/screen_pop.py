"""The screen pop a telephone system posts when a 911 call is answered (``POST
/api/v1/calls``): its fields, checked one by one, each refusal with a stable reason and a
sentence that names the field (pure; the central's route turns a refusal into a 400).

A PBX sends what it knows: the call id, the caller's number (ANI), when the call was
answered and, when the carrier gives one, a location (a point, its radius, whether it is
the cell's or the handset's). See docs/telephony.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from c4console.core.calls.records import CallLocation
from c4console.core.refused import Refused

FIELDS = frozenset({"call_id", "number", "answered_at", "location", "caller_name", "agent",
                    "dialed"})
LOCATION_FIELDS = frozenset({"lat", "lon", "radius_m", "source", "source_id"})
LOCATION_SOURCES = ("cell", "device", "network")
CALL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$")  # Asterisk: 1700000000.123
NUMBER_CHARS = re.compile(r"^\+?[0-9 ()./-]+$")
MIN_DIGITS, MAX_DIGITS = 3, 15  # 911 from a payphone … E.164's longest
# What PBXs put in the caller id when the number is withheld.
WITHHELD = frozenset({"", "anonymous", "restricted", "private", "unknown", "unavailable"})
MAX_RADIUS_M = 100_000.0  # a rural cell's sector is tens of km; beyond is no location
MAX_NAME, MAX_AGENT, MAX_DIALED, MAX_SOURCE_ID = 200, 64, 32, 64
MAX_FUTURE_S = 300.0  # clocks disagree a little; an answer from the future does not
MAX_AGE_S = 24 * 3600.0  # a screen pop a day late is not a call being answered


class ScreenPopRefused(Refused):
    """A screen pop the central will not take; ``reason`` is stable, the message says why."""


@dataclass(frozen=True, slots=True)
class ScreenPop:
    """A checked screen pop."""

    call_id: str
    number: str  # "" when withheld
    withheld: bool
    answered_at: float
    location: CallLocation | None = None
    caller_name: str = ""
    agent: str = ""
    dialed: str = ""


def parse_screen_pop(body: Any, now: float) -> ScreenPop:
    """Check a screen pop body against the clock ``now`` (UTC epoch seconds); raises
    :class:`ScreenPopRefused` naming the first bad field."""
    if not isinstance(body, Mapping):
        raise ScreenPopRefused("bad_body", "the body must be a JSON object with call_id, "
                                           "number and answered_at")
    unknown = sorted(str(k) for k in body if k not in FIELDS)
    if unknown:
        raise ScreenPopRefused("unknown_field", f"unknown field(s) {', '.join(unknown)[:200]}; "
                                                f"the fields are {', '.join(sorted(FIELDS))}")
    call_id = body.get("call_id")
    if not isinstance(call_id, str) or not CALL_ID.match(call_id):
        raise ScreenPopRefused("bad_call_id", "call_id must be the PBX's call id: 1 to 64 "
                                              "letters, digits or . _ : @ - (e.g. Asterisk's "
                                              "${UNIQUEID})")
    number, withheld = parse_number(body.get("number"))
    return ScreenPop(
        call_id=call_id, number=number, withheld=withheld,
        answered_at=parse_answered_at(body.get("answered_at"), now),
        location=parse_location(body.get("location")),
        caller_name=_text(body, "caller_name", MAX_NAME),
        agent=_text(body, "agent", MAX_AGENT), dialed=_text(body, "dialed", MAX_DIALED))


def parse_number(value: Any) -> tuple[str, bool]:
    """(the number as given, stripped; withheld): a withheld caller id (absent, empty,
    "anonymous"…) is a call without a number, not a refusal."""
    if value is None:
        return "", True
    if not isinstance(value, str):
        raise ScreenPopRefused("bad_number", "number must be a string (the caller's number, "
                                             "ANI), or null when withheld")
    text = value.strip()
    if text.casefold() in WITHHELD:
        return "", True
    digits = sum(ch.isdigit() for ch in text)
    if len(text) > 32 or not NUMBER_CHARS.match(text) or not MIN_DIGITS <= digits <= MAX_DIGITS:
        raise ScreenPopRefused("bad_number", f"number must be a telephone number: digits, an "
                                             f"optional leading +, spaces, dots, dashes or "
                                             f"parentheses, {MIN_DIGITS} to {MAX_DIGITS} digits "
                                             f"(or 'anonymous' when withheld)")
    return text, False


def parse_answered_at(value: Any, now: float) -> float:
    """When the call was answered: epoch seconds or ISO 8601 with a zone; not in the future
    (beyond clock drift) nor a day old."""
    if isinstance(value, bool) or value is None:
        raise ScreenPopRefused("bad_time", "answered_at is required: UTC epoch seconds or "
                                           "ISO 8601 with a zone (2026-03-01T10:15:00-08:00)")
    if isinstance(value, int | float):
        at = float(value)
    elif isinstance(value, str) and len(value) <= 40:
        try:
            when = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ScreenPopRefused("bad_time", f"answered_at {value!r} is not ISO 8601") from None
        if when.tzinfo is None:
            raise ScreenPopRefused("bad_time", "answered_at must carry its zone (Z or ±hh:mm)")
        at = when.timestamp()
    else:
        raise ScreenPopRefused("bad_time", "answered_at must be epoch seconds or ISO 8601")
    if not math.isfinite(at) or at > now + MAX_FUTURE_S:
        raise ScreenPopRefused("bad_time", "answered_at is in the future: check the PBX's clock")
    if at < now - MAX_AGE_S:
        raise ScreenPopRefused("bad_time", "answered_at is more than a day ago")
    return at


def parse_location(value: Any) -> CallLocation | None:
    """The carrier's location, or None: lat/lon in WGS84 degrees, a radius in metres
    (more than 0, at most 100 km), a source (cell, device, network)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ScreenPopRefused("bad_location", "location must be an object {lat, lon, "
                                               "radius_m, source}")
    unknown = sorted(str(k) for k in value if k not in LOCATION_FIELDS)
    if unknown:
        raise ScreenPopRefused("bad_location", f"unknown location field(s) "
                                               f"{', '.join(unknown)[:200]}")
    lat, lon, radius = (_finite(value, name) for name in ("lat", "lon", "radius_m"))
    if not -90.0 <= lat <= 90.0 or not -180.0 <= lon <= 180.0:
        raise ScreenPopRefused("bad_location", "location lat must be -90..90 and lon -180..180 "
                                               "(WGS84 degrees)")
    if lat == 0.0 and lon == 0.0:
        raise ScreenPopRefused("bad_location", "location 0, 0 is a carrier's placeholder, not "
                                               "a position; leave location out")
    if not 0.0 < radius <= MAX_RADIUS_M:
        raise ScreenPopRefused("bad_location", f"location radius_m must be more than 0 and at "
                                               f"most {MAX_RADIUS_M:.0f} metres")
    source = value.get("source", "cell")
    if source not in LOCATION_SOURCES:
        raise ScreenPopRefused("bad_location", f"location source must be one of "
                                               f"{', '.join(LOCATION_SOURCES)}")
    return CallLocation(lat, lon, radius, source, _text(value, "source_id", MAX_SOURCE_ID))


def _finite(value: Mapping[str, Any], name: str) -> float:
    got = value.get(name)
    if isinstance(got, bool) or not isinstance(got, int | float) or not math.isfinite(got):
        raise ScreenPopRefused("bad_location", f"location {name} must be a number")
    return float(got)


def _text(body: Mapping[str, Any], name: str, limit: int) -> str:
    value = body.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ScreenPopRefused("bad_field", f"{name} must be a string")
    if len(value) > limit:
        raise ScreenPopRefused("too_long", f"{name} is longer than {limit} characters")
    if any(ord(ch) < 32 for ch in value):
        raise ScreenPopRefused("bad_field", f"{name} must not contain control characters")
    return value.strip()
