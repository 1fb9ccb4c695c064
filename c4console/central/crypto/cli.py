"""``c4central keys init | status | rotate | encrypt-existing``: the media key file.

- ``init``: create the key file (0600; never overwrites one) and print its path and key id.
- ``status``: its key ids and which one seals, and how many recording segments and media
  files are sealed with each key or still plaintext.
- ``rotate``: add a fresh key that seals from now on (old keys still open old files;
  restart the centrals so they seal with it).
- ``encrypt-existing``: seal the plaintext segments and media written before encryption at
  rest (each file replaced atomically; manifests untouched: their hashes are of the
  plaintext), and with ``--reseal`` re-seal files sealed with an older key.

The key file is ``--media-key-file`` (``C4_MEDIA_KEY_FILE``, the config file's
``media_key_file``), default ``media.key`` beside a SQLite database, else beside the
recordings folder. The key itself is never printed or logged.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from c4console.central.audio.manifest import MANIFEST, fsync_dir
from c4console.central.config import ConfigError, resolve
from c4console.central.crypto import sealed
from c4console.central.crypto.keys import MediaKeys, check_outside, default_key_file
from c4console.platform_support import private_file

log = logging.getLogger("c4central.keys")

SEGMENT = re.compile(r"^seg-\d{6}\.wav$")
MEDIA_NAME = re.compile(r"^[0-9a-f]{64}\.[a-z0-9]{1,5}$")


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``keys init|status|rotate|encrypt-existing`` to the ``c4central`` subcommands."""
    keys = sub.add_parser("keys", help="the key file sealing recordings and WhatsApp media")
    keys_sub = keys.add_subparsers(dest="action", required=True)
    for name, text, handler in (
            ("init", "create the media key file (never overwrites one)", _init),
            ("status", "key ids, and files sealed with each key or still plaintext", _status),
            ("rotate", "add a new key that seals from now on (old keys still open)", _rotate),
            ("encrypt-existing", "seal recordings and media written before encryption at rest",
             _encrypt_existing)):
        p = keys_sub.add_parser(name, parents=[common], help=text)
        p.add_argument("--media-key-file", dest="media_key_file", metavar="FILE", default=None,
                       help="the key file (also C4_MEDIA_KEY_FILE; default: media.key beside a "
                            "SQLite database, else beside the recordings folder)")
        p.add_argument("--recordings", type=Path, metavar="DIR",
                       help="the recordings folder (default: 'recordings' beside a SQLite database)")
        p.add_argument("--media-dir", dest="media_dir", metavar="DIR", default=None,
                       help="the WhatsApp media folder (also C4_MEDIA_DIR; default: 'media' "
                            "beside a SQLite database)")
        if name == "encrypt-existing":
            p.add_argument("--reseal", action="store_true",
                           help="also re-seal files sealed with an older key (after a rotation)")
        p.set_defaults(handler=handler)


def _places(args: argparse.Namespace) -> tuple[Path, Path | None, Path | None]:
    """(key file, recordings folder, media folder) from the options, environment, config."""
    cfg = resolve(vars(args), args.config, names=("db", "media_key_file", "media_dir"))
    db = cfg["db"]
    base = None
    if db:
        from sqlalchemy.engine import make_url

        url = make_url(db)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            base = Path(url.database).expanduser().resolve().parent
    recordings = args.recordings or (base / "recordings" if base else None)
    media = cfg["media_dir"] or (base / "media" if base else None)
    key_file = cfg["media_key_file"] or default_key_file(db, recordings, media)
    if key_file is None:
        raise ConfigError("no media key file: give --media-key-file FILE (or --db of a SQLite "
                          "database, or --recordings DIR)")
    check_outside(key_file, recordings, media)
    return key_file, recordings, media


def _init(args: argparse.Namespace) -> int:
    key_file, _, _ = _places(args)
    try:
        keys = MediaKeys.create(key_file)
    except FileExistsError:
        log.error("media key file %s exists: it is never overwritten (its key opens the "
                  "recordings sealed with it); use 'c4central keys rotate' for a new key", key_file)
        return 1
    print(f"created {key_file} (mode 600), key id {keys.current}")
    print("BACK IT UP outside this machine now: without it the recordings and media sealed "
          "with it cannot be read by anyone.")
    return 0


