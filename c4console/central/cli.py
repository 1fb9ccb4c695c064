"""Command line: ``c4central serve | migrate | users … | devices … | evidence … | keys … |
audit … | banavim export``.

Every subcommand takes ``--db URL`` and ``--config FILE``; settings also come
from environment variables (see :mod:`c4console.central.config` for the names
and the precedence: option > environment > file > default).
"""

from __future__ import annotations

import argparse
import asyncio
import faulthandler
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from c4console import __version__
from c4console.central import cli_admin
from c4console.central.audio import evidence_cli, serve_options
from c4console.central.banavim import cli as banavim_cli
from c4console.central.config import SETTINGS, ConfigError, Resolved, resolve
from c4console.central.crypto import cli as keys_cli
from c4console.central.reports import cli as report_cli
from c4console.central.reports import observatory_cli, open_data_cli
from c4console.core.access import Role
from c4console.core.geo import Jurisdiction
from c4console.platform_support import (
    STDIN_EOF_HELP,
    STDIN_EOF_OPTION,
    install_stop_handlers,
    private_new_files,
    stop_when_stdin_closes,
)
from c4console.platform_support import run as run_loop

log = logging.getLogger("c4central")

SERVE_ONLY = tuple(s for s in SETTINGS if s.name != "db")


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, metavar="FILE",
                        help="TOML file with settings (also C4_CONFIG); options and environment "
                             "variables take precedence over it")
    common.add_argument("--db", metavar="URL", default=None,
                        help="sqlite:///PATH or postgresql://USER:PW@HOST:PORT/DB (also C4_DB)")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="debug logging")
    return common


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="c4central", description="c4console central server")
    p.add_argument("--version", action="version", version=f"c4central {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True)
    common = _common()

    serve = sub.add_parser("serve", parents=[common],
                           help="serve the console API and the OsmAnd gateway")
    for s in SERVE_ONLY:
        if s.is_flag:
            serve.add_argument(s.option, dest=s.name, action="store_true", default=None,
                               help=f"{s.help} (also {s.env})")
        else:
            serve.add_argument(s.option, dest=s.name, default=None, help=f"{s.help} (also {s.env})")
    serve.add_argument("--ready-file", type=Path,
                       help="write {api, osmand, pid} here (atomically) once both ports listen")
    serve.add_argument("--no-demo-history", dest="demo_history", action="store_false",
                       help="with --demo: only the registry (no cases' risk, aggressors or prior "
                            "incidents), e.g. a training session that starts from a clean queue")
    serve.add_argument("--demo", action="store_true",
                       help="seed demo beneficiaries, devices, units and the demo accounts "
                            "(password demo-c4: DEMO ONLY) from resources/demo")
    serve.add_argument(STDIN_EOF_OPTION, dest="stop_on_stdin_eof", action="store_true",
                       help=STDIN_EOF_HELP)
    serve.add_argument("--bootstrap-user", metavar="NAME:ROLE",
                       help="create this account at start if it does not exist (embedded console)")
    serve.add_argument("--bootstrap-password-file", type=Path, metavar="FILE",
                       help="its password: the first line of FILE")
    serve_options.add_serve_options(serve)
    serve.set_defaults(handler=_serve)

    migrate = sub.add_parser("migrate", parents=[common],
                             help="upgrade the database schema to the newest revision")
    migrate.set_defaults(handler=_migrate)

    users = sub.add_parser("users", help="accounts of the people who log in")
    users_sub = users.add_subparsers(dest="action", required=True)
    add = users_sub.add_parser("add", parents=[common], help="create an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--agency", default=None,
                     help="the agency the account belongs to (default: the C4's own, c4); a "
                          "liaison (enlace) must give hers (c4central agencies list)")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input "
                          "(otherwise it is asked for on the terminal)")
    add.add_argument("--update", action="store_true",
                     help="if the account exists, set this role and password and clear its lock")
    add.set_defaults(handler=cli_admin.users_add)
    listing = users_sub.add_parser("list", parents=[common], help="list accounts")
    listing.set_defaults(handler=cli_admin.users_list)
    unlock = users_sub.add_parser("unlock", parents=[common], help="clear a lock after failed logins")
    unlock.add_argument("name")
    unlock.set_defaults(handler=cli_admin.users_unlock)
    for verb, handler, what in (
            ("disable", cli_admin.users_disable,
             "disable an account: no logins, its tokens and open connections end"),
            ("enable", cli_admin.users_enable, "enable a disabled account again"),
            ("revoke-tokens", cli_admin.users_revoke_tokens,
             "end every session of an account (its tokens and open connections)")):
        sub_parser = users_sub.add_parser(verb, parents=[common], help=what)
        sub_parser.add_argument("name")
        sub_parser.set_defaults(handler=handler)

    mfa_enrol = users_sub.add_parser(
        "mfa-enrol", parents=[common],
        help="give an account a second factor (TOTP): prints the otpauth URI and 10 recovery "
             "codes, writes the QR code for the authenticator app")
    mfa_enrol.add_argument("name")
    mfa_enrol.add_argument("--qr", type=Path, metavar="FILE",
                           help="where to write the QR code: .png, .pdf or .svg "
                                "(default mfa-NAME.png here); it holds the secret")
    mfa_enrol.set_defaults(handler=cli_admin.users_mfa_enrol)
    mfa_reset = users_sub.add_parser("mfa-reset", parents=[common],
                                     help="remove an account's second factor (a lost phone)")
    mfa_reset.add_argument("name")
    mfa_reset.set_defaults(handler=cli_admin.users_mfa_reset)
    agencies = sub.add_parser("agencies", help="agencies whose liaisons cases are shared with")
    agencies_sub = agencies.add_subparsers(dest="action", required=True)
    ag_add = agencies_sub.add_parser("add", parents=[common], help="create an agency")
    ag_add.add_argument("id", help="a short id: lowercase letters, digits, '.', '_', '-'")
    ag_add.add_argument("--name", required=True)
    ag_add.add_argument("--kind", required=True,
                        help="one of resources/agencies/kinds.toml (dif, fiscalia, policia, "
                             "instituto_mujer, salud, servicios_sociales, ong…)")
    ag_add.add_argument("--contact", default="", help="phone, address, who to call")
    ag_add.set_defaults(handler=cli_admin.agencies_add)
    ag_list = agencies_sub.add_parser("list", parents=[common], help="list agencies")
    ag_list.set_defaults(handler=cli_admin.agencies_list)

    devices = sub.add_parser("devices", help="panic devices and their beneficiaries")
    devices_sub = devices.add_subparsers(dest="action", required=True)
    dev_add = devices_sub.add_parser("add", parents=[common],
                                     help="register a panic device and its beneficiary")
    dev_add.add_argument("ident", help="device identifier (the OsmAnd id, e.g. the IMEI)")
    dev_add.add_argument("--beneficiary", required=True, metavar="NAME", help="her full name")
    dev_add.add_argument("--beneficiary-id", default="",
                         help="beneficiary record id (default B-<ident>)")
    dev_add.add_argument("--phone", default="")
    dev_add.add_argument("--address", default="")
    dev_add.add_argument("--colonia", default="")
    dev_add.add_argument("--model", default="", help="device model")
    dev_add.set_defaults(handler=cli_admin.devices_add)
    dev_import = devices_sub.add_parser(
        "import", parents=[common],
        help="register the devices of a CSV file (columns device_id and name required; "
             "optional: beneficiary_id, phone, address, colonia, home_lat, home_lon, "
             "order_number, order_authority, order_valid_until, order_measures, aggressor, "
             "device_model, trusted_contacts as Name|phone|relation; …)")
    dev_import.add_argument("file", type=Path)
    dev_import.set_defaults(handler=cli_admin.devices_import)
    dev_secret = devices_sub.add_parser(
        "secret", parents=[common],
        help="give a device a secret of its own for the OsmAnd gateway (printed once; its "
             "reports without secret=… are refused from then on), or --clear it")
    dev_secret.add_argument("ident", help="device identifier (the OsmAnd id)")
    dev_secret.add_argument("--clear", action="store_true",
                            help="remove the secret: reports are accepted without one")
    dev_secret.set_defaults(handler=cli_admin.devices_secret)
    evidence_cli.add_parser(sub)
    keys_cli.add_parser(sub, common)  # the media key file (issue 16 point 10)
    whatsapp = sub.add_parser("whatsapp", help="the WhatsApp channel")
    whatsapp_sub = whatsapp.add_subparsers(dest="action", required=True)
    posters = whatsapp_sub.add_parser(
        "posters", help="one PDF poster per sector with a wa.me QR code whose prefilled text "
                        "carries the sector code")
    posters.add_argument("--out", type=Path, required=True, metavar="DIR")
    posters.add_argument("--phone", required=True, metavar="E164",
                         help="the C4's WhatsApp business number, e.g. +526861234567")
    posters.add_argument("--jurisdiction", type=Path, default=None,
                         help="cuadrantes GeoJSON (default: maps/mexicali/cuadrantes.geojson)")
    posters.set_defaults(handler=_whatsapp_posters)

    audit = sub.add_parser("audit", help="the hash-chained audit log of operator actions")
    audit_sub = audit.add_subparsers(dest="action", required=True)
    verify = audit_sub.add_parser("verify", parents=[common],
                                  help="re-check the hash chain; names each edited, deleted or "
                                       "reordered entry (exit 1 if broken)")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.add_argument("--anchors", type=Path, metavar="FILE",
                        help="also check the anchors of FILE (lines written by 'audit anchor'): "
                             "every anchored seq still has its hash and the log reaches the last "
                             "one; names the first anchor that does not match")
    verify.set_defaults(handler=cli_admin.audit_verify)
    anchor = audit_sub.add_parser(
        "anchor", parents=[common],
        help="print the chain's head {seq, hash, at} as one JSON line and append it to the "
             "anchor file (keep that file outside the database: WORM share, print, mail)")
    anchor.add_argument("--file", metavar="FILE", dest="audit_anchor_file",
                        default=None, help="append the line to FILE (default: the "
                                           "audit_anchor_file setting, C4_AUDIT_ANCHOR_FILE; "
                                           "none: print only)")
    anchor.set_defaults(handler=cli_admin.audit_anchor)
    banavim_cli.add_parser(sub, common)  # BANAVIM export (issue 12)
    report_cli.add_parser(sub, common)  # the period report (issue 14)
    open_data_cli.add_parser(sub, common)  # the open-data export (issue 14)
    observatory_cli.add_parser(sub, common)  # where and when (issue 14)
    return p


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    # Her position and the numbers of the SMS and WhatsApp lines never reach the log.
    from c4console.central.log_redaction import install

    install()
    if not verbose:
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def settings(args: argparse.Namespace, names: tuple[str, ...] | None = None) -> Resolved:
    """The resolved settings of a subcommand; ConfigError if there is no database."""
    resolved = resolve(vars(args), args.config, names=names)
    if not resolved["db"]:
        raise ConfigError("no database: give --db URL, set C4_DB, or put db = \"…\" in the "
                          "--config file")
    return resolved


