"""``c4central report --from YYYY-MM-DD --to YYYY-MM-DD --format pdf|csv|xlsx|json --out
FILE``: the period report (issue 14) from the central's database, audited
``reports.period`` (actor: the OS user). Days are the C4's calendar days (the
``timezone`` setting), both included; without ``--from``/``--to``, the last whole month.

Exit status: 0 written; 2 bad input (a day that is not a date, the end before the start,
a period over 5 years, an unknown format) — nothing written."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``report`` to the ``c4central`` subcommands."""
    report = sub.add_parser(
        "report", parents=[common],
        help="write the period report (persons attended, incidents, NT911 times, follow-up, "
             "interventions, referrals, BANAVIM, devices) to a file")
    report.add_argument("--from", dest="first", default="", metavar="YYYY-MM-DD",
                        help="first day (default: the first day of last month)")
    report.add_argument("--to", dest="last", default="", metavar="YYYY-MM-DD",
                        help="last day, included (default: the last day of last month)")
    # Checked by the report itself (not argparse choices) so the refusal reads the same
    # as the API's.
    report.add_argument("--format", default="pdf", metavar="pdf|csv|xlsx|json",
                        help="pdf (print), xlsx (one sheet per table), csv (a zip of one CSV "
                             "per table), json")
    report.add_argument("--out", type=Path, required=True, metavar="FILE", help="file to write")
    report.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the report to ``args.out``; see the module docstring for the exit status."""
    from c4console.central import audit
    from c4console.central.cli import settings
    from c4console.central.db import open_database
    from c4console.central.reports.reads import build_report
    from c4console.central.reports.render import render
    from c4console.core.statistics.period import (
        ReportRefused,
        asked_or_last_month,
        check_format,
        report_period,
    )
    from c4console.resources import load_catalogue

    resolved = settings(args, ("db", "timezone"))
    tz = resolved["timezone"]
    try:
        fmt = check_format(args.format)
        period = asked_or_last_month(args.first or "", args.last or "", tz,
                                     datetime.now(ZoneInfo(tz)).date(), report_period)
    except ReportRefused as e:
        audit.record_cli(resolved["db"], audit.cli_entry(
            "reports.period", "refused", detail={"reason": e.reason}))
        print(f"c4central report: {e}; nothing written", file=sys.stderr)
        return 2
    engine = open_database(resolved["db"])
    try:
        report = build_report(engine, period, load_catalogue())
    finally:
        engine.dispose()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(render(report, fmt))
    audit.record_cli(resolved["db"], audit.cli_entry(
        "reports.period", "accepted",
        detail={"from": period.first.isoformat(), "to": period.last.isoformat(), "format": fmt,
                "out": str(args.out)}))
    print(f"period report {period.first} to {period.last} ({fmt}) written to {args.out}")
    return 0
