"""Console side of ``POST /api/v1/devices/import``: send a devices CSV, get the report.

The central answers the row-by-row report (docs/protocol.md, "Devices CSV import"); a
file it cannot read, a role it refuses or a body too large come back as
:class:`ImportRefused` with the central's sentence (nothing was imported then).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aiohttp

from c4console.sync.client import CentralClient

PATH = "/api/v1/devices/import"
# Each row is its own transaction at the central: a file of thousands of rows takes
# longer than the console's usual 30 s request timeout.
IMPORT_TIMEOUT = aiohttp.ClientTimeout(total=600)


class ImportRefused(RuntimeError):
    """The central refused the whole file: ``status`` (400, 403, 413, 415) and why."""

    def __init__(self, status: int, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One row of the report: its line in the file, the device, the outcome and why."""

    line: int
    device_id: str
    outcome: str  # imported | updated | unchanged | refused
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The central's report of one import."""

    source: str
    counts: dict[str, int]
    rows: tuple[ImportRow, ...]

    @classmethod
    def from_wire(cls, body: dict[str, Any]) -> ImportReport:
        """Build from the central's JSON answer."""
        rows = tuple(ImportRow(int(r.get("line", 0)), str(r.get("device_id", "")),
                               str(r.get("outcome", "")), str(r.get("reason", "")))
                     for r in body.get("rows", []))
        return cls(str(body.get("source", "")), {str(k): int(v) for k, v in
                                                 (body.get("counts") or {}).items()}, rows)

    def refused(self) -> list[ImportRow]:
        """The rows that were not imported."""
        return [r for r in self.rows if r.outcome == "refused"]


async def import_devices_csv(client: CentralClient, data: bytes, filename: str) -> ImportReport:
    """Send the file's bytes; returns the report or raises :class:`ImportRefused`
    (also ``aiohttp.ClientError``/``OSError`` when the central cannot be reached)."""
    status, body = await client.answer("POST", PATH, data=data, headers={"Content-Type": "text/csv"},
                                       params={"filename": filename}, timeout=IMPORT_TIMEOUT)
    if status != 200:
        raise ImportRefused(status, str(body.get("error") or f"HTTP {status}"),
                            str(body.get("reason") or ""))
    return ImportReport.from_wire(body)
