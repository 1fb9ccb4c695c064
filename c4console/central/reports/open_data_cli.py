"""``c4central open-data --from YYYY-MM --to YYYY-MM --format csv|json --out FILE``: the
open-data export (issue 14; docs/open_data.md) from the central's database, audited
``reports.open_data`` (actor: the OS user). Months of the C4's calendar (the ``timezone``
setting), both included (a day is widened to its month); without ``--from``/``--to``, the
last whole month. Every colonia of the jurisdiction (``--jurisdiction``, ``C4_JURISDICTION``
or the config file) is a row, with or without incidents.

Exit status: 0 written; 2 bad input (a month that is not one, the end before the start,
over 5 years, an unknown format) — nothing written."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``open-data`` to the ``c4central`` subcommands."""
    cmd = sub.add_parser(
        "open-data", parents=[common],
        help="write the open-data export (incidents per colonia and month, counts under 5 "
             "suppressed; no personal data) to a file")
    cmd.add_argument("--from", dest="first", default="", metavar="YYYY-MM",
                     help="first month (default: last month)")
    cmd.add_argument("--to", dest="last", default="", metavar="YYYY-MM",
                     help="last month, included (default: last month)")
    cmd.add_argument("--format", default="csv", metavar="csv|json", help="csv (default) or json")
    cmd.add_argument("--jurisdiction", default=None, metavar="FILE",
                     help="the cuadrantes GeoJSON whose colonias are the rows")
    cmd.add_argument("--out", type=Path, required=True, metavar="FILE", help="file to write")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the export to ``args.out``; see the module docstring for the exit status."""
    from c4console.central import audit
    from c4console.central.cli import settings
    from c4console.central.db import open_database
    from c4console.central.reports.open_data_reads import build_open_data
    from c4console.central.reports.open_data_render import check_open_data_format, render_open_data
    from c4console.core.statistics.open_data import open_data_period
    from c4console.core.statistics.period import ReportRefused, asked_or_last_month
    from c4console.resources import load_jurisdiction

    resolved = settings(args, ("db", "timezone", "jurisdiction"))
    tz = resolved["timezone"]
    try:
        fmt = check_open_data_format(args.format)
        period = asked_or_last_month(args.first or "", args.last or "", tz,
                                     datetime.now(ZoneInfo(tz)).date(), open_data_period)
    except ReportRefused as e:
        audit.record_cli(resolved["db"], audit.cli_entry(
            "reports.open_data", "refused", detail={"reason": e.reason}))
        print(f"c4central open-data: {e}; nothing written", file=sys.stderr)
        return 2
    path = resolved["jurisdiction"]
    jurisdiction = load_jurisdiction(Path(path).resolve()) if path else None
    if jurisdiction is None:
        # Without it the rows are only the colonias that had incidents: a row's presence
        # would say that someone there called. Written anyway (the C4 may add the rest).
        print("c4central open-data: no jurisdiction (--jurisdiction, C4_JURISDICTION): only "
              "colonias with incidents are rows; give it before publishing", file=sys.stderr)
    engine = open_database(resolved["db"])
    try:
        table = build_open_data(engine, period, jurisdiction)
    finally:
        engine.dispose()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(render_open_data(table, fmt))
    audit.record_cli(resolved["db"], audit.cli_entry(
        "reports.open_data", "accepted",
        detail={"from": table.months[0], "to": table.months[-1], "format": fmt,
                "out": str(args.out)}))
    print(f"open data {table.months[0]} to {table.months[-1]} ({fmt}, {len(table.colonias)} "
          f"colonias) written to {args.out}")
    return 0
