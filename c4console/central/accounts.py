"""Users and login tokens in the central's database.

Write functions take a :class:`~c4console.central.records.Tx` (they run on the
service's writer thread, one transaction each); read functions take an engine
(they run on the reader threads). Tokens are opaque random strings handed out
once; only their SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select, update

from c4console.central import schema as t
from c4console.central.records import Tx


@dataclass(frozen=True, slots=True)
class UserRow:
    """One user as stored."""

    name: str
    role: str
    password_hash: str
    failed_logins: int
    locked_until: float | None
    disabled_at: float | None = None
    agency_id: str = "c4"  # issue 15: the agency the account belongs to

    def locked_at(self, now: float) -> bool:
        """True while a lock is in force."""
        return self.locked_until is not None and self.locked_until > now

    @property
    def disabled(self) -> bool:
        """True once ``c4central users disable`` ran (until ``enable``)."""
        return self.disabled_at is not None


@dataclass(frozen=True, slots=True)
class TokenOwner:
    """Who a token belongs to, and until when it is valid."""

    name: str
    role: str
    expires_at: float
    disabled_at: float | None = None
    locked_until: float | None = None
    mfa_enrolled: bool = False  # a confirmed second factor (user_mfa.confirmed_at)

    def refusal(self, now: float) -> str | None:
        """Why this token is no longer good at ``now`` (expired, account disabled or
        locked), or None. The same rule for a request and for an open socket."""
        if self.disabled_at is not None:
            return "account disabled; ask an administrator (c4central users enable)"
        if self.locked_until is not None and self.locked_until > now:
            return "account locked after failed logins; wait, or ask an administrator to unlock it"
        if self.expires_at <= now:
            return "token expired; log in again (POST /api/v1/auth/login)"
        return None


def new_token() -> tuple[str, str]:
    """(token for the client, its hash for the database)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    """SHA-256 hex of a token (what the database keeps)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- reads (engine) -------------------------------------------------------------

def get_user(engine: Engine, name: str) -> UserRow | None:
    """The user called ``name`` (already normalized), or None."""
    with engine.connect() as conn:
        row = conn.execute(select(t.users).where(t.users.c.name == name)).first()
    if row is None:
        return None
    return _user(row)


def _user(r) -> UserRow:
    return UserRow(r.name, r.role, r.password_hash, r.failed_logins, r.locked_until, r.disabled_at,
                   r.agency_id)


def list_users(engine: Engine) -> list[UserRow]:
    """Every user, by name."""
    with engine.connect() as conn:
        rows = conn.execute(select(t.users).order_by(t.users.c.name)).all()
    return [_user(r) for r in rows]


_OWNER = (select(t.auth_tokens.c.token_hash, t.users.c.name, t.users.c.role,
                 t.auth_tokens.c.expires_at, t.users.c.disabled_at, t.users.c.locked_until,
                 t.user_mfa.c.confirmed_at.label("mfa_confirmed_at"))
          .select_from(t.auth_tokens.join(t.users, t.users.c.name == t.auth_tokens.c.user_name)
                       .outerjoin(t.user_mfa, t.user_mfa.c.user_name == t.users.c.name)))


def token_owner(engine: Engine, hashed: str) -> TokenOwner | None:
    """The owner of a token hash (expired or not), or None if the token is unknown."""
    return token_owners(engine, [hashed]).get(hashed)


def token_owners(engine: Engine, hashes: list[str]) -> dict[str, TokenOwner]:
    """The owners of the known tokens among ``hashes`` (one query: the open sockets' check)."""
    out: dict[str, TokenOwner] = {}
    with engine.connect() as conn:
        for start in range(0, len(hashes), 500):
            for row in conn.execute(_OWNER.where(t.auth_tokens.c.token_hash.in_(
                    hashes[start:start + 500]))):
                out[row.token_hash] = TokenOwner(row.name, row.role, row.expires_at,
                                                 row.disabled_at, row.locked_until,
                                                 row.mfa_confirmed_at is not None)
    return out


# --- writes (Tx) ------------------------------------------------------------------

def add_user(tx: Tx, name: str, role: str, password_hash: str, *, replace: bool = False,
             agency: str = "c4") -> str:
    """Create a user of ``agency`` (the C4's by default); returns ``created``, ``updated``
    (``replace``: new role, agency and password, lock cleared) or ``exists`` (left untouched)."""
    existing = tx.conn.execute(select(t.users.c.name).where(t.users.c.name == name)).first()
    if existing is None:
        tx.conn.execute(insert(t.users).values(
            name=name, role=role, password_hash=password_hash, failed_logins=0, locked_until=None,
            created_at=tx.now, updated_at=tx.now, agency_id=agency))
        return "created"
    if not replace:
        return "exists"
    tx.conn.execute(update(t.users).where(t.users.c.name == name).values(
        role=role, password_hash=password_hash, failed_logins=0, locked_until=None, updated_at=tx.now,
        agency_id=agency))
    # A new password ends the sessions opened with the old one.
    tx.conn.execute(delete(t.auth_tokens).where(t.auth_tokens.c.user_name == name))
    return "updated"


def unlock(tx: Tx, name: str) -> bool:
    """Clear a user's locks (from every address) and failure counts; False if there is no
    such user."""
    done = tx.conn.execute(update(t.users).where(t.users.c.name == name).values(
        failed_logins=0, locked_until=None, updated_at=tx.now))
    tx.conn.execute(delete(t.login_locks).where(t.login_locks.c.user_name == name))
    return done.rowcount > 0


def set_disabled(tx: Tx, name: str, disabled: bool) -> bool:
    """Disable (its tokens deleted too) or enable an account; False if there is no such user."""
    done = tx.conn.execute(update(t.users).where(t.users.c.name == name).values(
        disabled_at=tx.now if disabled else None, updated_at=tx.now))
    if done.rowcount and disabled:
        tx.conn.execute(delete(t.auth_tokens).where(t.auth_tokens.c.user_name == name))
    return done.rowcount > 0


def revoke_user_tokens(tx: Tx, name: str) -> int | None:
    """Delete every token of an account; the number deleted, None if there is no such user."""
    if tx.conn.execute(select(t.users.c.name).where(t.users.c.name == name)).first() is None:
        return None
    return tx.conn.execute(delete(t.auth_tokens).where(t.auth_tokens.c.user_name == name)).rowcount


def record_failure(tx: Tx, name: str, source: str, max_failures: int, lock_s: float) -> float | None:
    """Count a failed login of ``name`` from ``source``; at ``max_failures`` lock that pair
    for ``lock_s`` seconds (CJIS: 5 failures, 10 minutes).

    Returns the new ``locked_until`` when this failure locked the pair, else None. The
    count restarts when the lock is set, so after the lock another full series of
    failures is needed to lock again. The lock is the pair's only: the same user from
    another address logs in, and her tokens stay good (issue 16 point 7).
    """
    source = source[:120]
    where = (t.login_locks.c.user_name == name) & (t.login_locks.c.source == source)
    row = tx.conn.execute(select(t.login_locks.c.failures).where(where)).first()
    if row is None:
        tx.conn.execute(insert(t.login_locks).values(user_name=name, source=source, failures=1,
                                                     locked_until=None, updated_at=tx.now))
        count = 1
    else:
        count = row.failures + 1
        tx.conn.execute(update(t.login_locks).where(where).values(failures=count,
                                                                   updated_at=tx.now))
    if count < max_failures:
        return None
    until = tx.now + lock_s
    tx.conn.execute(update(t.login_locks).where(where).values(failures=0, locked_until=until,
                                                               updated_at=tx.now))
    return until


def locked_from(engine: Engine, name: str, source: str, now: float) -> float | None:
    """Until when ``name`` may not log in from ``source`` (a lock in force), or None."""
    with engine.connect() as conn:
        until = conn.execute(select(t.login_locks.c.locked_until).where(
            (t.login_locks.c.user_name == name) & (t.login_locks.c.source == source[:120]))).scalar()
    return until if until is not None and until > now else None


def login_locks(engine: Engine, now: float) -> list[dict[str, object]]:
    """The locks in force: ``{"user", "source", "locked_until"}``, soonest to end first."""
    with engine.connect() as conn:
        rows = conn.execute(select(t.login_locks).where(t.login_locks.c.locked_until > now)
                            .order_by(t.login_locks.c.locked_until)).all()
    return [{"user": r.user_name, "source": r.source, "locked_until": r.locked_until} for r in rows]


def user_exists(conn, name: str) -> bool:
    """True if there is an account called ``name`` (already normalized)."""
    return conn.execute(select(t.users.c.name).where(t.users.c.name == name)).first() is not None


def issue_token(tx: Tx, name: str, lifetime_s: float, source: str,
                new_hash: str | None = None) -> tuple[str, float]:
    """After a successful login: clear failures, store a new token; returns (token, expires_at).

    ``new_hash`` replaces the stored password hash (parameters upgraded). Expired
    tokens of every user are deleted here, so the table does not grow forever.
    """
    values: dict[str, object] = {"failed_logins": 0, "locked_until": None}
    if new_hash is not None:
        values.update(password_hash=new_hash, updated_at=tx.now)
    tx.conn.execute(update(t.users).where(t.users.c.name == name).values(**values))
    # Her failures from this address are forgotten; other addresses keep theirs.
    tx.conn.execute(delete(t.login_locks).where(
        (t.login_locks.c.user_name == name) & (t.login_locks.c.source == source[:120])))
    tx.conn.execute(delete(t.auth_tokens).where(t.auth_tokens.c.expires_at <= tx.now))
    token, hashed = new_token()
    expires_at = tx.now + lifetime_s
    tx.conn.execute(insert(t.auth_tokens).values(token_hash=hashed, user_name=name, issued_at=tx.now,
                                                 expires_at=expires_at, source=source[:120]))
    return token, expires_at


def rotate_token(tx: Tx, hashed: str, lifetime_s: float, source: str) -> tuple[str, float] | None:
    """Replace the token ``hashed`` by a new one of the same user valid ``lifetime_s`` from
    now (a refresh: no password involved); None if that token is gone or expired."""
    row = tx.conn.execute(select(t.auth_tokens.c.user_name, t.auth_tokens.c.expires_at)
                          .where(t.auth_tokens.c.token_hash == hashed)).first()
    if row is None or row.expires_at <= tx.now:
        return None
    tx.conn.execute(delete(t.auth_tokens).where(t.auth_tokens.c.token_hash == hashed))
    token, new_hash = new_token()
    expires_at = tx.now + lifetime_s
    tx.conn.execute(insert(t.auth_tokens).values(token_hash=new_hash, user_name=row.user_name,
                                                 issued_at=tx.now, expires_at=expires_at,
                                                 source=source[:120]))
    return token, expires_at


def revoke(tx: Tx, hashed: str) -> bool:
    """Delete one token (logout); False if it was not there."""
    return tx.conn.execute(delete(t.auth_tokens).where(t.auth_tokens.c.token_hash == hashed)).rowcount > 0