def _rotate(args: argparse.Namespace) -> int:
    key_file, _, _ = _places(args)
    keys = MediaKeys.load(key_file)
    kid = keys.rotate()
    print(f"{key_file}: new key {kid} seals from now on ({len(keys.keys)} keys; the older "
          "ones still open older files). Restart the centrals; back up the file again.")
    return 0


def _files(recordings: Path | None, media: Path | None) -> Iterator[tuple[Path, str, str]]:
    """(path, kind, file id) of every segment and media file."""
    if recordings is not None and recordings.is_dir():
        for manifest in sorted(recordings.glob(f"*/*/{MANIFEST}")):
            folder = manifest.parent
            session_id = _session_id(manifest) or folder.name
            for path in sorted(folder.iterdir()):
                if SEGMENT.match(path.name):
                    yield path, sealed.SEGMENT, sealed.segment_id(session_id, path.name)
    if media is not None and media.is_dir():
        for path in sorted(media.iterdir()):
            if MEDIA_NAME.match(path.name):
                yield path, sealed.MEDIA, path.name


def _session_id(manifest: Path) -> str:
    """The session id in a manifest's line 0 (what its segments are sealed under)."""
    try:
        with manifest.open("rb") as f:
            first = json.loads(f.readline())
        return str(first.get("session_id") or "") if isinstance(first, dict) else ""
    except (OSError, ValueError):
        return ""


def _key_of(path: Path) -> str:
    """The key id a file is sealed with, or "plaintext"."""
    with path.open("rb") as f:
        head = f.read(sealed.HEADER.size)
    return sealed.HEADER.unpack(head)[1].hex() if sealed.is_sealed(head) and \
        len(head) == sealed.HEADER.size else "plaintext"


def _status(args: argparse.Namespace) -> int:
    key_file, recordings, media = _places(args)
    keys = MediaKeys.load(key_file)
    print(f"{key_file}: {len(keys.keys)} key(s); seals with {keys.current}")
    for kid in keys.keys:
        print(f"  key {kid}{' (current)' if kid == keys.current else ''}")
    counts: Counter[tuple[str, str]] = Counter()
    for path, kind, _ in _files(recordings, media):
        counts[(kind, _key_of(path))] += 1
    for (kind, kid), n in sorted(counts.items()):
        known = "" if kid == "plaintext" or kid in keys.keys else " (NOT in this key file)"
        print(f"  {kind}: {n} file(s) {'plaintext' if kid == 'plaintext' else f'sealed with {kid}'}"
              f"{known}")
    return 0


def _encrypt_existing(args: argparse.Namespace) -> int:
    key_file, recordings, media = _places(args)
    keys = MediaKeys.load(key_file)
    done: Counter[str] = Counter()
    failed = 0
    for path, kind, file_id in _files(recordings, media):
        kid = _key_of(path)
        if kid == keys.current or (kid != "plaintext" and not args.reseal):
            done["kept"] += 1
            continue
        try:
            _seal_in_place(path, keys, kind, file_id, kid != "plaintext")
        except (OSError, sealed.SealError, ValueError) as e:
            failed += 1
            log.error("%s not sealed: %s", path, e)
            continue
        done["sealed" if kid == "plaintext" else "resealed"] += 1
    print(f"sealed {done['sealed']} plaintext file(s), re-sealed {done['resealed']}, "
          f"{done['kept']} already sealed; {failed} failed")
    return 1 if failed else 0


def _seal_in_place(path: Path, keys: MediaKeys, kind: str, file_id: str, opened: bool) -> None:
    """Replace ``path`` with its sealed form (written beside it, synced, renamed)."""
    tmp = path.with_name(f".{path.name}.seal.tmp")
    try:
        with path.open("rb") as src, tmp.open("wb") as out:
            writer = sealed.SealWriter(out, keys, kind, file_id)
            chunks = sealed.iter_open(src, keys, kind, file_id) if opened else iter(
                lambda: src.read(sealed.CHUNK), b"")
            for chunk in chunks:
                writer.write(chunk)
            writer.close()
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    private_file(tmp)
    os.replace(tmp, path)
    fsync_dir(path.parent)
