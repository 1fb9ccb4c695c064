"""The period a report covers: whole C4 calendar days, first and last included, checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from c4console.core.refused import Refused

FORMATS = ("json", "csv", "xlsx", "pdf")
MAX_YEARS = 5


class ReportRefused(Refused):
    """Bad report input (``bad_period``, ``bad_format``): the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """Days ``first`` to ``last`` (both included) in the C4's time zone ``tz``;
    ``starts_at``/``ends_at`` are the epoch seconds of the first day's midnight and of
    the midnight after the last day (the end is exclusive)."""

    first: date
    last: date
    tz: str
    starts_at: float
    ends_at: float

    def holds(self, at: float | None) -> bool:
        """True if ``at`` falls in the period."""
        return at is not None and self.starts_at <= at < self.ends_at

    def holds_day(self, day: str) -> bool:
        """True if the calendar day ``YYYY-MM-DD`` falls in the period."""
        try:
            return self.first <= date.fromisoformat(day[:10]) <= self.last
        except ValueError:
            return False

    def day_of(self, at: float) -> date:
        """The C4 calendar day of an epoch time."""
        return datetime.fromtimestamp(at, ZoneInfo(self.tz)).date()

    def label(self) -> str:
        """The period as the report prints it (Spanish)."""
        return f"del {self.first.isoformat()} al {self.last.isoformat()} (zona horaria {self.tz})"


def _day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ReportRefused("bad_period", f"{name}={str(text)[:40]!r} is not a date (YYYY-MM-DD)") from None


def report_period(first: str | date, last: str | date, tz: str) -> ReportPeriod:
    """The period from ``first`` to ``last`` (both included). Refused ``bad_period`` for a
    day that is not a date, an end before the start, or a period over 5 years."""
    d0 = first if isinstance(first, date) else _day(first, "from")
    d1 = last if isinstance(last, date) else _day(last, "to")
    if d1 < d0:
        raise ReportRefused("bad_period", f"the period ends ({d1}) before it starts ({d0})")
    try:
        limit = d0.replace(year=d0.year + MAX_YEARS)
    except ValueError:  # 29 February
        limit = d0.replace(year=d0.year + MAX_YEARS, day=28)
    if d1 >= limit:
        raise ReportRefused("bad_period", f"the period {d0} to {d1} is over {MAX_YEARS} years; "
                                          "ask for shorter periods")
    zone = ZoneInfo(tz)
    start = datetime.combine(d0, time(0), zone).timestamp()
    end = datetime.combine(d1 + timedelta(days=1), time(0), zone).timestamp()
    return ReportPeriod(d0, d1, tz, start, end)


def month_period(year: int, month: int, tz: str) -> ReportPeriod:
    """A calendar month (the report's usual period)."""
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return report_period(first, nxt - timedelta(days=1), tz)


def previous_month(today: date, tz: str) -> ReportPeriod:
    """The last whole calendar month before ``today`` (the report's default period)."""
    first_this = today.replace(day=1)
    last = first_this - timedelta(days=1)
    return report_period(last.replace(day=1), last, tz)


def asked_or_last_month(first: str, last: str, tz: str, today: date,
                        parse: Callable[[str, str, str], ReportPeriod] = report_period) -> ReportPeriod:
    """The period ``parse`` reads from ``first``/``last`` (refusing bad input), or the last
    whole month before ``today`` when neither is given: every report's default."""
    if first or last:
        return parse(first, last, tz)
    return previous_month(today, tz)


def check_format(fmt: str) -> str:
    """The format, lower case; refused ``bad_format`` unless one of :data:`FORMATS`."""
    f = (fmt or "").strip().lower()
    if f not in FORMATS:
        raise ReportRefused("bad_format", f"unknown format {str(fmt)[:20]!r} (known: {', '.join(FORMATS)})")
    return f
