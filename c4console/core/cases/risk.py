"""The risk questionnaire and its scorer: weighted yes/no items (threats to kill, weapon
access, strangulation, escalation, separation…) in the spirit of the published VioGén
and Danger Assessment instruments; items, weights and thresholds are data
(``resources/cases/risk_items.csv``, ``risk_levels.toml``).

The score is the sum of the weights of the items answered yes; the level is the
highest whose ``min_score`` it reaches, raised to a floor when every item of a floor
rule is yes (lethality screens: strangulation alone is at least alto).
"""

from __future__ import annotations

import csv
import io
import itertools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from c4console.core.cases.records import Case, RiskAssessment
from c4console.core.cases.refusals import CaseRefused
from c4console.core.cases.vocabulary import RiskLevel
from c4console.core.catalogue import CatalogueError
from c4console.core.enums import Priority

Answers = Mapping[str, bool | None]


@dataclass(frozen=True, slots=True)
class RiskItem:
    """One question: stable code, the question in Spanish, its weight (≥ 1)."""

    code: str
    question: str
    weight: int


@dataclass(frozen=True, slots=True)
class Floor:
    """A yes to every item in ``items`` makes the level at least ``level``."""

    items: frozenset[str]
    level: RiskLevel


@dataclass(frozen=True, slots=True)
class RiskResult:
    """What the scorer says about a set of answers."""

    level: RiskLevel
    score: int
    max_score: int
    unanswered: tuple[str, ...]  # item codes not answered or answered "no sé" (None)
    floors_applied: tuple[RiskLevel, ...] = ()


@dataclass(frozen=True, slots=True)
class LevelChange:
    """One step of the history of her levels."""

    at: float
    level: RiskLevel
    previous: RiskLevel | None
    assessed_by: str

    @property
    def direction(self) -> str:
        """"first", "up", "down" or "same"."""
        if self.previous is None:
            return "first"
        diff = self.level.rank - self.previous.rank
        return "up" if diff > 0 else "down" if diff < 0 else "same"


@dataclass(frozen=True, slots=True)
class RiskQuestionnaire:
    """The items, the level thresholds, the floors and the reassessment intervals."""

    items: Mapping[str, RiskItem]
    thresholds: tuple[tuple[int, RiskLevel], ...]  # (min_score, level), ascending
    floors: tuple[Floor, ...]
    reassess_days: Mapping[RiskLevel, int]

    @classmethod
    def parse(cls, items_csv: str, levels_toml: str) -> RiskQuestionnaire:
        """Parse the items CSV (``code,question,weight``) and the levels TOML.

        Refuses a table that misses a level, whose thresholds do not rise with the
        level, or whose floors name an unknown item.
        """
        items = _items(items_csv)
        try:
            conf = tomllib.loads(levels_toml)
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"risk levels: {e}") from None
        thresholds: list[tuple[int, RiskLevel]] = []
        reassess: dict[RiskLevel, int] = {}
        for row in conf.get("levels", []):
            level = _level(row.get("level"), "risk levels")
            min_score, days = row.get("min_score"), row.get("reassess_days")
            if not isinstance(min_score, int) or not isinstance(days, int) or days < 1:
                raise CatalogueError(f"risk levels: {level} needs integer min_score and reassess_days ≥ 1")
            thresholds.append((min_score, level))
            reassess[level] = days
        if {lv for _, lv in thresholds} != set(RiskLevel) or len(thresholds) != len(RiskLevel):
            raise CatalogueError("risk levels: every level must appear exactly once")
        thresholds.sort(key=lambda t: t[1].rank)
        if thresholds[0][0] != 0 or any(a[0] >= b[0] for a, b in itertools.pairwise(thresholds)):
            raise CatalogueError("risk levels: min_score must start at 0 and rise with the level")
        floors = []
        for row in conf.get("floors", []):
            names = row.get("all") or []
            unknown = [n for n in names if n not in items]
            if not names or unknown:
                raise CatalogueError(f"risk floors: unknown or missing items {unknown or names}")
            floors.append(Floor(frozenset(names), _level(row.get("level"), "risk floors")))
        return cls(items, tuple(thresholds), tuple(floors), reassess)

    @property
    def max_score(self) -> int:
        """The score of a yes to every item."""
        return sum(i.weight for i in self.items.values())

    def score(self, answers: Answers) -> RiskResult:
        """The level for these answers. Refuses (``CaseRefused``) an unknown item code
        or an answer that is not yes/no/unknown (true, false, null)."""
        for code, value in answers.items():
            if code not in self.items:
                raise CaseRefused("unknown_risk_item", f"risk item {code!r} is not in the questionnaire")
            if value is not None and not isinstance(value, bool):
                raise CaseRefused("bad_risk_answer",
                                  f"answer to {code!r} must be yes, no or unknown, not {value!r}")
        yes = {c for c, v in answers.items() if v is True}
        total = sum(self.items[c].weight for c in yes)
        level = next(lv for low, lv in reversed(self.thresholds) if total >= low)
        applied = tuple(f.level for f in self.floors if f.items <= yes and f.level.rank > level.rank)
        if applied:
            level = max(applied, key=lambda lv: lv.rank)
        unanswered = tuple(c for c in self.items if answers.get(c) is None)
        return RiskResult(level, total, self.max_score, unanswered, applied)

    def assess(self, answers: Answers, *, assessment_id: str, assessed_by: str, at: float,
               today: date, note: str = "") -> RiskAssessment:
        """A signed assessment of these answers, due for reassessment after the interval
        of its level (``today`` is the C4's calendar date of ``at``)."""
        if not assessed_by.strip():
            raise CaseRefused("bad_command", "a risk assessment must say who assessed it")
        result = self.score(answers)
        due = today + timedelta(days=self.reassess_days[result.level])
        return RiskAssessment(assessment_id, dict(answers), result.level, result.score,
                              assessed_by, at, due.isoformat(), note)