def db_url(args: argparse.Namespace) -> str:
    """The database URL of an administrative subcommand."""
    return settings(args, ("db",))["db"]


def _migrate(args: argparse.Namespace) -> int:
    from c4console.central.db import open_database

    open_database(db_url(args)).dispose()
    return 0


def _load_places(path: Path) -> dict[str, str] | None:
    """The location search's files beside the jurisdiction file (checked: a bad row stops
    the start, naming it), or None if there are none."""
    from c4console.core.places.data import Places
    from c4console.resources import read_place_files

    folder = path.resolve().parent
    files = read_place_files(folder)
    if not files:
        log.info("no streets, colonias or landmarks beside the jurisdiction in %s", folder)
        return None
    try:
        places = Places.parse(files)
    except ValueError as e:
        raise ValueError(f"places in {folder}: {e}") from e
    log.info("places in %s: %d street segments, %d colonias, %d landmarks", folder,
             len(places.streets), len(places.colonias), len(places.landmarks))
    return files


NO_JURISDICTION = (
    "no jurisdiction: give --jurisdiction FILE (the C4's own cuadrantes GeoJSON), set "
    "C4_JURISDICTION, or put jurisdiction = \"…\" in the --config file. The file shipped in "
    "maps/mexicali is a sample, not an official jurisdiction: only --demo uses it by itself")


