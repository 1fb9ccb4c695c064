"""The sealed-file format and the media key file (issue 16 point 10): round trips of any
size a chunk at a time, and every alteration — a byte, a cut, chunks reordered, a header
edited, another id or kind, another key file — fails instead of giving wrong bytes."""

from __future__ import annotations

import io
import os
import stat

import pytest

from c4console.central.crypto import sealed
from c4console.central.crypto.keys import KeyFileError, MediaKeys, UnknownKey, check_outside

CHUNK = 1024


def _seal(data: bytes, keys: MediaKeys, file_id: str = "s/seg-000001.wav") -> bytes:
    out = io.BytesIO()
    writer = sealed.SealWriter(out, keys, sealed.SEGMENT, file_id, chunk=CHUNK)
    for i in range(0, len(data), 333):  # written in pieces, as a stream
        writer.write(data[i:i + 333])
    writer.close()
    return out.getvalue()


def _open(data: bytes, keys: MediaKeys, file_id: str = "s/seg-000001.wav",
          kind: str = sealed.SEGMENT) -> bytes:
    return b"".join(sealed.iter_open(io.BytesIO(data), keys, kind, file_id))


@pytest.fixture
def keys(tmp_path) -> MediaKeys:
    return MediaKeys.create(tmp_path / "media.key")


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK, 5 * CHUNK + 7])
def test_any_size_round_trips_and_holds_no_plaintext(keys, size):
    data = os.urandom(size)
    stored = _seal(data, keys)
    assert sealed.is_sealed(stored) and _open(stored, keys) == data
    assert size < 16 or data[:16] not in stored
    # One record per started chunk (at least one), each a fresh nonce and a tag.
    records = max(1, -(-size // CHUNK))
    assert len(stored) == sealed.HEADER.size + size + records * (sealed.NONCE + sealed.TAG)


def test_every_alteration_fails(keys):
    data = os.urandom(3 * CHUNK + 10)
    stored = _seal(data, keys)
    record = sealed.NONCE + CHUNK + sealed.TAG
    head = sealed.HEADER.size
    flipped = bytearray(stored)
    flipped[head + 100] ^= 1
    reordered = stored[:head] + stored[head + record:head + 2 * record] + \
        stored[head:head + record] + stored[head + 2 * record:]
    header = bytearray(stored)
    header[20] ^= 1  # the salt
    for bad in (bytes(flipped), stored[:-1], stored[:head + 2 * record], reordered,
                bytes(header), stored + b"x"):
        with pytest.raises(sealed.SealError):
            _open(bad, keys)
    with pytest.raises(sealed.SealError):
        _open(stored, keys, file_id="s/seg-000002.wav")  # moved to another segment
    with pytest.raises(sealed.SealError):
        _open(stored, keys, kind=sealed.MEDIA)
    with pytest.raises(sealed.SealError):
        _open(data, keys)  # plaintext is not a sealed file


def test_rotation_keeps_old_files_open_and_another_key_file_opens_nothing(tmp_path, keys):
    old = _seal(b"antes de rotar", keys)
    first = keys.current
    second = keys.rotate()
    assert second != first
    reloaded = MediaKeys.load(tmp_path / "media.key")
    assert reloaded.current == second and set(reloaded.keys) == {first, second}
    new = _seal(b"despues", reloaded)
    assert _open(old, reloaded) == b"antes de rotar" and _open(new, reloaded) == b"despues"
    assert sealed.HEADER.unpack(new[:sealed.HEADER.size])[1].hex() == second
    stranger = MediaKeys.create(tmp_path / "other.key")
    with pytest.raises(UnknownKey):
        _open(old, stranger)


def test_the_key_file_is_private_never_overwritten_and_kept_out_of_the_media(tmp_path, keys):
    path = tmp_path / "media.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        MediaKeys.create(path)
    os.chmod(path, 0o644)
    with pytest.raises(KeyFileError, match="readable by other users"):
        MediaKeys.load(path)
    os.chmod(path, 0o600)
    path.write_text(path.read_text().replace('"current": "', '"current": "00'))
    with pytest.raises(KeyFileError, match="damaged"):
        MediaKeys.load(path)
    with pytest.raises(KeyFileError, match="outside"):
        check_outside(tmp_path / "recordings" / "media.key", tmp_path / "recordings")
    check_outside(tmp_path / "media.key", tmp_path / "recordings", tmp_path / "media")
