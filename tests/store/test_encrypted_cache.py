"""The console's cache is encrypted (issue 16 point 9): real SQLCipher files, the key in an
OS secret store (keyring backends registered here stand in for Secret Service and
Windows' Credential Manager, the services this machine cannot reach) or wrapped by the
login's password (what this machine does: keyring has no store here)."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
import sqlcipher3
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, Windows, chainer, fail
from sqlalchemy.exc import DatabaseError

from c4console.core.changes import Change
from c4console.platform_support import WINDOWS_KEY_PERSISTENCE, os_secret_store
from c4console.store import cache_opening as opening
from c4console.store.cache import LocalCache
from c4console.store.cache_key import KEYRING_SERVICE, KeyStore, key_file, recall
from c4console.store.cache_opening import CacheKeyRefused, open_local_cache
from c4console.store.db import connect_cache
from tests.cache_files import TEST_KEY, decrypted_bytes, test_cache

USER, PASSWORD = "operadora1", "clave-de-turno-1"
NO_OS_STORE = KeyStore(None)
HER_NAME = "Fernanda Ruiz Soto"  # ASCII: the cache keeps JSON (\u escapes)


def _unit(seq: int, callsign: str = "PM-01") -> Change:
    return Change(seq, float(seq), "unit", "P01", "upsert",
                  {"id": "P01", "callsign": callsign, "status": "available"})


def _handles_on(path) -> list[str]:
    """This process's open descriptors on ``path`` (Linux's /proc)."""
    fds = Path("/proc/self/fd")
    return [fd.name for fd in fds.iterdir() if os.path.realpath(fd) == str(path.resolve())]


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class _InMemory:
    """The secret service itself, which these tests cannot reach: a dict.

    Every KeyringBackend subclass is known to keyring; a negative priority keeps keyring's
    own detection (the console's, and later tests' in this process) from ever choosing one
    of these stand-ins. The tests register them explicitly."""

    priority = -1

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        del self.secrets[(service, username)]


class SecretServiceStandIn(_InMemory, SecretService.Keyring):
    """keyring's Secret Service backend, talking to a dict instead of D-Bus."""


class CredentialManagerStandIn(_InMemory, Windows.WinVaultKeyring):
    """keyring's Windows backend (Credential Manager), talking to a dict instead of Win32;
    ``persist`` is a plain attribute here (win32cred's constants do not exist on Linux)."""

    persist = "enterprise"  # keyring's default on Windows: roams with a domain profile


class PlaintextKeyring(_InMemory, KeyringBackend):
    """Like keyrings.alt's plain-file keyring: usable, but no OS store."""


@pytest.fixture
def registered():
    """Register a keyring backend as this machine's for the test, then put keyring's own back."""
    import keyring

    before = keyring.get_keyring()

    def register(backend):
        keyring.set_keyring(backend)
        return backend

    yield register
    keyring.set_keyring(before)


# --- the file ---------------------------------------------------------------------

def test_the_file_is_not_sqlite_and_no_wrong_key_reads_it(tmp_path):
    path = tmp_path / "cache.sqlite"
    cache = test_cache(path)
    cache.apply([_unit(1, HER_NAME)])
    cache.close()
    raw = path.read_bytes()
    assert raw[:16] != b"SQLite format 3\x00"
    assert HER_NAME.encode() not in raw
    assert HER_NAME.encode() in decrypted_bytes(path, TEST_KEY)  # it is there, encrypted

    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    wrong = bytes(reversed(TEST_KEY))
    with pytest.raises(sqlcipher3.DatabaseError, match="file is not a database"):
        connect_cache(path, wrong)
    with pytest.raises(DatabaseError, match="file is not a database"):
        LocalCache(path, wrong)
    gc.collect()
    # A refused key leaves no handle on the file: Windows could not set it aside otherwise.
    assert _handles_on(path) == []

    again = test_cache(path)
    assert again.load("unit")["P01"].callsign == HER_NAME and again.cursor() == 1
    with again.engine.connect() as c:  # the pragmas hold on the encrypted file
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert c.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    again.close()


# --- the key wrapped by her password (this machine: no OS store) ------------------