def _jurisdiction_path(configured: Path | None, demo: bool) -> Path:
    """The jurisdiction file to serve: the configured one; with ``--demo`` and none, the
    shipped sample. Without either: ConfigError naming the option (a production central
    must not locate incidents in the sample's sectors without anybody deciding it)."""
    from c4console.resources import DEFAULT_JURISDICTION

    if configured is not None:
        return configured
    if demo:
        return DEFAULT_JURISDICTION
    raise ConfigError(NO_JURISDICTION)


def _load_jurisdiction(path: Path, explicit: bool) -> tuple[Jurisdiction, dict] | None:
    """The jurisdiction to locate with and its GeoJSON as loaded (served to the consoles).

    ``explicit``: the file was configured, so a file that does not load stops the start;
    the demo's sample (not configured) is served without sectors if it is missing."""
    from c4console.resources import load_jurisdiction, load_jurisdiction_geojson

    if not explicit and not path.is_file():
        log.warning("no jurisdiction file at %s: incidents get no sector/cuadrante/colonia", path)
        return None
    try:
        jurisdiction = load_jurisdiction(path.resolve())
        geojson = load_jurisdiction_geojson(path.resolve())  # cached: the same document
    except (OSError, ValueError, KeyError, TypeError) as e:
        if explicit:
            raise ValueError(f"jurisdiction {path}: {e}") from e
        # The demo's sample is broken: serve anyway (an incident without a sector
        # is still handled; a central that does not start handles none).
        log.error("jurisdiction %s unreadable (%s): incidents get no sector/cuadrante/colonia",
                  path, e)
        return None
    log.info("jurisdiction %s: %d cuadrantes in sectors %s", path, len(jurisdiction.cuadrantes),
             ", ".join(jurisdiction.sectors()))
    return jurisdiction, geojson


