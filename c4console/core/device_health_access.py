"""Need-to-know for the device-health records (pure), from ``resources/cases/access.toml``
``[device_health]``: who receives a woman's device health (whole), who receives her call
tasks (whole), and which fields of an *open* task the call roles receive.

Patrol trackers' health is not personal (``need_to_know.open_ground`` passes it to all).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from c4console.core.catalogue import CatalogueError
from c4console.core.device_health import HealthTask

HEALTH_ENTITIES = frozenset({"device_health", "health_task"})


@dataclass(frozen=True)
class HealthAccess:
    """Who receives ``device_health`` and ``health_task`` records, and how much."""

    health_readers: frozenset[str]
    task_readers: frozenset[str]
    call_roles: frozenset[str]
    call_fields: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> HealthAccess:
        """The ``[device_health]`` table of access.toml; refuses unknown task fields and a
        call role's fields without whom to call."""
        try:
            conf = tomllib.loads(text).get("device_health")
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"access policy: {e}") from None
        if not isinstance(conf, dict):
            raise CatalogueError("access policy: [device_health] is missing: say who receives "
                                 "device health and call tasks")
        fields = tuple(conf.get("call_fields", ()))
        unknown = sorted(set(fields) - HealthTask.__dataclass_fields__.keys())
        if unknown:
            raise CatalogueError(f"access policy: [device_health] call_fields names unknown "
                                 f"task fields {unknown}")
        if conf.get("call_roles") and not {"id", "status"} <= set(fields):
            raise CatalogueError("access policy: [device_health] call_fields must include id "
                                 "and status")
        return cls(frozenset(conf.get("health_readers", ())), frozenset(conf.get("task_readers", ())),
                   frozenset(conf.get("call_roles", ())), fields)

    def project(self, role: str, entity: str, data: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """The record as ``role`` may hold it: whole, an open task's call fields, or None."""
        if entity == "device_health":
            return data if role in self.health_readers else None
        if role in self.task_readers:
            return data
        if role in self.call_roles and data.get("status") == "open":
            return {k: data[k] for k in self.call_fields if k in data}
        return None
