"""Need-to-know for exclusion zones and the aggressor's positions (pure), from
``resources/cases/access.toml`` ``[exclusion_zones]``.

- ``exclusion_order`` records and aggressor trackers (``device`` of kind ``aggressor``,
  with his last position): ``readers`` always; ``while_open`` roles only while a proximity
  incident of that order / tracker is open (the central re-publishes both when it opens
  and closes, so the grant and the withdrawal follow in the feed).
- A *closed* proximity incident: everyone keeps the incident, but his positions (live
  position, trail) and the zones go to ``readers`` only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from c4console.core.catalogue import CatalogueError
from c4console.core.zones.records import AGGRESSOR_KIND

ORDER_ENTITY = "exclusion_order"
# What a closed proximity incident keeps for a role that is not a reader.
WITHHELD = {"live_lat": None, "live_lon": None, "live_at": None, "trail": None}


def is_aggressor_device(entity: str, data: Mapping[str, Any]) -> bool:
    """True for his tracker's record."""
    return entity == "device" and data.get("kind") == AGGRESSOR_KIND


def is_closed_proximity(entity: str, data: Mapping[str, Any], open_statuses: frozenset) -> bool:
    """True for a proximity incident that is no longer open."""
    return entity == "incident" and bool(data.get("proximity")) and data.get("status") not in open_statuses


@dataclass(frozen=True)
class ZoneAccess:
    """Who receives exclusion zones and his positions."""

    readers: frozenset[str]
    while_open: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> ZoneAccess:
        """The ``[exclusion_zones]`` table of access.toml (missing: only nobody reads)."""
        try:
            conf = tomllib.loads(text).get("exclusion_zones")
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"access policy: {e}") from None
        if not isinstance(conf, dict):
            raise CatalogueError("access policy: [exclusion_zones] is missing: say who reads "
                                 "exclusion zones and the aggressor's positions")
        readers, while_open = conf.get("readers", []), conf.get("while_open", [])
        if not all(isinstance(r, str) for r in [*readers, *while_open]):
            raise CatalogueError("access policy: [exclusion_zones] roles must be strings")
        return cls(frozenset(readers), frozenset(while_open))

    def project(self, role: str, entity: str, data: Mapping[str, Any], *, open_incident: bool
                ) -> Mapping[str, Any] | None:
        """The record as ``role`` may hold it: whole, without his positions, or None."""
        if role in self.readers:
            return data
        if entity == "incident":  # closed (only those are asked)
            return {**data, **WITHHELD, "proximity": _without_places(data.get("proximity"))}
        return data if open_incident and role in self.while_open else None


def _without_places(proximity: Any) -> dict[str, Any] | None:
    """What a closed incident says of the breach to a role that is not a reader: its kind."""
    if not isinstance(proximity, dict):
        return None
    return {"breach": proximity.get("breach", ""), "order_id": proximity.get("order_id", "")}
