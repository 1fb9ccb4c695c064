"""``c4central evidence verify SESSION`` and ``c4central evidence export SESSION DIR``.

The recording is found through the database (``--db``; its row also holds the
checkpoint of the hash chain) under ``--recordings`` (default: the folder
``recordings`` beside a SQLite database). With ``--recordings`` alone, the
session's folder is looked up by its id and checked without the database. Its sealed
segments are opened with the media key file (``--media-key-file``, ``C4_MEDIA_KEY_FILE``,
default ``media.key`` beside a SQLite database, else beside the recordings folder).
Exit status: 0 verified, 1 verification failed, 2 the session was not found or
the options are wrong. Also runnable as ``python -m c4console.central.audio.evidence_cli``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from c4console.central.audio import evidence
from c4console.central.crypto.keys import (
    DEFAULT_NAME,
    KEY_FILE_ENV,
    KeyFileError,
    MediaKeys,
    default_key_file,
)

log = logging.getLogger("c4central.evidence")


def default_recordings(db_url: str | None) -> Path | None:
    """``recordings`` beside a SQLite database file; None for other databases."""
    if not db_url:
        return None
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).expanduser().resolve().parent / "recordings"
    return None


def add_parser(sub: Any) -> None:
    """Add ``evidence verify|export`` to the ``c4central`` subcommands."""
    ev = sub.add_parser("evidence", help="verify or export a recorded audio session")
    ev_sub = ev.add_subparsers(dest="evidence_command", required=True)
    for name, text in (("verify", "re-check every segment, the hash chain and the database checkpoint"),
                       ("export", "write the whole recording as one WAV, its manifest and a report")):
        p = ev_sub.add_parser(name, help=text)
        p.add_argument("session", help="audio session id (or its first characters)")
        if name == "export":
            p.add_argument("out", type=Path, help="folder to write the export to")
            p.add_argument("--force", action="store_true",
                           help="export the audio even if verification fails (the report says so)")
        p.add_argument("--db", help="sqlite:///PATH or postgresql+driver://… (the central's database)")
        p.add_argument("--recordings", type=Path,
                       help="the recordings folder (default: 'recordings' beside a SQLite database)")
        p.add_argument("--media-key-file", type=Path, metavar="FILE",
                       help="the media key file that opens the sealed segments (also "
                            f"{KEY_FILE_ENV}; default: {DEFAULT_NAME} beside a SQLite database, "
                            "else beside the recordings folder)")
        p.add_argument("--json", action="store_true", help="print the report as JSON")
        p.set_defaults(handler=run)


def _locate(args: argparse.Namespace) -> tuple[Path, dict[str, Any] | None]:
    recordings = args.recordings or default_recordings(args.db)
    if recordings is None:
        raise LookupError("give --recordings DIR (needed unless --db is a SQLite file)")
    row = None
    if args.db:
        from c4console.central.audio.queries import find_session
        from c4console.central.db import create_db_engine

        engine = create_db_engine(args.db)
        try:
            row = find_session(engine, args.session)
        except Exception as e:
            if isinstance(e, LookupError):
                raise
            raise LookupError(f"cannot read audio sessions from {args.db}: {e}") from e
        finally:
            engine.dispose()
        return recordings / row["folder"], row
    matches = [p for p in recordings.glob("*/*") if p.is_dir() and p.name.startswith(args.session)]
    if len(matches) != 1:
        raise LookupError(f"{len(matches)} recording folders under {recordings} match {args.session!r}; "
                          "give the full id (or --db)")
    return matches[0], None


def _keys(args: argparse.Namespace, recordings: Path | None) -> MediaKeys | None:
    """The media keys (None, with a warning, if there is no key file: only plaintext
    recordings written before encryption at rest can then be checked)."""
    given = getattr(args, "media_key_file", None) or (Path(os.environ[KEY_FILE_ENV]).expanduser()
                                                       if os.environ.get(KEY_FILE_ENV) else None)
    path = given or default_key_file(args.db, recordings)
    if path is None or (given is None and not path.exists()):
        log.warning("no media key file%s: sealed segments cannot be opened (give "
                    "--media-key-file)", f" at {path}" if path else "")
        return None
    return MediaKeys.load(path)


def run(args: argparse.Namespace) -> int:
    """Run ``evidence verify`` or ``evidence export``; the exit status."""
    try:
        folder, row = _locate(args)
        keys = _keys(args, args.recordings or default_recordings(args.db))
    except (LookupError, KeyFileError) as e:
        log.error("%s", e)
        return 2
    sid = row["id"] if row else folder.name
    if args.evidence_command == "verify":
        report = evidence.verify_folder(folder, row, sid, keys=keys)
        written: list[Path] = []
    else:
        report, written = evidence.export(folder, args.out, row, session_id=sid, force=args.force,
                                          keys=keys)
    if args.db:  # who verified or exported which recording, with what result: audited
        from c4console.central import audit

        audit.record_cli(args.db, audit.cli_entry(
            f"evidence.{args.evidence_command}", "accepted" if report.ok else "refused",
            target={"session_id": sid, "incident_id": row.get("incident_id") if row else None},
            detail={"verified": report.ok, "out": str(args.out) if written else "",
                    "files": [p.name for p in written], "force": getattr(args, "force", False)}))
    if args.json:
        import json

        print(json.dumps(report.to_json(), indent=2))
    else:
        sys.stdout.write(report.text())
        for path in written:
            print(f"  wrote {path}")
        if args.evidence_command == "export" and not report.ok and not args.force:
            print("  audio NOT exported: verification failed (use --force to export it anyway)")
    return 0 if report.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Stand-alone entry point (the same as ``c4central evidence …``)."""
    parser = argparse.ArgumentParser(prog="c4central")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(message)s")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
