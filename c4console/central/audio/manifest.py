"""The hash-chain manifest of a recording: ``manifest.jsonl`` beside its segments.

One JSON object per line. Line 0 is the session (chain-of-custody metadata),
then one line per closed segment, and an ``end`` line when the session ends.
Every line carries ``n`` (its line number), ``prev`` (the previous line's hash;
64 zeros on line 0) and ``hash`` = SHA-256 of the line's canonical JSON without
``hash`` (keys sorted, no spaces, ASCII). Changing, removing or reordering any
line or segment therefore breaks the chain or a segment's ``sha256``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from c4console.platform_support import private_file

MANIFEST = "manifest.jsonl"
GENESIS = "0" * 64


def canonical(entry: dict[str, Any]) -> bytes:
    """The bytes that are hashed: the entry without ``hash``, keys sorted, compact, ASCII."""
    body = {k: v for k, v in entry.items() if k != "hash"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      allow_nan=False).encode("ascii")


def entry_hash(entry: dict[str, Any]) -> str:
    """SHA-256 hex of :func:`canonical`."""
    return hashlib.sha256(canonical(entry)).hexdigest()


def seal(entry: dict[str, Any], n: int, prev: str) -> dict[str, Any]:
    """The entry numbered ``n``, chained to ``prev``, with its ``hash``."""
    sealed = {**entry, "n": n, "prev": prev}
    sealed["hash"] = entry_hash(sealed)
    return sealed


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX; a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class ManifestWriter:
    """Appends sealed lines to one manifest, each fsync'd before the call returns."""

    def __init__(self, folder: Path, n: int = 0, head: str = GENESIS) -> None:
        self.path = folder / MANIFEST
        self.n = n  # number of the next line
        self.head = head  # hash of the last line written

    @classmethod
    def resume(cls, folder: Path) -> ManifestWriter:
        """Continue an existing manifest after its last complete, well-formed line.

        A torn last line (the process died mid-write) is cut off first, so the
        chain goes on from the last line that was fully on disk.
        """
        path = folder / MANIFEST
        raw = path.read_bytes() if path.exists() else b""
        good_end, n, head = 0, 0, GENESIS
        pos = 0
        while pos < len(raw):
            nl = raw.find(b"\n", pos)
            if nl < 0:
                break
            try:
                entry = json.loads(raw[pos:nl])
                if entry.get("n") != n or entry.get("prev") != head or entry_hash(entry) != entry["hash"]:
                    break
            except (ValueError, KeyError, AttributeError):
                break
            n, head, good_end = n + 1, entry["hash"], nl + 1
            pos = nl + 1
        if good_end < len(raw):
            with path.open("r+b") as f:
                f.truncate(good_end)
                f.flush()
                os.fsync(f.fileno())
        return cls(folder, n, head)

    def append(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Seal ``entry`` as the next line, write it and fsync; returns the sealed entry."""
        sealed = seal(entry, self.n, self.head)
        line = json.dumps(sealed, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n"
        new = not self.path.exists()
        with self.path.open("ab") as f:
            f.write(line.encode("ascii"))
            f.flush()
            os.fsync(f.fileno())
        if new:
            private_file(self.path)
            fsync_dir(self.path.parent)
        self.n += 1
        self.head = sealed["hash"]
        return sealed
