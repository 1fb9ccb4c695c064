"""The JSON round trip every feed record shares (incidents, units… and the case area's)."""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from typing import Any, Self

_FIELD_NAMES: dict[type, frozenset[str]] = {}


def as_lists(value: Any) -> Any:
    """Tuples as lists, recursively: what a record looks like after a JSON round trip."""
    if isinstance(value, tuple | list):
        return [as_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: as_lists(v) for k, v in value.items()}
    return value


class _Wire:
    """Mixin: JSON-ready dict round trip that ignores unknown keys (newer centrals)."""

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Self:
        """Build from a dict, ignoring keys this version does not know."""
        names = _FIELD_NAMES.get(cls)
        if names is None:  # fields() costs as much as the rest: once per class
            names = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]
        obj = cls(**{k: v for k, v in data.items() if k in names})
        return obj._coerce()

    def _coerce(self) -> Self:
        return self

    def evolve(self, **changes: Any) -> Self:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[type-var]