def test_the_password_reopens_the_cache_and_its_key_file_is_private(tmp_path):
    path = tmp_path / "data" / "cache.sqlite"
    first = open_local_cache(path, USER, PASSWORD, NO_OS_STORE)
    assert first.kept_in == "password" and first.rebuilt is None
    first.cache.apply([_unit(1), _unit(2)])
    first.cache.close()

    assert _mode(key_file(path)) == 0o600 and _mode(path) == 0o600
    meta = json.loads(key_file(path).read_text())
    assert meta["user"] == USER and meta["kdf"] == "argon2id"
    assert PASSWORD not in key_file(path).read_text()

    again = open_local_cache(path, USER, PASSWORD, NO_OS_STORE)
    assert again.rebuilt is None and again.cache.cursor() == 2  # no re-sync needed
    again.cache.close()


def test_a_password_changed_at_the_central_sets_the_cache_aside_and_starts_a_new_one(tmp_path):
    path = tmp_path / "cache.sqlite"
    old = open_local_cache(path, USER, PASSWORD, NO_OS_STORE)
    old.cache.apply([_unit(1)])
    old.cache.close()
    old_key = recall(path, USER, PASSWORD, NO_OS_STORE)

    new = open_local_cache(path, USER, "clave-nueva-22", NO_OS_STORE)
    assert new.rebuilt == opening.PASSWORD_CHANGED
    assert new.cache.cursor() == 0 and new.cache.count("unit") == 0  # rebuilt, never mixed
    new.cache.close()
    aside = tmp_path / "cache.sqlite.set-aside"
    assert aside.exists() and key_file(aside).exists()
    with pytest.raises(sqlcipher3.DatabaseError):  # the new key does not open the old file
        connect_cache(aside, recall(path, USER, "clave-nueva-22", NO_OS_STORE).key)
    with contextlib.closing(connect_cache(aside, old_key.key)) as db:  # its own key does
        assert db.execute("SELECT count(*) FROM records").fetchone() == (1,)


@pytest.mark.parametrize("change, reason", [
    ("other_account", opening.OTHER_ACCOUNT),
    ("key_file_gone", opening.KEY_MISSING),
    ("file_damaged", opening.UNREADABLE),
])
def test_a_cache_without_its_key_is_rebuilt_and_says_why(tmp_path, change, reason):
    path = tmp_path / "cache.sqlite"
    opened = open_local_cache(path, USER, PASSWORD, NO_OS_STORE)
    opened.cache.apply([_unit(1)])
    opened.cache.close()
    user = USER
    if change == "other_account":
        user = "operadora2"
    elif change == "key_file_gone":
        key_file(path).unlink()
    else:
        path.write_bytes(b"\0" * path.stat().st_size)
    rebuilt = open_local_cache(path, user, PASSWORD, NO_OS_STORE)
    assert rebuilt.rebuilt == reason and rebuilt.cache.cursor() == 0
    rebuilt.cache.close()


