"""``c4central observatory --from YYYY-MM-DD --to YYYY-MM-DD [--type T] [--channel C]
[--risk R] --format json|geojson|csv --out FILE``: the observatory (issue 14) from the
central's database, audited ``observatory`` (actor: the OS user). ``json`` is the
endpoint's answer; ``geojson`` the jurisdiction's cuadrante polygons with their
``count`` (and their colonia's ``rank``) as properties, for QGIS; ``csv`` a row per
cuadrante. Days are the C4's (the ``timezone`` setting), both included; without
``--from``/``--to``, the last whole month. ``--type``/``--channel``/``--risk`` take
comma-separated values or repeat.

Exit status: 0 written; 2 bad input (a day that is not a date, the end before the
start, a period over 5 years, an unknown type, channel, risk level or format) —
nothing written."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

FORMATS = ("json", "geojson", "csv")


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``observatory`` to the ``c4central`` subcommands."""
    obs = sub.add_parser(
        "observatory", parents=[common],
        help="write where and when incidents happened (per cuadrante and colonia, heat "
             "points, hour x weekday, months; colonias ranked for the QR posters) to a file")
    obs.add_argument("--from", dest="first", default="", metavar="YYYY-MM-DD",
                     help="first day (default: the first day of last month)")
    obs.add_argument("--to", dest="last", default="", metavar="YYYY-MM-DD",
                     help="last day, included (default: the last day of last month)")
    obs.add_argument("--type", dest="types", action="append", default=[], metavar="CODE",
                     help="incident type code(s) of the catalogue")
    obs.add_argument("--channel", dest="channels", action="append", default=[],
                     metavar="CHANNEL", help="panic_button, call_911, whatsapp, phone, …")
    obs.add_argument("--risk", dest="risks", action="append", default=[], metavar="LEVEL",
                     help="her case's current risk level(s): no_apreciado, bajo, medio, alto, "
                          "extremo")
    # Checked here (not argparse choices) so the refusal reads like the others.
    obs.add_argument("--format", default="json", metavar="json|geojson|csv")
    obs.add_argument("--out", type=Path, required=True, metavar="FILE", help="file to write")
    obs.add_argument("--jurisdiction", type=Path, default=None, metavar="GEOJSON",
                     help="cuadrantes GeoJSON (default: the jurisdiction setting, else "
                          "maps/mexicali/cuadrantes.geojson)")
    obs.set_defaults(handler=run)


def _render(found: Any, fmt: str, geojson: dict[str, Any]) -> bytes:
    from c4console.central.reports.observatory_reads import cuadrante_geojson, observatory_csv_rows

    if fmt == "json":
        return json.dumps(found.to_wire(), ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "geojson":
        return json.dumps(cuadrante_geojson(found, geojson), ensure_ascii=False).encode("utf-8")
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(observatory_csv_rows(found))
    return text.getvalue().encode("utf-8")


def run(args: argparse.Namespace) -> int:
    """Write the observatory to ``args.out``; see the module docstring for the exit status."""
    from c4console.central import audit
    from c4console.central.cli import settings
    from c4console.central.db import open_database
    from c4console.central.reports.observatory_reads import build_observatory
    from c4console.core.geo import Jurisdiction
    from c4console.core.statistics.observatory_filter import observatory_filter
    from c4console.core.statistics.period import ReportRefused, previous_month
    from c4console.resources import DEFAULT_JURISDICTION, load_catalogue, load_jurisdiction_geojson

    resolved = settings(args, ("db", "timezone", "jurisdiction"))
    tz = resolved["timezone"]
    try:
        fmt = (args.format or "").strip().lower()
        if fmt not in FORMATS:
            raise ReportRefused("bad_format", f"unknown format {args.format[:20]!r} "
                                              f"(known: {', '.join(FORMATS)})")
        first, last = args.first, args.last
        if not first and not last:
            month = previous_month(datetime.now(ZoneInfo(tz)).date(), tz)
            first, last = month.first.isoformat(), month.last.isoformat()
        flt = observatory_filter(first, last, tz, types=args.types, channels=args.channels,
                                 risks=args.risks, known_types=load_catalogue().types.keys())
    except ReportRefused as e:
        audit.record_cli(resolved["db"], audit.cli_entry(
            "observatory", "refused", detail={"reason": e.reason}))
        print(f"c4central observatory: {e}; nothing written", file=sys.stderr)
        return 2
    path = resolved["jurisdiction"] or DEFAULT_JURISDICTION
    geojson = load_jurisdiction_geojson(Path(path))
    engine = open_database(resolved["db"])
    try:
        found = build_observatory(engine, flt, Jurisdiction.from_geojson(geojson))
    finally:
        engine.dispose()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(_render(found, fmt, geojson))
    audit.record_cli(resolved["db"], audit.cli_entry(
        "observatory", "accepted",
        detail={"from": flt.period.first.isoformat(), "to": flt.period.last.isoformat(),
                "filters": flt.to_wire(), "format": fmt, "out": str(args.out),
                "count": found.total}))
    print(f"observatory {flt.period.first} to {flt.period.last} ({fmt}, {found.total} "
          f"incidents) written to {args.out}")
    return 0
