"""The BANAVIM field map as data (``resources/banavim/field_map.csv``): each field of the
record, what it means, where in the case it comes from, whether BANAVIM needs it and its
format. :func:`c4console.core.banavim.record.build_record` fills exactly these fields and
:func:`c4console.core.banavim.validation.validate` checks a record against them."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from c4console.core.catalogue import CatalogueError

# The formats a field may have; ``list:<format>`` is one value per aggressor, order or
# service, each in <format>.
SCALAR_FORMATS = frozenset({"text", "sex", "date", "datetime", "integer", "codes", "code",
                            "yesno"})
COLUMNS = ("field", "meaning", "source", "required", "format")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One row of the field map."""

    field: str
    meaning: str
    source: str
    required: bool
    format: str

    @property
    def is_list(self) -> bool:
        """True for a field with one value per aggressor, order or service."""
        return self.format.startswith("list:")

    @property
    def item_format(self) -> str:
        """The format of the field's value, or of each of its values for a list."""
        return self.format.removeprefix("list:")


def parse_field_map(text: str) -> tuple[FieldSpec, ...]:
    """The field map's rows, in order; refuses missing columns, unknown formats, a
    ``required`` other than yes/no and repeated fields."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise CatalogueError(f"BANAVIM field map: missing columns {', '.join(missing)}")
    specs: list[FieldSpec] = []
    seen: set[str] = set()
    for n, row in enumerate(reader, start=2):
        where = f"BANAVIM field map, line {n}"
        name = (row["field"] or "").strip()
        if not name or name in seen:
            raise CatalogueError(f"{where}: field {name!r} is empty or repeated")
        if row["required"] not in ("yes", "no"):
            raise CatalogueError(f"{where}: required must be yes or no")
        fmt = (row["format"] or "").strip()
        if fmt.removeprefix("list:") not in SCALAR_FORMATS:
            raise CatalogueError(f"{where}: unknown format {fmt!r}")
        seen.add(name)
        specs.append(FieldSpec(name, row["meaning"] or "", row["source"] or "",
                               row["required"] == "yes", fmt))
    if not specs:
        raise CatalogueError("BANAVIM field map: no fields")
    return tuple(specs)