@pytest.mark.parametrize("keyring_kept", [False, True])
def test_each_account_at_the_desk_gets_its_own_cache_back(tmp_path, registered, keyring_kept):
    store = (KeyStore.for_this_machine() if keyring_kept and registered(SecretServiceStandIn())
             else NO_OS_STORE)
    path, other = tmp_path / "cache.sqlite", "operadora2"
    first = open_local_cache(path, USER, PASSWORD, store)
    first.cache.apply([_unit(1)])
    waiting = first.cache.enqueue({"key": "k-hers", "type": "create_incident"})
    first.cache.close()
    his = open_local_cache(path, other, "clave-de-el-22", store)  # his shift: a new cache
    assert his.rebuilt == opening.OTHER_ACCOUNT and his.cache.count("unit") == 0
    his.cache.enqueue({"key": "k-his", "type": "create_incident"})
    his.cache.close()
    for _round in range(2):  # hers, his, hers, his: each finds only their own
        hers = open_local_cache(path, USER, PASSWORD, store)
        assert hers.rebuilt is None and hers.cache.cursor() == 1  # no re-sync either
        assert [e.key for e in hers.cache.pending()] == [waiting.key]
        hers.cache.close()
        his = open_local_cache(path, other, "clave-de-el-22", store)
        assert his.rebuilt is None and [e.key for e in his.cache.pending()] == ["k-his"]
        his.cache.close()
    hers = open_local_cache(path, USER, PASSWORD, store)  # hers again: his is parked
    hers.cache.close()
    parked = opening.parked_path(path, other)
    assert _mode(parked) == 0o600 and not parked.read_bytes().startswith(b"SQLite format 3")
    assert sorted(p.name for p in tmp_path.iterdir() if "account-" in p.name) == sorted(
        [parked.name, key_file(parked).name])
    # His password changed at the central while he was away: his parked cache cannot be
    # opened; he starts a new one, and the parked one is left as it was (not destroyed).
    before = parked.read_bytes()
    changed = open_local_cache(path, other, "clave-nueva-33", store)
    if keyring_kept:  # the key was in the OS store, not wrapped by the password
        assert changed.rebuilt is None and changed.cache.pending()[0].key == "k-his"
    else:
        assert changed.rebuilt == opening.OTHER_ACCOUNT and changed.cache.pending() == []
        assert parked.read_bytes() == before
    changed.cache.close()


def test_a_plaintext_cache_from_before_is_deleted_not_kept(tmp_path):
    path = tmp_path / "cache.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE records (entity, id, data)")
        db.execute("INSERT INTO records VALUES ('beneficiary', 'B1', ?)", (HER_NAME,))
    db.close()
    opened = open_local_cache(path, USER, PASSWORD, NO_OS_STORE)
    assert opened.rebuilt == opening.PLAINTEXT
    opened.cache.close()
    assert not (tmp_path / "cache.sqlite.set-aside").exists()
    assert HER_NAME.encode() not in b"".join(p.read_bytes() for p in tmp_path.iterdir())


def test_an_unchecked_wrong_password_leaves_the_cache_alone(tmp_path):
    # An offline start: nobody checked the password; a typo must not cost the cache.
    path = tmp_path / "cache.sqlite"
    opened = open_local_cache(path, USER, PASSWORD, NO_OS_STORE)
    opened.cache.apply([_unit(1)])
    opened.cache.close()
    before = path.read_bytes(), key_file(path).read_bytes()
    with pytest.raises(CacheKeyRefused):
        open_local_cache(path, USER, "typo-de-clave", NO_OS_STORE, verified=False)
    assert (path.read_bytes(), key_file(path).read_bytes()) == before
    right = open_local_cache(path, USER, PASSWORD, NO_OS_STORE, verified=False)
    assert right.rebuilt is None and right.cache.cursor() == 1
    right.cache.close()


def test_the_next_shift_starts_offline_and_parks_the_cache_it_cannot_open(tmp_path, registered):
    # The central is away at a shift change: he may start (an empty cache: nothing of hers
    # is readable to him), hers is parked and comes back at her own offline start.
    path = tmp_path / "cache.sqlite"
    opened = open_local_cache(path, USER, PASSWORD, NO_OS_STORE)
    opened.cache.apply([_unit(1)])
    opened.cache.enqueue({"key": "k-hers", "type": "create_incident"})
    opened.cache.close()
    his = open_local_cache(path, "operadora2", "clave-de-el-22", NO_OS_STORE, verified=False)
    assert his.rebuilt == opening.OTHER_ACCOUNT and his.cache.cursor() == 0
    his.cache.close()
    parked_his = opening.parked_path(path, "operadora2")
    with pytest.raises(CacheKeyRefused):  # her typo: nothing moves
        open_local_cache(path, USER, "typo-de-clave", NO_OS_STORE, verified=False)
    assert not parked_his.exists() and opening.parked_path(path, USER).exists()
    hers = open_local_cache(path, USER, PASSWORD, NO_OS_STORE, verified=False)
    assert hers.rebuilt is None and [e.key for e in hers.cache.pending()] == ["k-hers"]
    hers.cache.close()
    with pytest.raises(CacheKeyRefused):  # his parked cache, a wrong password: refused
        open_local_cache(path, "operadora2", "otra-cosa-99", NO_OS_STORE, verified=False)
    assert parked_his.exists()
    # A key the OS store keeps proves nothing about who typed the name: refused offline.
    store = KeyStore.for_this_machine() if registered(SecretServiceStandIn()) else None
    kept = open_local_cache(path, "jefe1", "clave-de-jefe-7", store)
    kept.cache.close()
    mine_again = open_local_cache(path, USER, PASSWORD, store)
    mine_again.cache.close()
    with pytest.raises(CacheKeyRefused):
        open_local_cache(path, "jefe1", "cualquier-cosa", store, verified=False)


