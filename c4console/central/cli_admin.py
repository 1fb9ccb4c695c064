"""``c4central users …``, ``devices …``, ``audit verify`` and ``audit anchor``: what they
print and return.

Exit status: 0 done; 1 something was refused (the output says which and why);
2 bad input (the message says what to change).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
import time
from pathlib import Path

from c4console.central import admin
from c4console.central.agencies import AgencyRefused
from c4console.central.auth import clock_text
from c4console.central.config import ConfigError
from c4console.central.passwords import BadName, WeakPassword
from c4console.central.seed import SeedReport
from c4console.core.access import Role
from c4console.core.agencies.records import C4_AGENCY, Agency


def _db(args: argparse.Namespace) -> str:
    from c4console.central.cli import db_url

    return db_url(args)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.removesuffix("\n").removesuffix("\r")
    if not sys.stdin.isatty():
        raise ConfigError("no terminal to ask for the password: use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise ConfigError("the two passwords differ; nothing was changed")
    return first


def users_add(args: argparse.Namespace) -> int:
    """``users add NAME --role ROLE [--agency ID] [--password-stdin] [--update]`` (the agency:
    the C4's own unless given; a liaison, role enlace, must name hers)."""
    url = _db(args)
    password = _read_password(args.password_stdin)
    agency = args.agency if args.agency is not None else C4_AGENCY
    try:
        outcome = asyncio.run(admin.add_user(url, args.name, Role(args.role), password,
                                             replace=args.update, agency=agency.strip()))
    except (BadName, WeakPassword) as e:
        raise ConfigError(f"{e}; nothing was changed") from None
    except AgencyRefused as e:
        print(f"{e}; nothing was changed")
        return 1
    if outcome == "exists":
        print(f"user {args.name.strip().lower()} already exists; nothing changed "
              "(use --update to set a new role and password)")
        return 1
    print(f"user {args.name.strip().lower()} {outcome} with role {args.role}")
    return 0


def users_list(args: argparse.Namespace) -> int:
    """``users list``: name, role, state (disabled, locked)."""
    rows = asyncio.run(admin.list_users(_db(args)))
    locks: dict[str, list[str]] = {}
    for lock in asyncio.run(admin.login_locks(_db(args))):  # per source address (issue 16 pt 7)
        locks.setdefault(str(lock["user"]), []).append(
            f"locked from {lock['source'] or '?'} until {clock_text(float(lock['locked_until']))}")
    for user in rows:
        state = [f"disabled since {clock_text(user.disabled_at)}"] if user.disabled_at else []
        if user.locked_until and user.locked_until > time.time():
            state.append(f"locked until {clock_text(user.locked_until)}")
        state.extend(locks.get(user.name, []))
        agency = "" if user.agency_id == C4_AGENCY else f"agency {user.agency_id}"
        print(f"{user.name:24} {user.role:13} {', '.join([*state, agency] if agency else state)}"
              .rstrip())
    if not rows:
        print("no users (create one with: c4central users add NAME --role ROLE --password-stdin)")
    return 0


def agencies_add(args: argparse.Namespace) -> int:
    """``agencies add ID --name NAME --kind KIND [--contact TEXT]``: 0 created, 1 exists,
    2 bad input."""
    agency = Agency(args.id.strip(), args.name, args.kind, args.contact or "")
    try:
        outcome = asyncio.run(admin.add_agency(_db(args), agency))
    except AgencyRefused as e:
        raise ConfigError(f"{e}; nothing was changed") from None
    if outcome == "exists":
        print(f"agency {agency.id} already exists; nothing changed")
        return 1
    print(f"agency {agency.id} created ({agency.kind}: {agency.name.strip()})")
    return 0


def agencies_list(args: argparse.Namespace) -> int:
    """``agencies list``: id, kind, name, contact."""
    for a in asyncio.run(admin.list_agencies(_db(args))):
        print(f"{a.id:20} {a.kind:20} {a.name}" + (f" ({a.contact})" if a.contact else ""))
    return 0


def users_unlock(args: argparse.Namespace) -> int:
    """``users unlock NAME``."""
    try:
        found = asyncio.run(admin.unlock_user(_db(args), args.name))
    except BadName as e:
        raise ConfigError(str(e)) from None
    print(f"user {args.name} unlocked" if found else f"no user {args.name}; nothing changed")
    return 0 if found else 1


def users_disable(args: argparse.Namespace) -> int:
    """``users disable NAME``: no more logins; its tokens and open sockets end (within 1 s on a
    running central)."""
    return _set_disabled(args, True)


def users_enable(args: argparse.Namespace) -> int:
    """``users enable NAME``: undo ``disable`` (the lock after failed logins is ``unlock``)."""
    return _set_disabled(args, False)


def _set_disabled(args: argparse.Namespace, disabled: bool) -> int:
    try:
        found = asyncio.run(admin.set_disabled(_db(args), args.name, disabled))
    except BadName as e:
        raise ConfigError(str(e)) from None
    done = "disabled: its sessions are ended" if disabled else "enabled"
    print(f"user {args.name} {done}" if found else f"no user {args.name}; nothing changed")
    return 0 if found else 1


def users_revoke_tokens(args: argparse.Namespace) -> int:
    """``users revoke-tokens NAME``: end every session of the account (it may log in again)."""
    try:
        count = asyncio.run(admin.revoke_tokens(_db(args), args.name))
    except BadName as e:
        raise ConfigError(str(e)) from None
    if count is None:
        print(f"no user {args.name}; nothing changed")
        return 1
    print(f"user {args.name}: {count} token(s) revoked; its open connections close")
    return 0


def users_mfa_enrol(args: argparse.Namespace) -> int:
    """``users mfa-enrol NAME [--qr FILE]``: a second factor for NAME at once; prints the
    otpauth URI and the 10 recovery codes (shown this once) and writes the QR code."""
    from c4console.central import mfa

    qr = args.qr or Path(f"mfa-{args.name.strip().lower()}.png")
    if qr.suffix.lower() not in (".png", ".pdf", ".svg"):
        raise ConfigError(f"--qr {qr}: write the QR code as .png, .pdf or .svg")
    try:
        result = asyncio.run(admin.mfa_enrol(_db(args), args.name))
    except BadName as e:
        raise ConfigError(str(e)) from None
    if isinstance(result, str):
        hint = " (reset it first: c4central users mfa-reset NAME)" if result == "already enrolled" else ""
        print(f"user {args.name}: {result}{hint}; nothing changed")
        return 1
    uri, codes = result
    mfa.qr_code(uri, qr)
    print(f"user {args.name.strip().lower()}: second factor enrolled; from now on a login needs "
          "the code of the authenticator app")
    print(f"otpauth URI: {uri}")
    print(f"QR code (holds the secret: hand it over, then delete it): {qr}")
    print("recovery codes (each works once; shown only now):")
    for code in codes:
        print(f"  {code}")
    return 0


def users_mfa_reset(args: argparse.Namespace) -> int:
    """``users mfa-reset NAME``: remove NAME's second factor (a lost phone)."""
    try:
        found = asyncio.run(admin.mfa_reset(_db(args), args.name))
    except BadName as e:
        raise ConfigError(str(e)) from None
    print(f"user {args.name}: second factor removed; she logs in with her password and enrols "
          "again" if found else f"user {args.name} has no second factor; nothing changed")
    return 0 if found else 1


def devices_secret(args: argparse.Namespace) -> int:
    """``devices secret ID [--clear]``: a per-device secret for the OsmAnd gateway, printed
    once (the tracker sends it as ``secret=``), or removed."""
    result = asyncio.run(admin.device_secret(_db(args), args.ident, clear=args.clear))
    if result is False:
        print(f"device {args.ident}: " + ("has no secret; nothing changed" if args.clear
                                          else "not registered; nothing changed"))
        return 1
    if args.clear:
        print(f"device {args.ident}: secret removed; its reports are accepted without one")
        return 0
    print(f"device {args.ident}: new secret (shown only now; its reports without it are "
          "refused from now on):")
    print(f"  {result}")
    print(f"configure the tracker's server URL as https://GATEWAY:PORT/?secret={result}")
    return 0


def _print_report(report: SeedReport) -> int:
    for row in report.rows:
        reason = (f": {row.reason}" if row.reason
                  else f" ({', '.join(row.changed)})" if row.changed else "")
        print(f"{row.file} line {row.line} {row.record_id or '?'}: {row.outcome}{reason}")
    print(report.summary())
    return 1 if report.refused() else 0


def devices_add(args: argparse.Namespace) -> int:
    """``devices add IDENT --beneficiary NAME [...]``."""
    row = {"device_id": args.ident.strip(), "name": args.beneficiary.strip(),
           "beneficiary_id": args.beneficiary_id.strip(), "phone": args.phone.strip(),
           "address": args.address.strip(), "colonia": args.colonia.strip(),
           "device_model": args.model.strip()}
    return _print_report(asyncio.run(admin.add_device(_db(args), row)))


def devices_import(args: argparse.Namespace) -> int:
    """``devices import FILE.csv``."""
    return _print_report(asyncio.run(admin.import_devices(_db(args), args.file)))


def _schema_problem(e: Exception) -> ConfigError:
    orig = getattr(e, "orig", e)
    return ConfigError(f"cannot read the audit log ({type(orig).__name__}: {str(orig).strip()}); "
                       "is the database at schema 0004 or newer (c4central migrate)?")


def audit_verify(args: argparse.Namespace) -> int:
    """``audit verify [--json] [--anchors FILE]``: 0 the chain is intact (and matches every
    anchor), 1 it is broken (each break named), 2 the anchor file is unreadable."""
    import json

    from sqlalchemy.exc import DBAPIError

    from c4console.central import audit, audit_anchor
    from c4console.central.db import create_db_engine

    anchors = None
    if args.anchors is not None:
        try:
            anchors = audit_anchor.read(args.anchors)
        except audit_anchor.AnchorFileError as e:
            raise ConfigError(f"{e}; nothing was verified") from None
    # Read only: a database under examination is not migrated or otherwise touched.
    engine = create_db_engine(_db(args))
    try:
        result = (audit.verify(engine) if anchors is None
                  else audit_anchor.verify(engine, anchors, args.anchors))
    except DBAPIError as e:
        raise _schema_problem(e) from None
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        sys.stdout.write(result.text())
    return 0 if result.ok else 1


def audit_anchor(args: argparse.Namespace) -> int:
    """``audit anchor [--file FILE]``: print the head as one JSON line; append it to FILE (or
    the configured anchor file). 2 if the file cannot be written (the line is printed anyway,
    so it can still be copied by hand)."""
    from sqlalchemy.exc import DBAPIError

    from c4console.central import audit_anchor as anchors
    from c4console.central.cli import settings
    from c4console.central.db import create_db_engine

    cfg = settings(args, ("db", "audit_anchor_file"))
    path = cfg["audit_anchor_file"]
    engine = create_db_engine(cfg["db"])  # read only, like verify
    try:
        anchor = anchors.head(engine)
    except DBAPIError as e:
        raise _schema_problem(e) from None
    finally:
        engine.dispose()
    print(anchor.to_json())
    if path is None:
        return 0
    try:
        anchors.append(path, anchor)
    except OSError as e:
        raise ConfigError(f"anchor file {path}: {e.strerror or e}; the anchor above was NOT "
                          "appended (copy it by hand)") from None
    print(f"appended to {path}", file=sys.stderr)
    return 0
