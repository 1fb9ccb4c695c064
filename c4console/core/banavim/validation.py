"""A BANAVIM record against the field map (pure): which required fields are missing and
which values are not in their format. A record with any problem is not exported."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from c4console.core.banavim.field_map import FieldSpec

CODE = re.compile(r"[a-z0-9_]+")
SEXES = frozenset({"mujer", "hombre", "otro"})
YES_NO = frozenset({"si", "no"})


@dataclass(frozen=True, slots=True)
class Problem:
    """One field of a record that BANAVIM would not take: ``missing`` or ``invalid``."""

    field: str
    kind: str
    message: str

    def to_wire(self) -> dict[str, str]:
        """Plain dict for JSON."""
        return {"field": self.field, "problem": self.kind, "message": self.message}


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def _date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _datetime(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


def in_format(value: Any, fmt: str) -> bool:
    """True if one non-blank value is in ``fmt`` (a scalar format of the field map)."""
    if fmt == "integer":
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if fmt == "codes":
        return (isinstance(value, list) and bool(value)
                and all(isinstance(c, str) and CODE.fullmatch(c) for c in value))
    if not isinstance(value, str):
        return False
    return {"text": lambda v: bool(v.strip()), "sex": lambda v: v in SEXES,
            "date": _date, "datetime": _datetime, "code": lambda v: bool(CODE.fullmatch(v)),
            "yesno": lambda v: v in YES_NO}[fmt](value)


def _check(spec: FieldSpec, value: Any) -> Problem | None:
    if _blank(value):
        return Problem(spec.field, "missing", f"{spec.field} is required ({spec.meaning})") \
            if spec.required else None
    if not spec.is_list:
        ok = in_format(value, spec.format)
        return None if ok else Problem(spec.field, "invalid",
                                       f"{spec.field} is not {spec.format}: {value!r}"[:200])
    if not isinstance(value, list):
        return Problem(spec.field, "invalid", f"{spec.field} must be a list")
    for n, item in enumerate(value, start=1):
        if _blank(item):
            if spec.required:
                return Problem(spec.field, "missing", f"{spec.field} is required for each "
                                                      f"one (number {n} has none)")
            continue
        if not in_format(item, spec.item_format):
            return Problem(spec.field, "invalid", f"{spec.field} number {n} is not "
                                                  f"{spec.item_format}: {item!r}"[:200])
    return None


def validate(record: Mapping[str, Any], field_map: Iterable[FieldSpec]) -> list[Problem]:
    """The record's problems against the field map, in the map's order: required fields
    missing (a list field: empty, or blank for one of its items) and values not in their
    format; a field the map has and the record lacks is missing. Empty: BANAVIM takes it."""
    problems = []
    for spec in field_map:
        problem = _check(spec, record.get(spec.field))
        if problem is not None:
            problems.append(problem)
    return problems
