"""The console's cache is encrypted (SQLCipher): how a test makes one and looks into one.

- A test that builds a :class:`LocalCache` itself gives it :data:`TEST_KEY`
  (:func:`test_cache`), and reads the file with ``connect_cache(path, TEST_KEY)``.
- A test that ran a console (the window, ``c4console.sync.headless``) gets the key as the
  console did, from the login: :func:`key_for_login` (the password unwraps it here, where
  keyring has no OS store), then ``connect_cache(path, key)``. Stdlib ``sqlite3`` cannot
  read a cache file ("file is not a database").
"""

from __future__ import annotations

from pathlib import Path

from c4console.store.cache import LocalCache
from c4console.store.cache_key import KeyStore, recall
from c4console.store.db import connect_cache

TEST_KEY = bytes(range(32))

__all__ = ["TEST_KEY", "connect_cache", "decrypted_bytes", "key_for_login", "test_cache"]


def test_cache(path: Path) -> LocalCache:
    """A cache at ``path`` encrypted with :data:`TEST_KEY` (the same key reopens it)."""
    return LocalCache(path, TEST_KEY)


test_cache.__test__ = False  # a helper, not a test for pytest to collect


def key_for_login(path: Path, user: str, password: str) -> bytes:
    """The key of the cache a console made at ``path`` for ``user`` logging in with
    ``password`` (from this machine's OS store, else unwrapped with the password)."""
    key = recall(path, user, password, KeyStore.for_this_machine())
    assert key is not None, f"no key for {user}'s cache at {path.name}"
    return key.key


# SQLCipher 4's page layout (its defaults, which the cache keeps): every page is encrypted
# with AES-256-CBC under the raw key, its 16-byte IV and 64-byte HMAC-SHA512 at the page's
# end; page 1 starts with the file's 16-byte salt in clear. A WAL frame is a 24-byte header
# and such a page, after the WAL's own 32-byte header.
PAGE_SIZE, RESERVE, IV_BYTES, SALT_BYTES = 4096, 80, 16, 16
WAL_HEADER, FRAME_HEADER = 32, 24


def _decrypt_page(page: bytes, key: bytes, first: bool) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    start = SALT_BYTES if first else 0
    iv = page[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + IV_BYTES]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start:PAGE_SIZE - RESERVE]) + decryptor.finalize()


def decrypted_bytes(path: Path, key: bytes) -> bytes:
    """Every page of the cache file and every frame of its WAL, decrypted: free pages and
    old frames included, which no query shows. What a thief with the key would find:
    the tests of need-to-know look here for data the central withdrew."""
    raw = path.read_bytes()
    # Whole pages only: a test may read while the console writes the last one.
    pages = [_decrypt_page(raw[i:i + PAGE_SIZE], key, i == 0)
             for i in range(0, len(raw) - PAGE_SIZE + 1, PAGE_SIZE)]
    wal = Path(f"{path}-wal")
    frames = wal.read_bytes()[WAL_HEADER:] if wal.exists() else b""
    step = FRAME_HEADER + PAGE_SIZE
    for i in range(0, len(frames) - step + 1, step):
        page_no = int.from_bytes(frames[i:i + 4], "big")
        pages.append(_decrypt_page(frames[i + FRAME_HEADER:i + step], key, page_no == 1))
    return b"".join(pages)
