"""Sealed files: AES-256-GCM in chunks, bound to the file's id and kind.

Layout (all integers big-endian)::

    header  36 bytes: magic "\\x93C4SEAL1" (8) | key id (8) | salt (16) | chunk size (4)
    records one per chunk of plaintext: nonce (12) | ciphertext | GCM tag (16)

Each file gets its own AES key, HKDF-SHA256(master key, salt), from a fresh random salt,
and each chunk a fresh random nonce. Every chunk authenticates, as associated data, the
header, its index, whether it is the last one, the file's *kind* and its *id* (for a
recording segment its session and name, for WhatsApp media its stored name). So a file
moved or renamed to another place, chunks reordered or cut off, a changed header, or a
single changed byte make the file unreadable instead of wrong. Data is written and read a
chunk at a time: a large file is never held whole in memory to seal or open it.

Files without the magic are the plaintext files written before encryption at rest; their
readers tell them apart with :func:`is_sealed` (``c4central keys encrypt-existing`` seals
them).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from c4console.central.crypto.keys import MediaKeys

MAGIC = b"\x93C4SEAL1"
HEADER = struct.Struct(">8s8s16sI")
NONCE, TAG = 12, 16
CHUNK = 64 * 1024
MAX_CHUNK = 16 * 1024 * 1024
_INFO = b"c4console sealed file v1"

SEGMENT = "recording_segment"  # a recording's segment: id "<session id>/<file name>"
MEDIA = "whatsapp_media"  # a WhatsApp media file: id its stored name


class SealError(Exception):
    """A sealed file that cannot be opened: modified, cut, moved, or not a sealed file."""


def is_sealed(head: bytes) -> bool:
    """True if ``head`` (a file's first bytes) starts a sealed file."""
    return head[:len(MAGIC)] == MAGIC


def _file_key(master: bytes, salt: bytes) -> AESGCM:
    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(master))


def _ad(header: bytes, index: int, final: bool, kind: str, file_id: str) -> bytes:
    k, f = kind.encode("utf-8"), file_id.encode("utf-8")
    return header + struct.pack(">QBH", index, final, len(k)) + k + f


class SealWriter:
    """Writes a sealed file to ``out`` a chunk at a time; :meth:`close` writes the last chunk."""

    def __init__(self, out: BinaryIO, keys: MediaKeys, kind: str, file_id: str,
                 chunk: int = CHUNK) -> None:
        kid, master = keys.current_key
        salt = os.urandom(16)
        self.header = HEADER.pack(MAGIC, kid, salt, chunk)
        self._aead = _file_key(master, salt)
        self._out, self._kind, self._id, self._chunk = out, kind, file_id, chunk
        self._buf = bytearray()
        self._index = 0
        out.write(self.header)

    def write(self, data: bytes) -> None:
        """Add plaintext; full chunks are sealed and written (the last one waits for close)."""
        self._buf += data
        while len(self._buf) > self._chunk:
            self._record(bytes(self._buf[:self._chunk]), False)
            del self._buf[:self._chunk]

    def close(self) -> None:
        """Seal and write the last chunk (the file is complete after it)."""
        self._record(bytes(self._buf), True)
        self._buf.clear()

    def _record(self, plain: bytes, final: bool) -> None:
        nonce = os.urandom(NONCE)
        ad = _ad(self.header, self._index, final, self._kind, self._id)
        self._out.write(nonce + self._aead.encrypt(nonce, plain, ad))
        self._index += 1


def seal(data: bytes, keys: MediaKeys, kind: str, file_id: str) -> bytes:
    """``data`` sealed as one file (for small files such as a recording's segment)."""
    import io

    out = io.BytesIO()
    writer = SealWriter(out, keys, kind, file_id)
    writer.write(data)
    writer.close()
    return out.getvalue()


def iter_open(src: BinaryIO, keys: MediaKeys, kind: str, file_id: str) -> Iterator[bytes]:
    """The plaintext of the sealed file ``src``, a chunk at a time; SealError (or
    :class:`~c4console.central.crypto.keys.UnknownKey`) when it cannot be opened. A chunk is
    only yielded once it authenticated; a cut-off file fails at its end."""
    header = src.read(HEADER.size)
    if len(header) < HEADER.size or not is_sealed(header):
        raise SealError("not a sealed file (no c4console seal header)")
    _, kid, salt, chunk = HEADER.unpack(header)
    if not 0 < chunk <= MAX_CHUNK:
        raise SealError(f"damaged header (chunk size {chunk})")
    aead = _file_key(keys.key_for(kid), salt)
    size = NONCE + chunk + TAG
    record = src.read(size)
    index = 0
    while True:
        if len(record) < NONCE + TAG:
            raise SealError("cut off: its last part is missing")
        following = src.read(size) if len(record) == size else b""
        final = not following
        try:
            plain = aead.decrypt(record[:NONCE], record[NONCE:],
                                 _ad(header, index, final, kind, file_id))
        except InvalidTag:
            raise SealError(f"part {index} does not authenticate: the file was modified, cut "
                            "off, or moved here from another place") from None
        if final and src.read(1):
            raise SealError("bytes after its last part: the file was modified")
        yield plain
        if final:
            return
        record, index = following, index + 1


def open_bytes(data: bytes, keys: MediaKeys, kind: str, file_id: str) -> bytes:
    """The plaintext of a whole sealed file held in memory."""
    import io

    return b"".join(iter_open(io.BytesIO(data), keys, kind, file_id))


def segment_id(session_id: str, name: str) -> str:
    """The id a recording's segment is sealed under: its session and its file name."""
    return f"{session_id}/{name}"
