"""Age on a date and age groups (infancia, adolescencia, adulta, adulta mayor), with the
groups as data (``resources/cases/age_groups.csv``).

Groups do not partition the people a report counts: they overlap with sex (the seed's
month: 132 persons = 108 women + 18 men + 6 infants + 10 elderly = 142). Each group
says whether its people are also counted by sex (``counted_by_sex``: children are
counted as children, not as women or men) and whether the headline figures name it
(``in_summary``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from c4console.core.catalogue import CatalogueError


def age_on(birth: date, on: date) -> int:
    """Completed years of age on ``on`` (a birthday counts on the day itself; one born
    on 29 February turns a year older on 1 March in common years)."""
    before_birthday = (on.month, on.day) < (birth.month, birth.day)
    return on.year - birth.year - (1 if before_birthday else 0)


@dataclass(frozen=True, slots=True)
class AgeGroup:
    """Ages ``min_years``..``max_years`` inclusive (``max_years`` None: no upper end)."""

    code: str
    name: str
    min_years: int
    max_years: int | None
    counted_by_sex: bool
    in_summary: bool

    def holds(self, age: int) -> bool:
        """True if a person of this age belongs to the group."""
        return self.min_years <= age and (self.max_years is None or age <= self.max_years)


@dataclass(frozen=True, slots=True)
class AgeGroups:
    """The age groups, youngest first; together they cover every age from 0, once."""

    groups: tuple[AgeGroup, ...]

    @classmethod
    def parse(cls, text: str) -> AgeGroups:
        """Parse ``code,name,min_years,max_years,counted_by_sex,in_summary``.

        Refuses gaps and overlaps: every age from 0 up belongs to exactly one group.
        """
        reader = csv.DictReader(io.StringIO(text))
        need = {"code", "name", "min_years", "max_years", "counted_by_sex", "in_summary"}
        missing = need - set(reader.fieldnames or ())
        if missing:
            raise CatalogueError(f"age groups: header lacks columns: {', '.join(sorted(missing))}")
        groups = [_group(row, n) for n, row in enumerate(reader, start=2)]
        groups.sort(key=lambda g: g.min_years)
        expected = 0
        for g in groups:
            if g.min_years != expected:
                raise CatalogueError(
                    f"age groups: {g.code} starts at {g.min_years}, expected {expected} "
                    "(groups must cover every age once)")
            if g.max_years is None:
                if g is not groups[-1]:
                    raise CatalogueError(f"age groups: only the oldest group may be open-ended ({g.code})")
                break
            expected = g.max_years + 1
        else:
            raise CatalogueError("age groups: the oldest group must have no upper end")
        return cls(tuple(groups))

    def of_age(self, age: int) -> AgeGroup:
        """The group of a person this old (ages below 0 are refused)."""
        if age < 0:
            raise ValueError(f"age {age} is negative")
        return next(g for g in self.groups if g.holds(age))

    def of_birth(self, birth: date | None, on: date) -> AgeGroup | None:
        """The group of a person born on ``birth`` on the day ``on``; None if unknown."""
        return None if birth is None or birth > on else self.of_age(age_on(birth, on))

    def get(self, code: str) -> AgeGroup:
        """The group with this code (KeyError naming it if unknown)."""
        for g in self.groups:
            if g.code == code:
                return g
        raise KeyError(f"age group {code!r} is not in the catalogue")

    def __iter__(self) -> Iterator[AgeGroup]:
        return iter(self.groups)


def _yes(value: str, line_no: int, column: str) -> bool:
    v = value.strip().lower()
    if v in {"yes", "si", "sí", "true", "1"}:
        return True
    if v in {"no", "false", "0"}:
        return False
    raise CatalogueError(f"age groups, line {line_no}: {column} {value!r} is not yes or no")


def _group(row: dict[str, str], line_no: int) -> AgeGroup:
    code, name = (row["code"] or "").strip(), (row["name"] or "").strip()
    if not code or not name:
        raise CatalogueError(f"age groups, line {line_no}: empty code or name")
    try:
        low = int(row["min_years"])
        high = int(row["max_years"]) if (row["max_years"] or "").strip() else None
    except ValueError:
        raise CatalogueError(f"age groups, line {line_no}: ages must be whole years") from None
    if low < 0 or (high is not None and high < low):
        raise CatalogueError(f"age groups, line {line_no}: ages {low}..{high} are not a range")
    return AgeGroup(code, name, low, high, _yes(row["counted_by_sex"] or "", line_no, "counted_by_sex"),
                    _yes(row["in_summary"] or "", line_no, "in_summary"))