# --- the key in the OS secret store ----------------------------------------------

def test_with_secret_service_the_key_is_there_and_survives_a_password_change(tmp_path, registered):
    service = registered(SecretServiceStandIn())
    store = KeyStore.for_this_machine()
    assert store.os_store is not None and store.os_store[0] == "Secret Service"
    path = tmp_path / "cache.sqlite"
    opened = open_local_cache(path, USER, PASSWORD, store)
    assert opened.kept_in == "Secret Service"
    opened.cache.apply([_unit(1)])
    opened.cache.close()
    meta = json.loads(key_file(path).read_text())
    assert meta == {"format": 1, "user": USER, "kept_in": "Secret Service"}  # no wrapped key
    [(service_name, entry)] = service.secrets
    assert service_name == KEYRING_SERVICE and entry.startswith(f"{USER}@")

    again = open_local_cache(path, USER, "clave-nueva-22", store)  # changed at the central
    assert again.rebuilt is None and again.cache.cursor() == 1
    again.cache.close()

    service.secrets.clear()  # the entry removed from her keyring
    lost = open_local_cache(path, USER, PASSWORD, store)
    assert lost.rebuilt == opening.KEY_MISSING and lost.cache.cursor() == 0
    lost.cache.close()


def test_windows_keeps_the_key_in_credential_manager_on_this_machine_only(tmp_path):
    manager = CredentialManagerStandIn()
    found = os_secret_store(manager, platform="win32")
    assert found is not None and found[0] == "Windows Credential Manager"
    assert manager.persist == WINDOWS_KEY_PERSISTENCE  # not roaming to other workstations

    path = tmp_path / "cache.sqlite"
    opened = open_local_cache(path, USER, PASSWORD, KeyStore(found))
    assert opened.kept_in == "Windows Credential Manager"
    opened.cache.apply([_unit(1)])
    opened.cache.close()
    [(service_name, _entry)] = manager.secrets
    assert service_name == KEYRING_SERVICE
    assert "wrapped" not in json.loads(key_file(path).read_text())
    again = open_local_cache(path, USER, None, KeyStore(found))  # no password needed
    assert again.rebuilt is None and again.cache.cursor() == 1
    again.cache.close()


def test_only_the_platforms_own_store_counts(registered):
    assert os_secret_store(CredentialManagerStandIn(), platform="linux") is None
    assert os_secret_store(SecretServiceStandIn(), platform="win32") is None
    assert os_secret_store(fail.Keyring(), platform="linux") is None
    assert os_secret_store(PlaintextKeyring(), platform="linux") is None
    assert os_secret_store(PlaintextKeyring(), platform="win32") is None
    # keyring chains when several backends are usable: the OS store among them is found.
    registered(PlaintextKeyring())
    secret_service = SecretServiceStandIn()

    class Chain(chainer.ChainerBackend):
        priority = -1  # see _InMemory
        backends = [PlaintextKeyring(), secret_service]

    assert os_secret_store(Chain(), platform="linux") == ("Secret Service", secret_service)
    assert KeyStore.for_this_machine().os_store is None  # a plain file is no OS store


def test_a_store_that_refuses_the_key_falls_back_to_the_password(tmp_path):
    class Locked(SecretServiceStandIn):
        def set_password(self, service, username, password):
            raise RuntimeError("collection is locked")

    store = KeyStore(os_secret_store(Locked(), platform="linux"))
    opened = open_local_cache(tmp_path / "cache.sqlite", USER, PASSWORD, store)
    assert opened.kept_in == "password"
    opened.cache.close()
