"""The BANAVIM export (pure): complete records as JSON or CSV, and which records were
left out and why (a record with a required field missing is never exported)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from c4console.core.banavim.field_map import FieldSpec
from c4console.core.banavim.validation import Problem, validate
from c4console.core.csv_cells import csv_writer

LIST_SEPARATOR = " | "  # a CSV cell holding one value per aggressor, order or service


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A record not exported: its case, its episode and the fields that stop it."""

    case_id: str
    incident_id: str
    problems: tuple[Problem, ...]

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {"case_id": self.case_id, "incident_id": self.incident_id,
                "missing": [p.to_wire() for p in self.problems]}

    def sentence(self) -> str:
        """``case C1 (episode I1): victima.fecha_nacimiento missing, …`` for people."""
        fields = ", ".join(f"{p.field} {p.kind}" for p in self.problems)
        episode = f" (episode {self.incident_id})" if self.incident_id else ""
        return f"case {self.case_id}{episode}: {fields}"


def split_complete(records: Iterable[Mapping[str, Any]], field_map: Sequence[FieldSpec]
                   ) -> tuple[list[dict[str, Any]], list[LeftOut]]:
    """(the records BANAVIM takes, the ones left out with their problems), in order."""
    complete: list[dict[str, Any]] = []
    left_out: list[LeftOut] = []
    for record in records:
        problems = validate(record, field_map)
        if problems:
            left_out.append(LeftOut(str(record.get("expediente.caso", "")),
                                    str(record.get("expediente.episodio", "")), tuple(problems)))
        else:
            complete.append(dict(record))
    return complete, left_out


def to_json(records: Iterable[Mapping[str, Any]]) -> str:
    """The records as a JSON array (UTF-8 text, accents as they are)."""
    return json.dumps([dict(r) for r in records], ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    return "" if value is None else value


def to_csv(records: Iterable[Mapping[str, Any]], fields: Sequence[str] | None = None) -> str:
    """The records as CSV: a header of the fields (``fields``, or the first record's keys)
    and one row per record; a list is one cell, its values joined by ``" | "``. Cells
    a spreadsheet would run as formulas are escaped (core/csv_cells.py)."""
    rows = [dict(r) for r in records]
    columns = list(fields) if fields is not None else (list(rows[0]) if rows else [])
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()
