"""The agencies the C4 works with, read from the central (``GET /agencies``, issue 15) for
the tools that show them by name: the case view's shares (gui/cases/sharing_actions.py) and
the coordination meetings (gui/coordination/meetings_tool.py). Awaited on the event loop,
never on the GUI thread's own time; the central audits each read (``agencies.read``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from c4console.sync.central_api import CentralApi


@dataclass(frozen=True)
class Agencies:
    """What ``GET /agencies`` answered: its rows and the kinds catalogue (key → label)."""

    rows: list[dict[str, Any]]
    kinds: dict[str, str]

    @property
    def names(self) -> dict[str, str]:
        """Agency id → its name (the id where the central has no name)."""
        return {str(r["id"]): str(r.get("name") or r["id"]) for r in self.rows}


async def read_agencies(api: CentralApi) -> Agencies:
    """The agencies from the central; raises as the API does when it cannot answer."""
    rows, kinds = await api.agencies()
    return Agencies(rows, kinds)


def agency_label(names: Mapping[str, str], agency_id: str) -> str:
    """An agency as a person reads it: its name, or its id when no name is known."""
    return names.get(agency_id) or agency_id
