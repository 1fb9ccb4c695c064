"""A recording's segment files at rest: sealed with the media key (AES-256-GCM, see
:mod:`c4console.central.crypto.sealed`), or plaintext WAV when written before encryption
at rest existed.

The manifest's ``sha256`` and ``bytes`` of a segment are those of its *plaintext* WAV —
the evidence itself, as before encryption at rest, and the bytes a court can re-derive
from the exported WAV — so sealing, re-sealing with a new key (rotation) or sealing an old
plaintext recording (``c4central keys encrypt-existing``) leaves the manifest, its hash
chain and the database's checkpoint untouched. A changed byte of a sealed file is still
found: it no longer opens (its GCM tag fails), and a file sealed for another session or
another segment does not open here either.
"""

from __future__ import annotations

from pathlib import Path

from c4console.central.crypto import sealed
from c4console.central.crypto.keys import KeyFileError, MediaKeys


class SegmentUnreadable(Exception):
    """A segment file that cannot be opened; the message says why, for the report."""


def seal_segment(wav: bytes, keys: MediaKeys, session_id: str, name: str) -> bytes:
    """The bytes stored for segment ``name`` of ``session_id``: its WAV, sealed."""
    return sealed.seal(wav, keys, sealed.SEGMENT, sealed.segment_id(session_id, name))


def segment_wav(stored: bytes, keys: MediaKeys | None, session_id: str, name: str) -> bytes:
    """The plaintext WAV of a stored segment (a sealed one opened, a legacy plaintext one as
    it is); SegmentUnreadable if it does not open."""
    if not sealed.is_sealed(stored):
        return stored  # written before encryption at rest: its hash alone protects it
    if keys is None:
        raise SegmentUnreadable("it is sealed (AES-256-GCM) and no media key file was given: "
                                "it cannot be read or checked without the key")
    try:
        return sealed.open_bytes(stored, keys, sealed.SEGMENT, sealed.segment_id(session_id, name))
    except KeyFileError as e:
        raise SegmentUnreadable(f"it cannot be opened: {e}") from None
    except sealed.SealError as e:
        raise SegmentUnreadable(f"it does not decrypt with its key ({e}): the file was modified "
                                "or replaced, so its SHA-256 cannot match the manifest") from None


def read_segment_wav(path: Path, keys: MediaKeys | None, session_id: str) -> bytes:
    """:func:`segment_wav` of the file at ``path``."""
    return segment_wav(path.read_bytes(), keys, session_id, path.name)
