"""Counting the persons attended in a period: the unique total, and each group's count.

Groups overlap (the seed's month: 132 persons = 108 women + 18 men + 6 infants + 10
elderly, which sums to 142): an elderly woman counts as a woman and as elderly; a
child counts as a child and — when her age group says ``counted_by_sex = no`` — not as a
woman or a man. Reports state the unique total beside the groups and say that they
overlap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from c4console.core.cases.age import AgeGroups
from c4console.core.cases.records import Case
from c4console.core.cases.refusals import CaseRefused
from c4console.core.cases.vocabulary import Sex


def utc_date(at: float) -> date:
    """The UTC calendar date of an epoch time (the default day of an attendance)."""
    return datetime.fromtimestamp(at, UTC).date()


@dataclass(frozen=True, slots=True)
class Period:
    """From ``starts_at`` (inclusive) to ``ends_at`` (exclusive), epoch seconds."""

    starts_at: float
    ends_at: float

    def __post_init__(self) -> None:
        if self.ends_at <= self.starts_at:
            raise CaseRefused("bad_period", "the period ends before it starts")

    def holds(self, at: float) -> bool:
        """True if ``at`` falls in the period."""
        return self.starts_at <= at < self.ends_at


@dataclass(frozen=True, slots=True)
class PersonCount:
    """Unique persons attended, and the overlapping groups they fall in."""

    unique: int
    by_sex: dict[str, int] = field(default_factory=dict)  # only persons counted by sex
    by_age_group: dict[str, int] = field(default_factory=dict)
    unknown_age: int = 0
    summary: dict[str, int] = field(default_factory=dict)  # the headline groups, in order

    @property
    def summary_total(self) -> int:
        """The sum of the headline groups: more than ``unique`` when they overlap."""
        return sum(self.summary.values())


def count_persons(cases: Iterable[Case], period: Period, ages: AgeGroups, *,
                  attendances: Iterable[tuple[str, float]] = (),
                  day_of: Callable[[float], date] = utc_date) -> PersonCount:
    """Count the persons attended in the period.

    A person is attended if one of her episodes (or one of the extra ``attendances``,
    ``(case_id, at)`` pairs from interventions or follow-up) falls in the period; her
    age is her age on the day of her first attendance in it (``day_of`` turns a time
    into the C4's calendar date). A merged case is counted as its survivor, once.
    """
    every = list(cases)
    live = {c.id: c for c in every if c.merged_into is None}
    merged_to = {c.id: c.merged_into for c in every if c.merged_into is not None}
    first: dict[str, float] = {}

    def attend(case_id: str, at: float) -> None:
        seen: set[str] = set()
        while case_id in merged_to and case_id not in seen:  # follow merges to the survivor
            seen.add(case_id)
            case_id = merged_to[case_id]
        if case_id in live and period.holds(at) and at < first.get(case_id, float("inf")):
            first[case_id] = at

    for case in every:  # a merged case's episodes count for its survivor
        for ep in case.episodes:
            attend(case.id, ep.occurred_at)
    for case_id, at in attendances:
        attend(case_id, at)
    return _tally([(live[cid], day_of(at)) for cid, at in first.items()], ages)


def _tally(attended: list[tuple[Case, date]], ages: AgeGroups) -> PersonCount:
    by_sex: Counter[str] = Counter()
    by_group: Counter[str] = Counter()
    unknown_age = 0
    for case, day in attended:
        group = ages.of_birth(case.person.birth_date, day)
        if group is None:
            unknown_age += 1
        else:
            by_group[group.code] += 1
        if group is None or group.counted_by_sex:
            by_sex[case.person.sex.value] += 1
    summary = {sex.value: by_sex[sex.value] for sex in (Sex.MUJER, Sex.HOMBRE, Sex.OTRO)
               if by_sex[sex.value] or sex is not Sex.OTRO}
    summary |= {g.code: by_group[g.code] for g in ages if g.in_summary}
    return PersonCount(len(attended), dict(by_sex), {g.code: by_group[g.code] for g in ages},
                       unknown_age, summary)
