"""A code list from a CSV catalogue (types and modalities of violence, relationships):
stable codes a record stores, with the name people read and one more column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from c4console.core.catalogue import CatalogueError


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """One row: the code, its name, and the list's extra column (legal basis, kind…)."""

    code: str
    name: str
    extra: str = ""


@dataclass(frozen=True, slots=True)
class CodeList:
    """The entries of one catalogue by code, in file order."""

    title: str
    entries: Mapping[str, CodeEntry]

    @classmethod
    def parse(cls, title: str, text: str, extra_column: str) -> CodeList:
        """Parse ``code,name,<extra_column>`` rows; refuses empty or repeated codes."""
        reader = csv.DictReader(io.StringIO(text))
        missing = {"code", "name", extra_column} - set(reader.fieldnames or ())
        if missing:
            raise CatalogueError(f"{title}: header lacks columns: {', '.join(sorted(missing))}")
        entries: dict[str, CodeEntry] = {}
        for line_no, row in enumerate(reader, start=2):
            code, name = (row["code"] or "").strip(), (row["name"] or "").strip()
            if not code or not name:
                raise CatalogueError(f"{title}, line {line_no}: empty code or name")
            if code in entries:
                raise CatalogueError(f"{title}, line {line_no}: code {code!r} repeated")
            entries[code] = CodeEntry(code, name, (row[extra_column] or "").strip())
        if not entries:
            raise CatalogueError(f"{title}: no entries")
        return cls(title, entries)

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def __iter__(self) -> Iterator[CodeEntry]:
        return iter(self.entries.values())

    def unknown(self, codes: tuple[str, ...] | list[str]) -> list[str]:
        """The codes that are not in this list, in the order given."""
        return [c for c in codes if c not in self.entries]
