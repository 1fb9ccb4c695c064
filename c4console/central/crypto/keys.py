"""The media key file: the AES-256 keys that seal recordings and WhatsApp media at rest.

A JSON file, mode 0600, kept OUTSIDE the recordings and media folders (a stolen
recordings folder is then useless alone)::

    {"format": "c4console-media-keys", "version": 1, "current": "3f2a…",
     "keys": [{"id": "3f2a…", "key": "<base64 of 32 bytes>", "created_at": 1760000000.0}]}

``current`` seals new files; every key in the file opens files. Each sealed file names its
key id in its header, so keys can rotate (``c4central keys rotate``) without re-writing old
files. A running central sees a rotation made by another process at its next seal (the
file's identity is checked then: one ``stat``), without a restart. Losing this file loses
every recording and media file sealed with it: back it up. The key bytes never go to a
log; only key ids (a hash of the key) are shown.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from c4console.platform_support import is_windows, private_file

log = logging.getLogger(__name__)

FORMAT = "c4console-media-keys"
KEY_BYTES = 32  # AES-256
ID_BYTES = 8


class KeyFileError(Exception):
    """The key file cannot be used; the message says why (never the key)."""


class UnknownKey(KeyFileError):
    """A sealed file names a key id this key file does not hold."""


def key_id(key: bytes) -> bytes:
    """The 8-byte id of ``key``: a hash, so the id says nothing about the key."""
    return hashlib.sha256(b"c4console media key id\0" + key).digest()[:ID_BYTES]


@dataclass
class MediaKeys:
    """The keys of one key file; ``current`` (hex id) seals, all open."""

    path: Path
    current: str
    keys: dict[str, bytes] = field(default_factory=dict, repr=False)  # never in a log or trace
    created: dict[str, float] = field(default_factory=dict)
    seen: tuple[int, int, int] | None = field(default=None, repr=False)  # the file as read

    # --- reading ---------------------------------------------------------------------
    @property
    def current_key(self) -> tuple[bytes, bytes]:
        """(id bytes, key) that seals new files (the file re-read first if it was rotated)."""
        self.refresh()
        current = self.current  # read once: a refresh in another thread replaces it
        return bytes.fromhex(current), self.keys[current]

    def key_for(self, raw_id: bytes) -> bytes:
        """The key with id ``raw_id``; UnknownKey if this file does not hold it (re-read
        first: another central may have sealed with a key rotated in since)."""
        found = self.keys.get(raw_id.hex())
        if found is None and self.refresh():
            found = self.keys.get(raw_id.hex())
        if found is None:
            raise UnknownKey(f"key {raw_id.hex()} is not in the key file {self.path} (a file "
                             "sealed with another key file, or a key removed after rotation)")
        return found

    def refresh(self) -> bool:
        """Re-read the key file if another process replaced it (``c4central keys rotate``
        while this central runs); True if the keys changed. If the file cannot be read now
        (damaged, made readable by others, gone), the keys held are kept and the log says
        why once per change of the file (never a key)."""
        now = _identity(self.path)
        if now is None or now == self.seen:
            return False
        self.seen = now
        try:
            fresh = MediaKeys.load(self.path)
        except KeyFileError as e:
            log.warning("media key file changed but cannot be used (%s); still sealing with "
                        "key id %s", e, self.current)
            return False
        # Keys before current: a reader in another thread never sees a current key it
        # cannot find (a rotation keeps the old keys).
        self.keys, self.created = {**self.keys, **fresh.keys}, {**self.created, **fresh.created}
        changed = fresh.current != self.current
        self.current = fresh.current
        if changed:
            log.info("media key file %s re-read: sealing with key id %s", self.path, self.current)
        return True

    # --- files ---------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> MediaKeys:
        """Read the key file; KeyFileError if it is missing, malformed or readable by others."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeyFileError(f"media key file {path} does not exist: create it with "
                               "'c4central keys init'") from None
        except OSError as e:
            raise KeyFileError(f"media key file {path}: {e.strerror or e}") from None
        if not is_windows() and path.stat().st_mode & 0o077:
            raise KeyFileError(f"media key file {path} is readable by other users (mode "
                               f"{path.stat().st_mode & 0o777:o}): make it 600 (chmod 600)")
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT or data.get("version") != 1:
                raise ValueError("not a c4console media key file (format/version)")
            keys, created = {}, {}
            for item in data["keys"]:
                key = base64.b64decode(item["key"], validate=True)
                if len(key) != KEY_BYTES:
                    raise ValueError(f"a key of {len(key)} bytes, not {KEY_BYTES}")
                kid = key_id(key).hex()
                if item.get("id") not in (None, kid):
                    raise ValueError(f"key {item.get('id')} does not match its id")
                keys[kid], created[kid] = key, float(item.get("created_at") or 0)
            current = str(data["current"])
            if current not in keys:
                raise ValueError(f"the current key {current} is not in the file")
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as e:
            raise KeyFileError(f"media key file {path} is damaged: {e}") from None
        return cls(path, current, keys, created, _identity(path))

    @classmethod
    def create(cls, path: Path) -> MediaKeys:
        """Create a new key file with one fresh key (0600 from its first byte);
        FileExistsError if there is one (a key file is never overwritten)."""
        key = secrets.token_bytes(KEY_BYTES)
        kid = key_id(key).hex()
        keys = cls(path, kid, {kid: key}, {kid: time.time()})
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_private(path, keys._document(), os.O_EXCL)
        keys.seen = _identity(path)
        return keys

    @classmethod
    def load_or_create(cls, path: Path) -> tuple[MediaKeys, bool]:
        """The key file at ``path``, created if missing; (keys, True if it was created now)."""
        try:
            return cls.create(path), True
        except FileExistsError:
            return cls.load(path), False

    def rotate(self) -> str:
        """Add a fresh key and make it current (old keys still open old files); its id."""
        key = secrets.token_bytes(KEY_BYTES)
        kid = key_id(key).hex()
        self.keys[kid], self.created[kid], self.current = key, time.time(), kid
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        _write_private(tmp, self._document(), os.O_TRUNC)
        os.replace(tmp, self.path)
        self.seen = _identity(self.path)
        return kid

    def _document(self) -> bytes:
        return (json.dumps({
            "format": FORMAT, "version": 1, "current": self.current,
            "keys": [{"id": kid, "key": base64.b64encode(k).decode("ascii"),
                      "created_at": self.created.get(kid, 0.0)} for kid, k in self.keys.items()],
        }, indent=1) + "\n").encode("ascii")


