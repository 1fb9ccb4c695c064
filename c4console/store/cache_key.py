"""The key of the console's encrypted cache: made once per cache and account, kept in the
operating system's secret store, or else wrapped by her password.

The cache (SQLCipher) is encrypted with a random 256-bit data key, used raw (no key
derivation each time a connection opens). Where the key lives:

- **The OS secret store** (Secret Service, Credential Manager, Keychain — see
  :func:`c4console.platform_support.os_secret_store`) when the machine has one: the key is
  a keyring entry named by her account and the cache's path. Her password can change at
  the central without touching it; a thief of the disk gets nothing the OS store does not
  give him.
- **Wrapped by her password** otherwise: AES-256-GCM under a key derived from the
  password with Argon2id (RFC 9106's second recommended parameters, a salt per cache).
  The wrapped key is in the key file beside the cache. A password changed at the central
  cannot unwrap it: the cache is rebuilt from the central (the cache is a cache).

The key file (``cache.sqlite.key``, 0600) says whose key it is and where it is kept, and
for the wrap, the salt, nonce and wrapped key. No key, password or path goes to the log.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from c4console.platform_support import os_secret_store, write_private

log = logging.getLogger(__name__)

KEY_BYTES = 32
KEYRING_SERVICE = "c4console cache"
KEPT_BY_PASSWORD = "password"
FORMAT = 1
# RFC 9106 §4, second recommended option (64 MiB, 3 passes, 4 lanes): about 0.2 s here,
# once per login, and the same cost for every guess of a thief who took the key file.
ARGON2_TIME, ARGON2_MEMORY_KIB, ARGON2_LANES = 3, 64 * 1024, 4
SALT_BYTES, NONCE_BYTES = 16, 12


@dataclass(frozen=True, slots=True)
class CacheKey:
    """A cache's data key and where it is kept (the OS store's name, or "password")."""

    key: bytes = field(repr=False)
    kept_in: str


class NoPlaceForKey(RuntimeError):
    """Neither an OS secret store nor a password to wrap the key with."""


@dataclass(frozen=True, slots=True)
class KeyStore:
    """Where new keys go: the OS secret store ``(name, keyring backend)``, or None."""

    os_store: tuple[str, Any] | None

    @classmethod
    def for_this_machine(cls) -> KeyStore:
        """The OS secret store keyring finds here, if it is one (see platform_support)."""
        return cls(os_secret_store())


def key_file(cache_path: Path) -> Path:
    """The key file beside the cache: ``cache.sqlite`` → ``cache.sqlite.key``."""
    return cache_path.with_name(cache_path.name + ".key")


def _entry(cache_path: Path, user: str) -> str:
    # One entry per account and cache: another account at this desk cannot take her key.
    return f"{user}@{cache_path.resolve()}"


def _wrapping_key(password: str, salt: bytes, time_cost: int = ARGON2_TIME,
                  memory_kib: int = ARGON2_MEMORY_KIB, lanes: int = ARGON2_LANES) -> bytes:
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=time_cost,
                           memory_cost=memory_kib, parallelism=lanes,
                           hash_len=KEY_BYTES, type=Type.ID)


def _aad(user: str) -> bytes:
    # The account is bound to the wrap: editing the file's "user" breaks the tag.
    return b"c4console cache key 1|" + user.encode("utf-8")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _write_key_file(cache_path: Path, meta: dict[str, Any]) -> None:
    # Whole or not at all (written beside, then renamed): a half-written key file would
    # cost the cache it opens.
    target = key_file(cache_path)
    partial = target.with_name(target.name + ".new")
    write_private(partial, json.dumps(meta))
    os.replace(partial, target)


def read_key_file(cache_path: Path) -> dict[str, Any] | None:
    """The key file's fields, or None when it is missing or unreadable."""
    try:
        meta = json.loads(key_file(cache_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) and meta.get("format") == FORMAT else None


def recall(cache_path: Path, user: str, password: str | None, store: KeyStore) -> CacheKey | None:
    """The key of the cache at ``cache_path`` for ``user``, or None when it cannot be had:
    no key file, another account's, the OS store's entry gone, the password not the one
    it was wrapped with (changed at the central)."""
    meta = read_key_file(cache_path)
    if meta is None or meta.get("user") != user:
        return None
    if meta.get("kept_in") == KEPT_BY_PASSWORD:
        if password is None:
            return None
        try:
            salt, nonce, wrapped = (base64.b64decode(meta[k]) for k in ("salt", "nonce", "wrapped"))
            # The file's own cost parameters: a later version may raise the defaults.
            wrapping = _wrapping_key(password, salt, int(meta["time_cost"]),
                                     int(meta["memory_kib"]), int(meta["lanes"]))
            key = AESGCM(wrapping).decrypt(nonce, wrapped, _aad(user))
        except (InvalidTag, HashingError, KeyError, ValueError, TypeError):
            return None
        return CacheKey(key, KEPT_BY_PASSWORD)
    if store.os_store is None:
        return None
    name, backend = store.os_store
    try:
        stored = backend.get_password(KEYRING_SERVICE, _entry(cache_path, user))
        key = bytes.fromhex(stored) if stored else b""
    except Exception as e:  # keyring raises its own errors and the OS's (locked store, D-Bus)
        log.warning("the cache key could not be read from %s: %s", name, type(e).__name__)
        return None
    return CacheKey(key, name) if len(key) == KEY_BYTES else None


def create(cache_path: Path, user: str, password: str | None, store: KeyStore) -> CacheKey:
    """A new random key for a new cache, kept in the OS store if there is one (else
    wrapped by ``password``), and its key file written 0600. Raises :class:`NoPlaceForKey`
    when there is neither."""
    key = secrets.token_bytes(KEY_BYTES)
    if store.os_store is not None:
        name, backend = store.os_store
        try:
            backend.set_password(KEYRING_SERVICE, _entry(cache_path, user), key.hex())
        except Exception as e:  # a locked or absent store: wrap it by the password instead
            log.warning("the cache key could not be kept in %s (%s): wrapping it with the "
                        "password", name, type(e).__name__)
        else:
            _write_key_file(cache_path, {"format": FORMAT, "user": user, "kept_in": name})
            return CacheKey(key, name)
    if password is None:
        raise NoPlaceForKey("no operating-system secret store and no password to protect the "
                            "cache's key with")
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    wrapped = AESGCM(_wrapping_key(password, salt)).encrypt(nonce, key, _aad(user))
    _write_key_file(cache_path, {
        "format": FORMAT, "user": user, "kept_in": KEPT_BY_PASSWORD, "kdf": "argon2id",
        "time_cost": ARGON2_TIME, "memory_kib": ARGON2_MEMORY_KIB, "lanes": ARGON2_LANES,
        "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)})
    return CacheKey(key, KEPT_BY_PASSWORD)
