"""``c4central users …``, ``devices …`` and ``audit verify``: what they print and return.

Exit status: 0 done; 1 something was refused (the output says which and why);
2 bad input (the message says what to change).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys

from c4console.central import admin
from c4console.central.auth import clock_text
from c4console.central.config import ConfigError
from c4console.central.passwords import BadName, WeakPassword
from c4console.central.permissions import Role
from c4console.central.seed import SeedReport


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
    """``users add NAME --role ROLE [--password-stdin] [--update]``."""
    url = _db(args)
    password = _read_password(args.password_stdin)
    try:
        outcome = asyncio.run(admin.add_user(url, args.name, Role(args.role), password,
                                             replace=args.update))
    except (BadName, WeakPassword) as e:
        raise ConfigError(f"{e}; nothing was changed") from None
    if outcome == "exists":
        print(f"user {args.name.strip().lower()} already exists; nothing changed "
              "(use --update to set a new role and password)")
        return 1
    print(f"user {args.name.strip().lower()} {outcome} with role {args.role}")
    return 0


def users_list(args: argparse.Namespace) -> int:
    """``users list``: name, role, lock state."""
    rows = asyncio.run(admin.list_users(_db(args)))
    for user in rows:
        lock = f"locked until {clock_text(user.locked_until)}" if user.locked_until else ""
        print(f"{user.name:24} {user.role:11} {lock}".rstrip())
    if not rows:
        print("no users (create one with: c4central users add NAME --role ROLE --password-stdin)")
    return 0


def users_unlock(args: argparse.Namespace) -> int:
    """``users unlock NAME``."""
    try:
        found = asyncio.run(admin.unlock_user(_db(args), args.name))
    except BadName as e:
        raise ConfigError(str(e)) from None
    print(f"user {args.name} unlocked" if found else f"no user {args.name}; nothing changed")
    return 0 if found else 1


def _print_report(report: SeedReport) -> int:
    for row in report.rows:
        reason = f": {row.reason}" if row.reason else ""
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


def audit_verify(args: argparse.Namespace) -> int:
    """``audit verify [--json]``: 0 the chain is intact, 1 it is broken (each break named)."""
    import json

    from sqlalchemy.exc import DBAPIError

    from c4console.central import audit
    from c4console.central.db import create_db_engine

    # Read only: a database under examination is not migrated or otherwise touched.
    engine = create_db_engine(_db(args))
    try:
        result = audit.verify(engine)
    except DBAPIError as e:
        raise ConfigError(f"cannot read the audit log ({type(e.orig).__name__}: "
                          f"{str(e.orig).strip()}); is the database at schema 0004 or newer "
                          "(c4central migrate)?") from None
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        sys.stdout.write(result.text())
    return 0 if result.ok else 1