def _write_private(path: Path, data: bytes, mode_flag: int) -> None:
    """Write ``data`` to ``path``, 0600 from its first byte, and sync it to disk
    (``mode_flag``: O_EXCL never overwrites, O_TRUNC replaces a leftover temporary)."""
    flags = os.O_CREAT | mode_flag | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags, 0o600), "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    private_file(path)


def _identity(path: Path) -> tuple[int, int, int] | None:
    """What tells one version of the key file from another (a rotation replaces the file:
    a new inode), or None if it cannot be seen now."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def check_outside(key_file: Path, *folders: Path | None) -> None:
    """KeyFileError if the key file lies inside one of ``folders`` (the recordings, the
    media): a copy of that folder must not carry its own key."""
    resolved = key_file.expanduser().resolve()
    for folder in folders:
        if folder is None:
            continue
        if resolved.is_relative_to(folder.expanduser().resolve()):
            raise KeyFileError(f"media key file {key_file} is inside {folder}: keep it outside "
                               "the recordings and media folders (a copy of the folder would "
                               "carry its key)")


KEY_FILE_ENV = "C4_MEDIA_KEY_FILE"
DEFAULT_NAME = "media.key"


def default_key_file(db_url: str | None, *beside: Path | None) -> Path | None:
    """Where the key file is when none is configured: ``media.key`` beside a SQLite
    database; else beside the first of ``beside`` given (the recordings folder, the media
    folder — in their parent, never inside them); None if there is none."""
    if db_url:
        from sqlalchemy.engine import make_url

        url = make_url(db_url)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return Path(url.database).expanduser().resolve().parent / DEFAULT_NAME
    for folder in beside:
        if folder is not None:
            return folder.expanduser().resolve().parent / DEFAULT_NAME
    return None


def open_for_central(configured: Path | None, db_url: str, recordings: Path | None,
                     media: Path | None) -> MediaKeys | None:
    """The central's media keys at start: the configured key file, else the default one
    (:func:`default_key_file`), created at the first start (said in the log, without the
    key); None when nothing is recorded or kept (no recordings, no media folder).
    KeyFileError if the file is damaged, readable by others, or inside those folders."""
    if recordings is None and media is None:
        return None
    path = configured or default_key_file(db_url, recordings, media)
    assert path is not None  # a recordings or media folder was given
    check_outside(path, recordings, media)
    keys, created = MediaKeys.load_or_create(path.expanduser())
    if created:
        log.warning("created the media key file %s (key id %s, mode 600): recordings and "
                    "WhatsApp media are sealed with it. BACK IT UP outside this machine: "
                    "without it they cannot be read", path, keys.current)
    else:
        log.info("media key file %s: %d key(s), sealing with key id %s", path, len(keys.keys),
                 keys.current)
    return keys
