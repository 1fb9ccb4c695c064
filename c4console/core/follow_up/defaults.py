"""The default follow-up plan per risk level and the GPS proof parameters, parsed from
``resources/follow_up/plan_defaults.toml`` (pure: the text is given)."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass

from c4console.core.cases.vocabulary import RiskLevel
from c4console.core.catalogue import CatalogueError
from c4console.core.refused import Refused

MIN_RADIUS_M = 20.0
MAX_RADIUS_M = 1000.0


@dataclass(frozen=True, slots=True)
class Intervals:
    """How often: a visit and a call (hours), an interview (days)."""

    visit_every_h: float
    call_every_h: float
    interview_every_days: float


@dataclass(frozen=True, slots=True)
class ProofParams:
    """A visit is proven when the unit stays within ``radius_m`` for ``dwell_s``."""

    radius_m: float = 100.0
    dwell_s: float = 120.0


@dataclass(frozen=True, slots=True)
class PlanDefaults:
    """Intervals per risk level, and the proof parameters."""

    levels: Mapping[str, Intervals]
    proof: ProofParams

    @classmethod
    def parse(cls, text: str) -> PlanDefaults:
        """Parse the table; refuses an unknown level, a missing level, a bad interval or a
        radius outside 20–1,000 m."""
        try:
            conf = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"plan defaults: {e}") from None
        levels: dict[str, Intervals] = {}
        for n, row in enumerate(conf.get("levels", []), start=1):
            level = row.get("level", "")
            if level not in {r.value for r in RiskLevel}:
                raise CatalogueError(f"plan defaults, level {n}: {level!r} is not a risk level")
            try:
                levels[level] = check_intervals(row.get("visit_every_h"), row.get("call_every_h"),
                                                row.get("interview_every_days"))
            except Refused as e:
                raise CatalogueError(f"plan defaults, level {level}: {e}") from None
        missing = sorted({r.value for r in RiskLevel} - levels.keys())
        if missing:
            raise CatalogueError(f"plan defaults: no plan for risk level(s) {', '.join(missing)}")
        proof = conf.get("proof", {})
        try:
            params = ProofParams(check_radius(proof.get("radius_m", 100.0)),
                                 check_dwell(proof.get("dwell_s", 120.0)))
        except Refused as e:
            raise CatalogueError(f"plan defaults, [proof]: {e}") from None
        return cls(levels, params)

    def for_level(self, level: str | None) -> Intervals:
        """The intervals for her level; a case never assessed gets ``no_apreciado``'s."""
        return self.levels[level or RiskLevel.NO_APRECIADO.value]


def _positive(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Refused("bad_interval", f"{name} must be a number")
    if value <= 0:
        raise Refused("bad_interval", f"{name} must be more than zero (got {value})")
    return float(value)


def check_intervals(visit_h: object, call_h: object, interview_days: object) -> Intervals:
    """The three intervals, each a positive number (refused ``bad_interval`` otherwise)."""
    return Intervals(_positive(visit_h, "visit_every_h"), _positive(call_h, "call_every_h"),
                     _positive(interview_days, "interview_every_days"))


def check_radius(value: object) -> float:
    """A proof radius within 20–1,000 m (refused ``bad_radius`` otherwise)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or not MIN_RADIUS_M <= value <= MAX_RADIUS_M:
        raise Refused("bad_radius", f"the proof radius must be within {MIN_RADIUS_M:g}–"
                                    f"{MAX_RADIUS_M:g} m (got {value!r})")
    return float(value)


def check_dwell(value: object) -> float:
    """A dwell time of at least one second (refused ``bad_dwell`` otherwise)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or value < 1:
        raise Refused("bad_dwell", f"the dwell time must be at least 1 s (got {value!r})")
    return float(value)
