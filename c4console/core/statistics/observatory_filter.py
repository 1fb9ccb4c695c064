"""What the observatory is asked for (issue 14): a period of C4 calendar days and,
optionally, incident types, channels and her case's risk levels — checked, so a bad
filter is refused with the value that was wrong instead of an empty map."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from c4console.core.cases.vocabulary import RiskLevel
from c4console.core.enums import Channel
from c4console.core.statistics.period import ReportPeriod, ReportRefused, report_period

CHANNELS = tuple(c.value for c in Channel)
RISKS = tuple(r.value for r in RiskLevel)


@dataclass(frozen=True, slots=True)
class ObservatoryFilter:
    """The period and the chosen values; an empty tuple means "all" for that field.
    With ``risks`` set, only incidents of a case whose current level is one of them
    count (an incident with no case, or a case never assessed, does not)."""

    period: ReportPeriod
    types: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()

    def admits(self, created_at: float, type_code: str, channel: str, risk: str | None) -> bool:
        """True if an incident with these fields is counted."""
        return (self.period.holds(created_at)
                and (not self.types or type_code in self.types)
                and (not self.channels or channel in self.channels)
                and (not self.risks or risk in self.risks))

    def to_wire(self) -> dict[str, object]:
        """The filters as the observatory's answer states them."""
        return {"types": list(self.types), "channels": list(self.channels),
                "risks": list(self.risks)}


def _values(given: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"a,b"`` or ``["a", "b,c"]`` → ``("a", "b", "c")``, blanks dropped, order kept."""
    if given is None:
        return ()
    parts = [given] if isinstance(given, str) else list(given)
    out: list[str] = []
    for part in parts:
        for value in str(part).split(","):
            value = value.strip()
            if value and value not in out:
                out.append(value)
    return tuple(out)


def _checked(name: str, reason: str, values: tuple[str, ...], known: Collection[str]) -> tuple[str, ...]:
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ReportRefused(reason, f"unknown {name} {', '.join(repr(v[:40]) for v in unknown)} "
                                    f"(known: {', '.join(sorted(known))})")
    return values


def observatory_filter(first: str, last: str, tz: str, *, types: str | Iterable[str] | None = None,
                       channels: str | Iterable[str] | None = None,
                       risks: str | Iterable[str] | None = None,
                       known_types: Collection[str] = ()) -> ObservatoryFilter:
    """The filter, checked: ``bad_period`` (not a date, end before start, over 5 years),
    ``bad_type`` (not in ``known_types``, the catalogue's codes), ``bad_channel``,
    ``bad_risk``; each message names the value refused and what is known."""
    period = report_period(first, last, tz)
    return ObservatoryFilter(
        period,
        _checked("incident type", "bad_type", _values(types), known_types),
        _checked("channel", "bad_channel", _values(channels), CHANNELS),
        _checked("risk level", "bad_risk", _values(risks), RISKS))
