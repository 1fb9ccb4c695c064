"""Command line: ``c4central serve …`` and ``c4central migrate --db URL``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from c4console import __version__
from c4console.central.osmand import DEFAULT_PORT as OSMAND_PORT
from c4console.central.service import DEFAULT_TIMEZONE
from c4console.core.geo import Jurisdiction

log = logging.getLogger("c4central")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="c4central", description="c4console central server")
    p.add_argument("--version", action="version", version=f"c4central {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the console API and the OsmAnd gateway")
    serve.add_argument("--db", required=True, help="sqlite:///PATH or postgresql+driver://…")
    serve.add_argument("--listen", default="127.0.0.1:8080", help="API HOST:PORT (0 = ephemeral)")
    serve.add_argument("--osmand-listen", default=f"0.0.0.0:{OSMAND_PORT}",
                       help="OsmAnd gateway HOST:PORT (0 = ephemeral)")
    serve.add_argument("--ready-file", type=Path,
                       help="write {api, osmand, pid} here (atomically) once both ports listen")
    serve.add_argument("--demo", action="store_true",
                       help="seed demo beneficiaries, devices and units from resources/demo")
    serve.add_argument("--server-id", default="", help="name sent in hello and health")
    serve.add_argument("--jurisdiction", type=Path,
                       help="cuadrantes GeoJSON (default: maps/mexicali/cuadrantes.geojson)")
    serve.add_argument("--timezone", default=DEFAULT_TIMEZONE,
                       help=f"local time zone of the folio dates (default {DEFAULT_TIMEZONE})")

    migrate = sub.add_parser("migrate", help="upgrade the database schema to the newest revision")
    migrate.add_argument("--db", required=True, help="sqlite:///PATH or postgresql+driver://…")
    return p


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    if not verbose:
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def _migrate(args: argparse.Namespace) -> int:
    from c4console.central.db import open_database

    open_database(args.db).dispose()
    return 0


def _load_jurisdiction(path: Path | None) -> Jurisdiction | None:
    from c4console.resources import DEFAULT_JURISDICTION, load_jurisdiction

    explicit = path is not None
    path = path or DEFAULT_JURISDICTION
    if not explicit and not path.is_file():
        log.warning("no jurisdiction file at %s: incidents get no sector/cuadrante/colonia", path)
        return None
    try:
        jurisdiction = load_jurisdiction(path.resolve())
    except (OSError, ValueError, KeyError, TypeError) as e:
        if explicit:
            raise ValueError(f"jurisdiction {path}: {e}") from e
        # The default file is broken: serve anyway (an incident without a sector
        # is still handled; a central that does not start handles none).
        log.error("jurisdiction %s unreadable (%s): incidents get no sector/cuadrante/colonia",
                  path, e)
        return None
    log.info("jurisdiction %s: %d cuadrantes in sectors %s", path, len(jurisdiction.cuadrantes),
             ", ".join(jurisdiction.sectors()))
    return jurisdiction


def _serve(args: argparse.Namespace) -> int:
    from c4console.central.server import CentralConfig, parse_listen, serve
    from c4console.resources import RESOURCES, load_catalogue

    try:
        listen, osmand_listen = parse_listen(args.listen), parse_listen(args.osmand_listen)
    except ValueError as e:
        log.error("%s", e)
        return 2
    catalogue = load_catalogue()
    demo = None
    if args.demo:
        demo = RESOURCES / "demo"
        if not demo.is_dir():
            log.warning("--demo: %s does not exist; serving without demo data", demo)
            demo = None
    config = CentralConfig(db_url=args.db, catalogue=catalogue,
                           jurisdiction=_load_jurisdiction(args.jurisdiction), listen=listen,
                           osmand_listen=osmand_listen, server_id=args.server_id,
                           demo_folder=demo, timezone=args.timezone)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, _on_signal, sig, stop)
        await serve(config, stop, args.ready_file)

    asyncio.run(run())
    return 0


def _on_signal(sig: signal.Signals, stop: asyncio.Event) -> None:
    log.info("%s received", sig.name)
    stop.set()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``c4central``; returns the exit status."""
    args = _parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return _migrate(args) if args.command == "migrate" else _serve(args)
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        # One clear line for the operator (and the console's log tail); details at debug.
        log.debug("failure", exc_info=True)
        log.error("c4central %s failed: %s: %s", args.command, type(e).__name__, e)
        return 1


if __name__ == "__main__":
    sys.exit(main())
