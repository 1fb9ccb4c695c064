"""Per-device secrets of the OsmAnd gateway (issue 16 point 13; table ``device_secrets``,
migration 0023).

The OsmAnd protocol has no authentication: the device id (an IMEI, printed on the box)
is all a report carries, so knowing it was enough to fake her SOS. A tracker that can
add a parameter to its server URL (Traccar Client keeps a query string given with the
URL: ``https://gw.c4.local:5055/?secret=…``) gets a secret of its own:
``c4central devices secret ID`` makes one, prints it once and keeps only its SHA-256.
From then on a report of that device without the secret, or with a wrong one, is
refused (403, a security event). A device without a secret is accepted as before (most
trackers cannot send one): the address allow-list protects those.

The secret is 192 random bits, so a plain SHA-256 is as good as a slow hash here, and
the comparison is of two digests in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import Engine, delete, insert, select

from c4console.central import schema as t
from c4console.central.records import Tx

MAX_SECRET = 128  # longer values are refused before hashing


def new_secret() -> str:
    """A fresh secret to configure in a tracker (URL-safe, 32 characters)."""
    return secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    """The SHA-256 hex digest kept for ``secret``."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def matches(stored_hash: str, given: str | None) -> bool:
    """True if ``given`` is the secret whose hash is ``stored_hash`` (constant time)."""
    if given is None or len(given) > MAX_SECRET:
        return False
    return hmac.compare_digest(hash_secret(given.strip()), stored_hash)


def secret_hash(engine: Engine, device_id: str) -> str | None:
    """The stored hash of ``device_id``'s secret, or None if it has none."""
    table = t.device_secrets
    with engine.connect() as conn:
        return conn.execute(select(table.c.secret_hash).where(table.c.device_id == device_id)
                            ).scalar()


def set_secret(tx: Tx, device_id: str, hashed: str) -> bool:
    """Give ``device_id`` the secret of hash ``hashed`` (replacing one it had); False if
    no such device is registered."""
    if tx.conn.execute(select(t.devices.c.id).where(t.devices.c.id == device_id)).first() is None:
        return False
    tx.conn.execute(delete(t.device_secrets).where(t.device_secrets.c.device_id == device_id))
    tx.conn.execute(insert(t.device_secrets).values(device_id=device_id, secret_hash=hashed,
                                                     set_at=tx.now))
    return True


def clear_secret(tx: Tx, device_id: str) -> bool:
    """Remove ``device_id``'s secret (its reports are accepted without one); False if it had
    none."""
    done = tx.conn.execute(delete(t.device_secrets).where(
        t.device_secrets.c.device_id == device_id))
    return done.rowcount > 0
