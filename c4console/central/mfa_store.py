"""The second factor in the central's database (tables ``user_mfa`` and
``mfa_recovery_codes``, migration 0018). Reads take an engine (reader threads), writes a
:class:`~c4console.central.records.Tx` (the writer thread, one transaction each), like
c4console/central/accounts.py. The rules themselves are in c4console/central/mfa.py."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, insert, select, update

from c4console.central import accounts
from c4console.central import schema as t
from c4console.central.records import Tx


@dataclass(frozen=True, slots=True)
class MfaRow:
    """An account's second factor as stored."""

    secret: str
    confirmed: bool
    last_step: int | None
    recovery_left: int


# --- reads (engine) -------------------------------------------------------------

def get(engine: Engine, name: str) -> MfaRow | None:
    """The second factor of ``name`` (confirmed or pending), or None."""
    with engine.connect() as conn:
        row = conn.execute(select(t.user_mfa).where(t.user_mfa.c.user_name == name)).first()
        if row is None:
            return None
        left = conn.execute(select(func.count()).select_from(t.mfa_recovery_codes).where(
            (t.mfa_recovery_codes.c.user_name == name)
            & t.mfa_recovery_codes.c.used_at.is_(None))).scalar_one()
    return MfaRow(row.secret, row.confirmed_at is not None, row.last_step, int(left))


def unused_recovery_codes(engine: Engine, name: str) -> list[tuple[int, str]]:
    """``(id, hash)`` of the recovery codes of ``name`` not used yet."""
    codes = t.mfa_recovery_codes
    with engine.connect() as conn:
        rows = conn.execute(select(codes.c.id, codes.c.code_hash).where(
            (codes.c.user_name == name) & codes.c.used_at.is_(None)).order_by(codes.c.id)).all()
    return [(r.id, r.code_hash) for r in rows]


# --- writes (Tx) ------------------------------------------------------------------

def begin(tx: Tx, name: str, secret: str) -> bool:
    """Start an enrolment of ``name`` with ``secret`` (pending until :func:`confirm`),
    replacing a pending one; False if her second factor is already confirmed (an
    administrator resets it first)."""
    row = tx.conn.execute(select(t.user_mfa.c.confirmed_at).where(
        t.user_mfa.c.user_name == name)).first()
    if row is not None and row.confirmed_at is not None:
        return False
    tx.conn.execute(delete(t.user_mfa).where(t.user_mfa.c.user_name == name))
    tx.conn.execute(insert(t.user_mfa).values(user_name=name, secret=secret, created_at=tx.now,
                                              confirmed_at=None, last_step=None))
    return True


def confirm(tx: Tx, name: str, step: int | None, recovery_hashes: list[str]) -> bool:
    """Make the pending second factor of ``name`` the one her logins need, with ``step``
    (the code that confirmed it, None for an administrator's enrolment) as the last one
    used and ``recovery_hashes`` as her recovery codes (older ones deleted). False if
    there is no pending enrolment."""
    done = tx.conn.execute(update(t.user_mfa).where(
        (t.user_mfa.c.user_name == name) & t.user_mfa.c.confirmed_at.is_(None)).values(
        confirmed_at=tx.now, last_step=step))
    if not done.rowcount:
        return False
    tx.conn.execute(delete(t.mfa_recovery_codes).where(t.mfa_recovery_codes.c.user_name == name))
    for hashed in recovery_hashes:
        tx.conn.execute(insert(t.mfa_recovery_codes).values(user_name=name, code_hash=hashed))
    return True


def accept_step(tx: Tx, name: str, step: int) -> bool:
    """Record ``step`` as the last accepted code of ``name`` if it is later than the last
    one; False for a replay (that step or an earlier one was already used). One
    conditional UPDATE, so two logins racing with one code cannot both pass."""
    done = tx.conn.execute(update(t.user_mfa).where(
        (t.user_mfa.c.user_name == name) & t.user_mfa.c.confirmed_at.is_not(None)
        & (t.user_mfa.c.last_step.is_(None) | (t.user_mfa.c.last_step < step))).values(
        last_step=step))
    return done.rowcount > 0


def use_recovery_code(tx: Tx, code_id: int) -> bool:
    """Spend the recovery code ``code_id``; False if it was used meanwhile."""
    done = tx.conn.execute(update(t.mfa_recovery_codes).where(
        (t.mfa_recovery_codes.c.id == code_id) & t.mfa_recovery_codes.c.used_at.is_(None)).values(
        used_at=tx.now))
    return done.rowcount > 0


def reset(tx: Tx, name: str) -> bool:
    """Remove the second factor of ``name`` and her recovery codes (she enrols again), and
    end her sessions: the phone was lost, and whoever holds it may have logged in with it
    (the socket guard closes their sockets). False if she had none (nothing changes)."""
    tx.conn.execute(delete(t.mfa_recovery_codes).where(t.mfa_recovery_codes.c.user_name == name))
    done = tx.conn.execute(delete(t.user_mfa).where(t.user_mfa.c.user_name == name)).rowcount > 0
    if done:
        accounts.revoke_user_tokens(tx, name)
    return done
