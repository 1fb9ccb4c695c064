"""Agencies in the central's database (issue 15): the C4's own (``c4``, made by migration
0019) and the organisations its cases are shared with; which agency an account belongs to.

Write functions take a :class:`~c4console.central.records.Tx` (the service's writer thread);
read functions take an engine or a connection (reader threads).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from c4console.central import schema as t
from c4console.central.records import Tx
from c4console.core.access import Role
from c4console.core.agencies.records import C4_AGENCY, Agency, AgencyKinds, share_in_force

AGENCY_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


class AgencyRefused(ValueError):
    """An agency or an account's agency that cannot be: the message says why."""


def _agency(row) -> Agency:
    return Agency(row.id, row.name, row.kind, row.contact, row.created_at)


def get_agency(conn: Connection, agency_id: str) -> Agency | None:
    """One agency, or None."""
    row = conn.execute(select(t.agencies).where(t.agencies.c.id == agency_id)).first()
    return None if row is None else _agency(row)


def list_agencies(engine: Engine) -> list[Agency]:
    """Every agency, by id."""
    with engine.connect() as conn:
        return [_agency(r) for r in conn.execute(select(t.agencies).order_by(t.agencies.c.id))]


def agency_of(engine: Engine, user: str) -> str:
    """The agency of an account ("" if there is no such account)."""
    with engine.connect() as conn:
        return conn.execute(select(t.users.c.agency_id).where(t.users.c.name == user)).scalar() or ""


def check_new_agency(agency_id: str, name: str, kind: str, kinds: AgencyKinds) -> None:
    """Refuse a bad id, an empty name, an unknown kind, or the C4's own kind."""
    if not AGENCY_ID.match(agency_id):
        raise AgencyRefused(f"agency id {agency_id!r}: 1-64 lowercase letters, digits, '.', '_' "
                            "or '-', starting with a letter or digit")
    if not name.strip():
        raise AgencyRefused("an agency needs a name")
    if kind not in kinds.kinds or kind == C4_AGENCY:
        raise AgencyRefused(f"kind {kind!r} is not one of "
                            f"{', '.join(k for k in kinds.kinds if k != C4_AGENCY)}")


def add_agency(tx: Tx, agency: Agency) -> str:
    """Create an agency; ``created`` or ``exists`` (left untouched)."""
    if get_agency(tx.conn, agency.id) is not None:
        return "exists"
    tx.conn.execute(insert(t.agencies).values(id=agency.id, name=agency.name.strip(),
                                              kind=agency.kind, contact=agency.contact.strip(),
                                              created_at=tx.now))
    return "created"


def check_account_agency(conn: Connection, role: str, agency_id: str, name: str = "") -> None:
    """An account's agency must exist; a liaison belongs to another agency than the C4, and
    every other role (the C4's own work) to the C4; an existing account ``name`` keeps its
    agency (her console's cache belongs to one user: a new agency is a new account)."""
    if name:
        before = conn.execute(select(t.users.c.agency_id).where(t.users.c.name == name)).scalar()
        if before is not None and before != agency_id:
            raise AgencyRefused(f"account {name} belongs to agency {before}; an account does not "
                                "change agency: create a new account for the other agency")
    if not agency_id:
        raise AgencyRefused("an account needs an agency (--agency)")
    if get_agency(conn, agency_id) is None:
        raise AgencyRefused(f"agency {agency_id} does not exist (c4central agencies list)")
    if role == Role.ENLACE and agency_id == C4_AGENCY:
        raise AgencyRefused("a liaison (enlace) belongs to another agency than the C4: give "
                            "--agency")
    if role != Role.ENLACE and agency_id != C4_AGENCY:
        raise AgencyRefused(f"people of agency {agency_id} log in as enlace; role {role} is the "
                            "C4's own staff")


def check_unique_name(conn: Connection, name: str) -> None:
    """Refuse a second agency of the same name (case and spacing aside): two "DIF Municipal"
    rows would have their cases shared with the wrong one."""
    wanted = " ".join(name.split()).casefold()
    for agency_id, other in conn.execute(select(t.agencies.c.id, t.agencies.c.name)):
        if " ".join(other.split()).casefold() == wanted:
            raise AgencyRefused(f"an agency named {other!r} already exists ({agency_id})")


def set_contact(tx: Tx, agency_id: str, contact: str) -> Agency:
    """Change an agency's contact (phone, e-mail, person); AgencyRefused if it does not exist."""
    if get_agency(tx.conn, agency_id) is None:
        raise AgencyRefused(f"agency {agency_id} does not exist")
    tx.conn.execute(update(t.agencies).where(t.agencies.c.id == agency_id)
                    .values(contact=contact.strip()))
    found = get_agency(tx.conn, agency_id)
    assert found is not None
    return found


def agency_summaries(engine: Engine, today: date) -> list[dict[str, Any]]:
    """Every agency with how many accounts belong to it and how many shares with it are in
    force ``today`` (the C4's calendar): the admin window's rows."""
    with engine.connect() as conn:
        counts = dict(conn.execute(select(t.users.c.agency_id, func.count())
                                   .group_by(t.users.c.agency_id)).all())
        shares: dict[str, int] = {}
        for agency_id, data in conn.execute(select(t.case_shares.c.agency_id, t.case_shares.c.data)):
            if share_in_force(data, today):
                shares[agency_id] = shares.get(agency_id, 0) + 1
        rows = conn.execute(select(t.agencies).order_by(t.agencies.c.name)).all()
    return [{**_agency(r).to_wire(), "accounts": int(counts.get(r.id, 0)),
             "active_shares": shares.get(r.id, 0)} for r in rows]


def agency_label(engine: Engine, user: str) -> tuple[str, str]:
    """(agency id, agency name) of an account; ("", "") if there is no such account."""
    with engine.connect() as conn:
        row = conn.execute(select(t.agencies.c.id, t.agencies.c.name)
                           .join(t.users, t.users.c.agency_id == t.agencies.c.id)
                           .where(t.users.c.name == user)).first()
    return (row.id, row.name) if row is not None else ("", "")
