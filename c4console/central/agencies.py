"""Agencies in the central's database (issue 15): the C4's own (``c4``, made by migration
0019) and the organisations its cases are shared with; which agency an account belongs to.

Write functions take a :class:`~c4console.central.records.Tx` (the service's writer thread);
read functions take an engine or a connection (reader threads).
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine, insert, select

from c4console.central import schema as t
from c4console.central.records import Tx
from c4console.core.access import Role
from c4console.core.agencies.records import C4_AGENCY, Agency, AgencyKinds

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
