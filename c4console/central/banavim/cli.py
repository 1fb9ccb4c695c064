"""``c4central banavim export --out FILE --format json|csv [--case CASE]``: the BANAVIM
records of every case marked and not yet registered (or of one case), written to FILE
from the central's database, audited ``banavim.export`` (actor: the OS user).

Exit status: 0 every record exported; 3 some left out (each named on stderr with its
missing fields: the complete ones are still written); 2 a case not found or not marked."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

log = logging.getLogger("c4central.banavim")

LEFT_OUT = 3


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``banavim export`` to the ``c4central`` subcommands."""
    banavim = sub.add_parser("banavim", help="BANAVIM registration of marked cases")
    banavim_sub = banavim.add_subparsers(dest="action", required=True)
    export = banavim_sub.add_parser(
        "export", parents=[common],
        help="write the BANAVIM records of the marked, unregistered cases (or of --case) to "
             "a file; records with a required field missing are left out and named")
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="file to write")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--case", default=None, metavar="CASE", help="only this case")
    export.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Export to ``args.out``; see the module docstring for the exit status."""
    from c4console.central import audit
    from c4console.central.banavim.export import export_records
    from c4console.central.cli import settings
    from c4console.central.db import open_database
    from c4console.core.banavim.export import to_csv, to_json
    from c4console.resources import load_banavim_field_map, load_case_catalogues

    resolved = settings(args, ("db", "timezone"))
    field_map = load_banavim_field_map()
    engine = open_database(resolved["db"])
    try:
        result = export_records(engine, load_case_catalogues(), field_map,
                                ZoneInfo(resolved["timezone"]), args.case)
    finally:
        engine.dispose()
    target = {"case_id": args.case} if args.case else None
    if not result.case_found or not result.marked:
        why = "does not exist" if not result.case_found else "is not marked for BANAVIM"
        audit.record_cli(resolved["db"], audit.cli_entry(
            "banavim.export", "refused", target=target,
            detail={"reason": "not_found" if not result.case_found else "not_marked"}))
        print(f"case {args.case} {why}; nothing written", file=sys.stderr)
        return 2
    text = (to_json(result.records) if args.format == "json"
            else to_csv(result.records, [s.field for s in field_map]))
    args.out.write_text(text, encoding="utf-8")
    audit.record_cli(resolved["db"], audit.cli_entry(
        "banavim.export", "accepted", target=target,
        detail={"count": len(result.records), "format": args.format, "out": str(args.out),
                "left_out": [{"case_id": lo.case_id, "incident_id": lo.incident_id}
                             for lo in result.left_out]}))
    print(f"{len(result.records)} BANAVIM record(s) written to {args.out}")
    for lo in result.left_out:
        print(f"left out: {lo.sentence()}", file=sys.stderr)
    return LEFT_OUT if result.left_out else 0
