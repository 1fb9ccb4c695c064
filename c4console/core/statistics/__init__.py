"""Statistics (issue 14, pure): the period report a C4 publishes, computed from its own
records — ``period`` (the dates asked for, checked), ``tables`` (what a report is made
of), ``targets`` (NT911 targets as data), ``report`` (:func:`period_report`)."""

from c4console.core.statistics.period import FORMATS, ReportPeriod, ReportRefused, check_format, report_period
from c4console.core.statistics.report import ReportInputs, period_report
from c4console.core.statistics.tables import PeriodReport, Table
from c4console.core.statistics.targets import TimeTarget, parse_targets

__all__ = ["FORMATS", "PeriodReport", "ReportInputs", "ReportPeriod", "ReportRefused", "Table",
           "TimeTarget", "check_format", "parse_targets", "period_report", "report_period"]