def _bootstrap_accounts(args: argparse.Namespace) -> list:
    from c4console.central.bootstrap import Account, parse_user_role, read_password_file
    from c4console.central.passwords import check_policy

    if args.bootstrap_user is None:
        if args.bootstrap_password_file is not None:
            raise ConfigError("--bootstrap-password-file needs --bootstrap-user NAME:ROLE")
        return []
    if args.bootstrap_password_file is None:
        raise ConfigError("--bootstrap-user needs --bootstrap-password-file FILE")
    name, role = parse_user_role(args.bootstrap_user)
    password = read_password_file(args.bootstrap_password_file)
    check_policy(password)
    return [Account(name, role, password)]


def _mfa_roles(cfg, demo: bool) -> tuple[str, ...]:
    """The roles whose login needs a second factor. The demo starts without a phone: with
    ``--demo`` and the setting left at its default, none."""
    if demo and cfg.sources["mfa_required_roles"] == "default":
        log.warning("--demo: no role needs a second factor (set mfa_required_roles to "
                    "require one)")
        return ()
    roles = tuple(cfg["mfa_required_roles"])
    if roles:
        log.info("a second factor is required of: %s", ", ".join(roles))
    return roles


def _serve(args: argparse.Namespace) -> int:
    from c4console.central.gateways.kannel_client import KannelSettings
    from c4console.central.gateways.whatsapp_client import WhatsAppSettings
    from c4console.central.server import CentralConfig, parse_listen, serve
    from c4console.resources import RESOURCES, load_catalogue

    # A fatal signal (a crash in a C library) prints every thread's Python stack to stderr,
    # which is the service's log: IT can see where the central died.
    faulthandler.enable(all_threads=True)
    cfg = settings(args)
    jurisdiction_file = _jurisdiction_path(cfg["jurisdiction"], args.demo)
    for name, source in cfg.sources.items():
        if source != "default":
            log.info("setting %s from %s", name, source)
    try:
        listen, osmand_listen = parse_listen(cfg["listen"]), parse_listen(cfg["osmand_listen"])
    except ValueError as e:
        log.error("%s", e)
        return 2
    try:
        audio = serve_options.audio_config(args, cfg["db"], listen[0],
                                           alarm_wait_s=cfg["audio_alarm_wait_s"])
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
        else:
            log.warning("--demo: demo accounts with the shared password 'demo-c4' are enabled; "
                        "never use --demo with real data")
    jurisdiction, outlines = (_load_jurisdiction(jurisdiction_file, cfg["jurisdiction"] is not None)
                              or (None, None))
    try:
        places = _load_places(jurisdiction_file) if jurisdiction is not None else None
    except ValueError as e:
        log.error("%s", e)
        return 2
    try:
        config = CentralConfig(db_url=cfg["db"], catalogue=catalogue, jurisdiction=jurisdiction,
                               jurisdiction_geojson=outlines, places=places, listen=listen,
                               osmand_listen=osmand_listen, server_id=cfg["server_id"],
                               demo_folder=demo, demo_history=args.demo_history,
                               timezone=cfg["timezone"], tls_cert=cfg["tls_cert"],
                               tls_key=cfg["tls_key"], osmand_tls=cfg["osmand_tls"],
                               token_hours=cfg["token_hours"], accounts=_bootstrap_accounts(args),
                               poll_s=cfg["poll_seconds"], audio=audio,
                               sms=KannelSettings.from_values(cfg.values),
                               whatsapp=WhatsAppSettings.from_values(cfg.values),
                               traccar_secret=cfg["traccar_secret"], device_rate=cfg["device_rate"],
                               device_burst=cfg["device_burst"],
                               audit_anchor_file=cfg["audit_anchor_file"],
                               audit_anchor_minutes=cfg["audit_anchor_minutes"],
                               device_test_minutes=cfg["device_test_minutes"],
                               insecure=cfg["insecure"],
                               osmand_tls_cert=cfg["osmand_tls_cert"],
                               osmand_tls_key=cfg["osmand_tls_key"],
                               osmand_plain_http=cfg["osmand_plain_http"],
                               tracker_allow=cfg["tracker_allow"], alarm_rate=cfg["alarm_rate"],
                               alarm_source_rate=cfg["alarm_source_rate"],
                               trusted_proxies=cfg["trusted_proxies"],
                               mfa_required_roles=_mfa_roles(cfg, args.demo),
                               media_key_file=cfg["media_key_file"])
    except ValueError as e:  # a setting it refuses: the API off loopback without TLS…
        log.error("%s", e)
        return 2

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        install_stop_handlers(loop, lambda name: _on_stop(name, stop))
        if args.stop_on_stdin_eof:
            stop_when_stdin_closes(loop, lambda name: _on_stop(name, stop))
        await serve(config, stop, args.ready_file)

    run_loop(run())  # the selector loop on Windows: psycopg's async LISTEN needs it
    return 0


