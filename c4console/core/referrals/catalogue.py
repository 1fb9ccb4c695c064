"""The catalogue of institutions a C4 refers women to (``resources/institutions/
institutions.csv``, described in its README.md), parsed and checked (pure)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from c4console.core.catalogue import CatalogueError
from c4console.core.referrals.vocabulary import INSTITUTION_KINDS, SHARE_ITEMS, URGENTE

COLUMNS = ("id", "name", "kind", "phone", "email", "address", "hours", "needs",
           "overdue_hours_normal", "overdue_hours_urgente")
_ID = re.compile(r"^[a-z0-9_]{1,40}$")


@dataclass(frozen=True, slots=True)
class Institution:
    """One institution: its contact data, the case items it needs to receive, and how
    many hours a referral may stay ``enviada`` before it is flagged."""

    id: str
    name: str
    kind: str
    phone: str
    email: str
    address: str
    hours: str
    needs: tuple[str, ...]
    overdue_hours_normal: float
    overdue_hours_urgente: float

    def overdue_after_s(self, urgency: str) -> float:
        """Seconds a referral of this urgency may wait unconfirmed."""
        hours = self.overdue_hours_urgente if urgency == URGENTE else self.overdue_hours_normal
        return hours * 3600.0

    def to_wire(self) -> dict[str, object]:
        """Plain dict for JSON (the console's dialog shows it)."""
        return {"id": self.id, "name": self.name, "kind": self.kind, "phone": self.phone,
                "email": self.email, "address": self.address, "hours": self.hours,
                "needs": list(self.needs), "overdue_hours_normal": self.overdue_hours_normal,
                "overdue_hours_urgente": self.overdue_hours_urgente}


@dataclass(frozen=True)
class InstitutionCatalogue:
    """The institutions by id, in the file's order."""

    by_id: Mapping[str, Institution]

    @classmethod
    def parse(cls, text: str) -> InstitutionCatalogue:
        """Parse institutions.csv; refuses (naming the row) a missing column, an unknown
        kind or item, a repeated or malformed id, hours that are not positive numbers, and
        urgent hours above the normal ones."""
        reader = csv.DictReader(io.StringIO(text))
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CatalogueError(f"institutions.csv: missing columns {missing}")
        found: dict[str, Institution] = {}
        for n, row in enumerate(reader, start=2):
            where = f"institutions.csv line {n}"
            inst = _institution(row, where)
            if inst.id in found:
                raise CatalogueError(f"{where}: id {inst.id!r} repeated")
            found[inst.id] = inst
        if not found:
            raise CatalogueError("institutions.csv: no institutions")
        return cls(found)

    @classmethod
    def from_wire(cls, rows: list[dict]) -> InstitutionCatalogue:
        """The catalogue as ``GET /institutions`` gives it (rows a console cannot read are
        left out: the central checked them when it started)."""
        found: dict[str, Institution] = {}
        for row in rows:
            try:
                found[str(row["id"])] = Institution(
                    str(row["id"]), str(row["name"]), str(row.get("kind", "otra")),
                    str(row.get("phone", "")), str(row.get("email", "")),
                    str(row.get("address", "")), str(row.get("hours", "")),
                    tuple(str(i) for i in row.get("needs", ())),
                    float(row["overdue_hours_normal"]), float(row["overdue_hours_urgente"]))
            except (KeyError, TypeError, ValueError):
                continue
        return cls(found)

    def get(self, institution_id: str) -> Institution | None:
        """The institution with that id, or None."""
        return self.by_id.get(institution_id)

    def __iter__(self) -> Iterator[Institution]:
        return iter(self.by_id.values())


def _institution(row: Mapping[str, str | None], where: str) -> Institution:
    cell = {k: (row.get(k) or "").strip() for k in COLUMNS}
    if not _ID.match(cell["id"]):
        raise CatalogueError(f"{where}: id {cell['id']!r} must be 1–40 of a-z, 0-9, _")
    if not cell["name"]:
        raise CatalogueError(f"{where}: name is empty")
    if cell["kind"] not in INSTITUTION_KINDS:
        raise CatalogueError(f"{where}: kind {cell['kind']!r} not one of {', '.join(INSTITUTION_KINDS)}")
    needs = tuple(i.strip() for i in cell["needs"].split(";") if i.strip())
    unknown = [i for i in needs if i not in SHARE_ITEMS]
    if unknown:
        raise CatalogueError(f"{where}: needs {unknown} not among {', '.join(SHARE_ITEMS)}")
    hours = []
    for col in ("overdue_hours_normal", "overdue_hours_urgente"):
        try:
            value = float(cell[col])
        except ValueError:
            raise CatalogueError(f"{where}: {col} {cell[col]!r} is not a number") from None
        if not value > 0:
            raise CatalogueError(f"{where}: {col} must be positive")
        hours.append(value)
    if hours[1] > hours[0]:
        raise CatalogueError(f"{where}: overdue_hours_urgente is above overdue_hours_normal")
    return Institution(cell["id"], cell["name"], cell["kind"], cell["phone"], cell["email"],
                       cell["address"], cell["hours"], needs, hours[0], hours[1])
