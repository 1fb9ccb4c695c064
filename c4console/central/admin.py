"""Administration against a central's database, for ``c4central users`` and ``devices``.

Each operation opens the database (migrating it to the newest schema, as
``serve`` does), writes through the same :class:`Service` as a running central —
so a registered device reaches every console through the change feed, and on
PostgreSQL the running nodes are told at once — and closes it again. Every change
is recorded in the audit log (actor: the OS user running the command line).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from pathlib import Path

from c4console.central import accounts, agencies, audit, device_secrets, mfa, mfa_store, passwords
from c4console.central.db import open_database
from c4console.central.mfa import MFA_ROLES
from c4console.central.queries import Reader
from c4console.central.seed import SeedReport, seed_file, seed_rows
from c4console.central.service import Service
from c4console.core.access import Role
from c4console.core.agencies.records import C4_AGENCY, Agency


async def _audit(service: Service, action: str, outcome: str, *, target: dict, detail: dict) -> None:
    entry = audit.cli_entry(action, outcome, target=target, detail=detail)
    await asyncio.to_thread(audit.write, service.engine, [entry])


def _seed_detail(report: SeedReport, what: str) -> dict:
    return {"source": what, "counts": report.counts(),
            "rows": [{"line": r.line, "id": r.record_id, "outcome": r.outcome, "reason": r.reason}
                     for r in report.rows[:200]]}


@contextlib.asynccontextmanager
async def opened(db_url: str) -> AsyncIterator[tuple[Service, Reader]]:
    """A write service and a reader on ``db_url`` for the length of the block."""
    from c4console.resources import load_catalogue

    engine = await asyncio.to_thread(open_database, db_url)
    service = Service(engine, load_catalogue())
    reader = Reader(engine, threads=1)
    try:
        yield service, reader
    finally:
        await asyncio.to_thread(service.close)
        reader.close()
        engine.dispose()


async def add_user(db_url: str, name: str, role: Role, password: str, *, replace: bool = False,
                   agency: str = C4_AGENCY) -> str:
    """Create (or with ``replace`` update) an account of ``agency``; returns created, updated
    or exists.

    Raises BadName / WeakPassword (ValueErrors) before touching the database, and
    AgencyRefused for an unknown agency or one the role cannot belong to.
    """
    name = passwords.normalize_name(name)
    passwords.check_policy(password)
    hashed = await asyncio.to_thread(passwords.hash_password, password)
    async with opened(db_url) as (service, _):
        def add(tx):
            agencies.check_account_agency(tx.conn, role.value, agency, name)
            return accounts.add_user(tx, name, role.value, hashed, replace=replace, agency=agency)

        try:
            outcome = await service.write(add)
        except agencies.AgencyRefused as e:
            await _audit(service, "user.add", "refused", target={"user": name},
                         detail={"role": role.value, "agency": agency, "reason": str(e)})
            raise
        await _audit(service, "user.add", "refused" if outcome == "exists" else "accepted",
                     target={"user": name}, detail={"role": role.value, "result": outcome,
                                                    "update": replace, "agency": agency})
        return outcome


async def add_agency(db_url: str, agency: Agency) -> str:
    """Create an agency (``created`` or ``exists``); AgencyRefused for a bad id, name or kind."""
    from c4console.resources import load_agency_kinds

    agencies.check_new_agency(agency.id, agency.name, agency.kind, load_agency_kinds())
    async with opened(db_url) as (service, _):
        def add(tx) -> str:
            if agencies.get_agency(tx.conn, agency.id) is None:
                agencies.check_unique_name(tx.conn, agency.name)  # a new id, a known name
            return agencies.add_agency(tx, agency)

        outcome = await service.write(add)
        await _audit(service, "agency.add", "refused" if outcome == "exists" else "accepted",
                     target={"agency": agency.id}, detail={"kind": agency.kind, "result": outcome})
        return outcome


async def list_agencies(db_url: str) -> list[Agency]:
    """Every agency."""
    async with opened(db_url) as (_, reader):
        return await reader.run(agencies.list_agencies)


async def list_users(db_url: str) -> list[accounts.UserRow]:
    """Every account."""
    async with opened(db_url) as (_, reader):
        return await reader.run(accounts.list_users)


async def login_locks(db_url: str) -> list[dict[str, object]]:
    """The login locks in force (user, source address, until when)."""
    async with opened(db_url) as (_, reader):
        return await reader.run(accounts.login_locks, time.time())


async def unlock_user(db_url: str, name: str) -> bool:
    """Clear an account's lock; False if there is no such account."""
    name = passwords.normalize_name(name)
    async with opened(db_url) as (service, _):
        found = await service.write(lambda tx: accounts.unlock(tx, name))
        await _audit(service, "user.unlock", "accepted" if found else "refused",
                     target={"user": name}, detail={} if found else {"reason": "no such user"})
        return found


