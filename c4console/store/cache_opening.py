"""Opening the console's encrypted cache at login: with her key, or — when it cannot be had
— a new cache, rebuilt from the central's feed (the central holds the truth).

A cache that cannot be opened is never mixed with a new one and never stops the login:
an encrypted one is set aside (``cache.sqlite.set-aside``, with its WAL and key file:
the pending commands it may hold are not destroyed; the one set aside before it is
deleted), a plaintext one from a version before encryption is deleted. The caller says
why in the status bar (:attr:`OpenedCache.rebuilt`).

Another account's cache (a shift change at the same desk) is *parked* instead, under
its owner (``cache.sqlite.account-<hash of the name>``, with its WAL and key file), and
put back at that account's next login here: the commands she saved while the central
was away are sent then, and her copy resumes from its cursor. One parked cache per
account; each stays encrypted under its own key.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DatabaseError

from c4console.platform_support import private_dir
from c4console.store.cache import LocalCache
from c4console.store.cache_key import (
    KEPT_BY_PASSWORD,
    KeyStore,
    create,
    key_file,
    read_key_file,
    recall,
)

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"  # a plaintext SQLite file's first 16 bytes
SET_ASIDE_SUFFIX = ".set-aside"
# SQLite's own codes for "not a database" (a wrong key looks like that) and "corrupt".
UNREADABLE_CODES = {26, 11}

# Why the cache before was not opened (OpenedCache.rebuilt).
PASSWORD_CHANGED = "password_changed"  # wrapped by a password that is no longer hers
OTHER_ACCOUNT = "other_account"  # the cache and its key were another account's
KEY_MISSING = "key_missing"  # the key file or the OS store's entry is gone
UNREADABLE = "unreadable"  # the key did not open it (damaged, replaced)
PLAINTEXT = "plaintext"  # a cache from before encryption: deleted


@dataclass(frozen=True, slots=True)
class OpenedCache:
    """The cache opened for this session, where its key is kept, and — when the cache
    that was there could not be opened — why (one of the reasons above), else None."""

    cache: LocalCache
    kept_in: str
    rebuilt: str | None = None


class CacheKeyRefused(Exception):
    """A login the central has not confirmed (an offline start) does not unwrap the cache's
    key: the password is wrong, or it is another account. The cache is left as it was."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def open_local_cache(path: Path, user: str, password: str | None,
                     store: KeyStore | None = None, *, verified: bool = True) -> OpenedCache:
    """Open the cache at ``path`` for ``user``; when its key cannot be had, set it aside and
    start a new one with a new key. ``password`` is the one she logged in with (None when
    there is none: then only the OS store can keep a key). ``store`` defaults to this
    machine's OS secret store. Raises
    :class:`~c4console.store.cache_key.NoPlaceForKey` with neither.

    ``verified=False`` (the central did not answer, so nobody has checked the password):
    a password that does not unwrap her key raises :class:`CacheKeyRefused` instead of
    setting the cache aside — a typo at an offline start must not cost the cache the
    console then works from. Another account's name may start (the next shift while the
    central is away): the cache here is parked, nothing is lost, and she gets her own
    parked cache only if this password unwraps it (a key kept by the OS store proves
    nothing about who typed the name: refused), else a new, empty one."""
    store = store if store is not None else KeyStore.for_this_machine()
    private_dir(path.parent, tighten=False)  # the key file may come first
    reason = None
    if _holds_data(path):
        key = recall(path, user, password, store)
        if key is not None:
            try:
                return OpenedCache(LocalCache(path, key.key), key.kept_in)
            except DatabaseError as e:
                if getattr(e.orig, "sqlite_errorcode", None) not in UNREADABLE_CODES:
                    raise  # locked, disk full…: not a reason to throw her cache away
                reason = UNREADABLE
        else:
            reason = _why_no_key(path, user)
            if not verified and (reason == PASSWORD_CHANGED or reason == OTHER_ACCOUNT
                                 and not _parked_opens_unchecked(path, user, password)):
                raise CacheKeyRefused(reason)
        if reason == OTHER_ACCOUNT:
            _park(path)
        else:
            _remove(path, keep=reason != PLAINTEXT)
            log.warning("the local cache could not be opened (%s): set aside, rebuilt from "
                        "the central", reason)
    elif not verified and not _parked_opens_unchecked(path, user, password):
        raise CacheKeyRefused(PASSWORD_CHANGED)
    if not _holds_data(path):
        restored = _unpark(path, user, password, store if verified else KeyStore(None))
        if restored is not None:
            return restored
    key = create(path, user, password, store)
    return OpenedCache(LocalCache(path, key.key), key.kept_in, reason)