def _whatsapp_posters(args: argparse.Namespace) -> int:
    from c4console.central.gateways.whatsapp_posters import write_posters
    from c4console.resources import DEFAULT_JURISDICTION, load_jurisdiction

    jurisdiction = load_jurisdiction((args.jurisdiction or DEFAULT_JURISDICTION).resolve())
    for path in write_posters(args.out, args.phone, jurisdiction.sectors()):
        print(path)
    return 0


def _on_stop(signal_name: str, stop: asyncio.Event) -> None:
    log.info("%s received", signal_name)
    stop.set()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``c4central``; returns the exit status."""
    args = _parser().parse_args(argv)
    # Before anything is written: recordings, exports, the SQLite database and its logs
    # hold victims' data, and must not be readable by other users of the machine.
    with private_new_files() as protection:
        _setup_logging(args.verbose)
        log.debug("new files: %s", protection)
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    what = " ".join(filter(None, [args.command, getattr(args, "action", None)]))
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except ConfigError as e:
        log.error("c4central %s: %s", what, e)
        return 2
    except Exception as e:
        # One clear line for the operator (and the console's log tail); details at debug.
        log.debug("failure", exc_info=True)
        log.error("c4central %s failed: %s: %s", what, type(e).__name__, e)
        return 1


if __name__ == "__main__":
    sys.exit(main())