async def set_disabled(db_url: str, name: str, disabled: bool) -> bool:
    """Disable (and end its sessions) or enable an account; False if there is no such account."""
    name = passwords.normalize_name(name)
    action = "user.disable" if disabled else "user.enable"
    async with opened(db_url) as (service, _):
        found = await service.write(lambda tx: accounts.set_disabled(tx, name, disabled))
        await _audit(service, action, "accepted" if found else "refused",
                     target={"user": name}, detail={} if found else {"reason": "no such user"})
        return found


async def revoke_tokens(db_url: str, name: str) -> int | None:
    """End every session of an account (its tokens); how many, None if there is no such account."""
    name = passwords.normalize_name(name)
    async with opened(db_url) as (service, _):
        count = await service.write(lambda tx: accounts.revoke_user_tokens(tx, name))
        await _audit(service, "user.revoke_tokens", "refused" if count is None else "accepted",
                     target={"user": name},
                     detail={"reason": "no such user"} if count is None else {"tokens": count})
        return count


async def mfa_enrol(db_url: str, name: str) -> tuple[str, list[str]] | str:
    """Give ``name`` a second factor at once (an administrator hands over the QR code):
    returns (otpauth URI, the 10 recovery codes), or why not: ``no such user``,
    ``service account`` or ``already enrolled`` (reset it first)."""
    name = passwords.normalize_name(name)
    secret, codes = mfa.new_secret(), mfa.new_recovery_codes()
    async with opened(db_url) as (service, reader):
        user = await reader.run(accounts.get_user, name)
        why = ("no such user" if user is None
               else "service account" if user.role not in MFA_ROLES else "")
        if not why:
            hashes = await asyncio.to_thread(lambda: [mfa.hash_recovery_code(c) for c in codes])

            def enrol(tx) -> bool:
                if not mfa_store.begin(tx, name, secret):
                    return False
                mfa_store.confirm(tx, name, None, hashes)
                tx.security_event("mfa_enrolled", f"second factor of {name} enrolled from the "
                                                  "command line", "")
                return True

            why = "" if await service.write(enrol) else "already enrolled"
        await _audit(service, "mfa.enrol", "refused" if why else "accepted", target={"user": name},
                     detail={"reason": why} if why else {"by": "command line",
                                                         "recovery_codes": len(codes)})
    return why or (mfa.provisioning_uri(secret, name), codes)


async def mfa_reset(db_url: str, name: str) -> bool:
    """Remove the second factor of ``name`` (a lost phone); False if she had none. Audited,
    and a security event."""
    name = passwords.normalize_name(name)
    async with opened(db_url) as (service, _):
        def reset(tx) -> bool:
            done = mfa_store.reset(tx, name)
            if done:
                tx.security_event("mfa_reset", f"second factor of {name} reset from the command "
                                               "line", "")
            return done

        found = await service.write(reset)
        await _audit(service, "mfa.reset", "accepted" if found else "refused", target={"user": name},
                     detail={"by": "command line"} if found else {"reason": "not enrolled"})
        return found


async def device_secret(db_url: str, device_id: str, *, clear: bool = False) -> str | bool:
    """Give ``device_id`` a new OsmAnd secret (returned, to configure in the tracker; only
    its hash is kept), or with ``clear`` remove it (True if it had one). False: no such
    device. Audited; the secret itself never is."""
    device_id = device_id.strip()
    secret = device_secrets.new_secret()
    async with opened(db_url) as (service, _):
        if clear:
            done = await service.write(lambda tx: device_secrets.clear_secret(tx, device_id))
        else:
            hashed = device_secrets.hash_secret(secret)
            done = await service.write(lambda tx: device_secrets.set_secret(tx, device_id, hashed))
        await _audit(service, "device.secret", "accepted" if done else "refused",
                     target={"device": device_id},
                     detail={"cleared": True} if clear else {"set": bool(done)})
    if clear:
        return done
    return secret if done else False


async def add_device(db_url: str, row: dict[str, str]) -> SeedReport:
    """Register one panic device and its beneficiary (a one-row import)."""
    async with opened(db_url) as (service, _):
        report = await seed_rows(service, [(1, row)], "devices", "command line")
        await _audit(service, "device.add", "refused" if report.refused() else "accepted",
                     target={"device_id": row.get("device_id")},
                     detail={**_seed_detail(report, "command line"), "beneficiary_id":
                             row.get("beneficiary_id"), "model": row.get("device_model")})
        return report


async def import_devices(db_url: str, path: Path) -> SeedReport:
    """Register the panic devices of a CSV file, row by row."""
    async with opened(db_url) as (service, _):
        report = await seed_file(service, path, "devices")
        await _audit(service, "device.import", "refused" if report.refused() else "accepted",
                     target={}, detail=_seed_detail(report, str(path)))
        return report