def parked_path(path: Path, user: str) -> Path:
    """Where ``user``'s cache waits while another account works at this desk (a hash of
    the name: any name makes a file name, and the folder does not list who worked here)."""
    tag = hashlib.sha256(user.encode("utf-8")).hexdigest()[:16]
    return path.with_name(f"{path.name}.account-{tag}")


def _parked_opens_unchecked(path: Path, user: str, password: str | None) -> bool:
    """For an offline start: True if ``user`` has no parked cache here, or this password
    unwraps its key (checked in place; nothing moves)."""
    parked = parked_path(path, user)
    return not _holds_data(parked) or recall(parked, user, password, KeyStore(None)) is not None


def _park(path: Path) -> None:
    """Move another account's cache under its owner's parked name (replacing an older one
    of hers: this one is newer)."""
    meta = read_key_file(path) or {}
    owner = str(meta.get("user") or "")
    _move_companions(path, parked_path(path, owner))
    log.info("another account's local cache was parked for its next login here")


def _unpark(path: Path, user: str, password: str | None, store: KeyStore) -> OpenedCache | None:
    """Put ``user``'s parked cache back in place and open it; None (it stays parked) if
    there is none or its key cannot be had now (the password changed since…)."""
    parked = parked_path(path, user)
    if not _holds_data(parked):
        return None
    _move_companions(parked, path)
    key = recall(path, user, password, store)  # the OS store's entry names the cache's place
    if key is not None:
        try:
            opened = OpenedCache(LocalCache(path, key.key), key.kept_in)
        except DatabaseError as e:
            if getattr(e.orig, "sqlite_errorcode", None) not in UNREADABLE_CODES:
                raise
        else:
            log.info("this account's parked local cache was put back")
            return opened
    _move_companions(path, parked)
    log.warning("this account's parked local cache could not be opened; it stays parked")
    return None


def _holds_data(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def _why_no_key(path: Path, user: str) -> str:
    with open(path, "rb") as f:
        if f.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
            return PLAINTEXT
    meta = read_key_file(path)
    if meta is None:
        return KEY_MISSING
    if meta.get("user") != user:
        return OTHER_ACCOUNT
    return PASSWORD_CHANGED if meta.get("kept_in") == KEPT_BY_PASSWORD else KEY_MISSING


def _companions(path: Path) -> list[Path]:
    """The files of the cache at ``path``: the database, its WAL (SQLite finds it by the
    database's name), its key file. The shared-memory index is rebuilt, so never moved."""
    return [path, Path(f"{path}-wal"), key_file(path)]


def _move_companions(source: Path, target: Path) -> None:
    """Move a cache with its WAL and key file from ``source``'s names to ``target``'s
    (whatever was at ``target``'s names goes first: an older WAL must never meet a newer
    database); ``source``'s shared-memory index is deleted."""
    Path(f"{source}-shm").unlink(missing_ok=True)
    for current, moved in zip(_companions(source), _companions(target), strict=True):
        moved.unlink(missing_ok=True)
        with contextlib.suppress(FileNotFoundError):
            os.replace(current, moved)


def _remove(path: Path, *, keep: bool) -> None:
    """Set the cache aside (``keep``: only the last one set aside is kept) or delete it
    (and the one set aside before), with its companions."""
    aside = path.with_name(path.name + SET_ASIDE_SUFFIX)
    if keep:
        _move_companions(path, aside)
        return
    Path(f"{path}-shm").unlink(missing_ok=True)
    for file in (*_companions(path), *_companions(aside)):
        file.unlink(missing_ok=True)