def level_history(case: Case) -> list[LevelChange]:
    """Her levels over time, oldest first, each with the level before it."""
    out: list[LevelChange] = []
    previous: RiskLevel | None = None
    for a in sorted(case.risk_assessments, key=lambda a: a.assessed_at):
        out.append(LevelChange(a.assessed_at, a.level, previous, a.assessed_by))
        previous = a.level
    return out


def reassessment_due(case: Case, today: date) -> bool:
    """True if her latest assessment's reassessment date has come (or she was never assessed)."""
    latest = case.latest_assessment
    return latest is None or not latest.reassess_on or date.fromisoformat(latest.reassess_on) <= today


def priority_for(risk_level: RiskLevel | None, catalogue_priority: Priority) -> Priority:
    """An incident's priority given her risk level: alto and extremo raise it to ALTA;
    lower levels (or none) keep the catalogue's priority — risk never lowers it."""
    if risk_level is not None and risk_level.raises_priority:
        return Priority.ALTA
    return catalogue_priority


def _level(value: object, where: str) -> RiskLevel:
    try:
        return RiskLevel(value)  # type: ignore[arg-type]
    except ValueError:
        raise CatalogueError(f"{where}: unknown level {value!r}") from None


def _items(text: str) -> dict[str, RiskItem]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"code", "question", "weight"} - set(reader.fieldnames or ())
    if missing:
        raise CatalogueError(f"risk items: header lacks columns: {', '.join(sorted(missing))}")
    items: dict[str, RiskItem] = {}
    for line_no, row in enumerate(reader, start=2):
        code, question = (row["code"] or "").strip(), (row["question"] or "").strip()
        if not code or not question:
            raise CatalogueError(f"risk items, line {line_no}: empty code or question")
        if code in items:
            raise CatalogueError(f"risk items, line {line_no}: code {code!r} repeated")
        try:
            weight = int(row["weight"])
        except (TypeError, ValueError):
            raise CatalogueError(
                f"risk items, line {line_no}: weight {row['weight']!r} is not a whole number") from None
        if weight < 1:
            raise CatalogueError(f"risk items, line {line_no}: weight must be at least 1")
        items[code] = RiskItem(code, question, weight)
    if not items:
        raise CatalogueError("risk items: no items")
    return items
