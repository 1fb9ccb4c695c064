"""External anchors of the audit chain: the head ``{seq, hash, at}`` kept outside the database.

The hash chain (:mod:`c4console.central.audit`) shows an entry edited, deleted or
moved, but someone with write access to the database can rewrite the whole log
consistently — recompute every hash from the first changed entry on, fix the
``audit_seq`` counter — and the chain alone still verifies. An anchor is the
head of the chain at one moment, written as one JSON line to a file that lives
where the database's administrators cannot rewrite it (a WORM share, a printout,
a mail to the oversight body)::

    {"seq": 1842, "hash": "9f3c…", "at": "2026-12-01T03:00:00.123Z"}

:func:`check` then says whether the stored log still agrees with every anchor:
each anchored seq must still exist with that hash (a rewrite at or before it
changes the hash), and the log must reach the last anchor (truncation).

:func:`anchor_now` is what ``c4central audit anchor`` and the server's periodic
task (``audit_anchor_file`` / ``audit_anchor_minutes``) call.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from c4console.central import audit
from c4console.central.audit import GENESIS, Problem, Verification, audit_log, iso, parse_time
from c4console.central.tasks import cancel_and_wait

log = logging.getLogger(__name__)

HASH = re.compile(r"[0-9a-f]{64}")
DEFAULT_MINUTES = 60.0


class AnchorFileError(ValueError):
    """An anchor file that cannot be read; the message names the file and the line."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """The chain's head at one moment: its newest entry's seq and hash, and when (epoch s)."""

    seq: int
    hash: str
    at: float
    line: int = 0  # its line in the anchor file (0: not read from a file)

    def to_json(self) -> str:
        """The anchor as one JSON line (without the newline)."""
        return json.dumps({"seq": self.seq, "hash": self.hash, "at": iso(self.at)},
                          separators=(", ", ": "))

    def where(self, path: str | Path = "") -> str:
        """How a message names this anchor: its line, seq and time."""
        place = f"line {self.line} of {path}" if path else f"line {self.line}"
        return f"anchor at {place} (seq {self.seq}, anchored {iso(self.at)})"


def head(engine: Engine) -> Anchor:
    """The newest stored entry as an anchor (seq 0 and the genesis hash for an empty log)."""
    c = audit_log.c
    with engine.connect() as conn:
        row = conn.execute(select(c.seq, c.hash).order_by(c.seq.desc()).limit(1)).first()
    return Anchor(int(row.seq), str(row.hash), time.time()) if row else Anchor(0, GENESIS, time.time())


def append(path: Path, anchor: Anchor) -> None:
    """Append ``anchor`` as one line to ``path`` and push it to the disk (the file is made if
    missing; its folder must exist: a missing WORM share must not become a local folder)."""
    with open(path, "a", encoding="utf-8") as f:
        f.write(anchor.to_json() + "\n")
        f.flush()
        os.fsync(f.fileno())


def anchor_now(engine: Engine, path: Path | None = None) -> Anchor:
    """Read the head and (if ``path``) append it to the anchor file; the anchor."""
    anchor = head(engine)
    if path is not None:
        append(path, anchor)
    return anchor


def _parse(text: str, number: int, path: Path) -> Anchor:
    where = f"anchor file {path} line {number}"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise AnchorFileError(f"{where} is not JSON ({e.msg}): {text[:80]!r}") from None
    if not isinstance(data, Mapping):
        raise AnchorFileError(f"{where} is not a JSON object {{seq, hash, at}}: {text[:80]!r}")
    seq, digest, at = data.get("seq"), data.get("hash"), data.get("at")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
        raise AnchorFileError(f"{where}: 'seq' must be a whole number ≥ 0, not {seq!r}")
    if not isinstance(digest, str) or not HASH.fullmatch(digest):
        raise AnchorFileError(f"{where}: 'hash' must be 64 lowercase hex digits, not {digest!r}")
    try:
        when = parse_time(str(at)) if isinstance(at, str | int | float) and not isinstance(at, bool) \
            else None
    except ValueError:
        when = None
    if when is None:
        raise AnchorFileError(f"{where}: 'at' must be an ISO 8601 time or epoch seconds, not {at!r}")
    return Anchor(seq, digest, when, number)


def read(path: Path) -> list[Anchor]:
    """The anchors of a file, in file order (blank lines and ``#`` comments skipped: a person
    may annotate a printed copy); AnchorFileError naming the first bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise AnchorFileError(f"anchor file {path}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise AnchorFileError(f"anchor file {path} is not UTF-8 text: {e.reason}") from None
    anchors = [_parse(text.strip(), n, path) for n, text in enumerate(lines, 1)
               if text.strip() and not text.lstrip().startswith("#")]
    if not anchors:
        raise AnchorFileError(f"anchor file {path} holds no anchor (write one with: "
                              "c4central audit anchor --file FILE)")
    return anchors


def check(rows: Sequence[Mapping[str, Any]], anchors: Sequence[Anchor], path: str | Path = ""
          ) -> list[Problem]:
    """Problems of the stored ``rows`` (ascending seq) against ``anchors``: an anchored entry
    whose hash differs or that is gone, and a log that ends before the last anchor. The first
    problem names the first anchor (in file order) that does not match."""
    by_seq = {int(r["seq"]): r for r in rows}
    last = int(rows[-1]["seq"]) if rows else 0
    problems: list[Problem] = []
    for a in anchors:
        if a.seq == 0:
            continue  # the empty log's anchor: nothing to compare
        row = by_seq.get(a.seq)
        if row is None and a.seq > last:
            problems.append(Problem("truncated", a.seq, (
                f"{a.where(path)} does not match: the log ends at seq {last}, so entries "
                f"{last + 1}..{a.seq} at least were removed (truncated)")))
        elif row is None:
            problems.append(Problem("anchor", a.seq, (
                f"{a.where(path)} does not match: entry {a.seq} is missing from the log")))
        elif row["hash"] != a.hash:
            problems.append(Problem("anchor", a.seq, (
                f"{a.where(path)} does not match: entry {a.seq} now has hash {row['hash'][:16]}…, "
                f"the anchor says {a.hash[:16]}…: the log was rewritten at or before entry {a.seq}")))
    return problems


def verify(engine: Engine, anchors: Sequence[Anchor], path: str | Path = "") -> Verification:
    """The chain check of :func:`c4console.central.audit.verify` plus the anchors' check."""
    rows, counter = audit.stored(engine)
    result = audit.check(rows, counter)
    result.problems.extend(check(rows, anchors, path))
    result.anchors = len(anchors)
    return result


class PeriodicAnchor:
    """The server's own anchoring: every ``minutes``, the head is appended to ``path`` if it
    moved since the last line this task wrote (an idle central or an empty log adds no lines);
    once more at stop. A failure (the share unreachable) is logged as an error and retried next period."""

    def __init__(self, engine: Engine, path: Path, minutes: float = DEFAULT_MINUTES) -> None:
        self.engine = engine
        self.path = path
        self.period_s = minutes * 60.0
        self.written = 0
        self.failures = 0
        self.passes = 0  # periods looked at (written or not): shows an idle period has gone by
        self._last: tuple[int, str] | None = None
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        """Start the periodic task on the running loop."""
        log.info("audit anchors: every %g min to %s", self.period_s / 60.0, self.path)
        self._task = asyncio.get_running_loop().create_task(self._run(), name="audit-anchor")

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.period_s)
            await self.once()
            self.passes += 1

    async def once(self) -> Anchor | None:
        """Anchor now if the head moved; the anchor written, or None."""
        try:
            return await asyncio.to_thread(self._write_if_moved)
        except Exception as e:  # the task must survive an unreachable share or database
            self.failures += 1
            log.error("audit anchor NOT written to %s: %s: %s", self.path, type(e).__name__, e)
            return None

    def _write_if_moved(self) -> Anchor | None:
        anchor = head(self.engine)
        if anchor.seq == 0 or (anchor.seq, anchor.hash) == self._last:
            return None  # an empty log has nothing to anchor
        append(self.path, anchor)
        self._last = (anchor.seq, anchor.hash)
        self.written += 1
        log.info("audit anchor: seq %d %s… appended to %s", anchor.seq, anchor.hash[:16], self.path)
        return anchor

    async def stop(self) -> None:
        """Stop the task and anchor the final head (call once the audit log is flushed)."""
        await cancel_and_wait(self._task)
        self._task = None
        await self.once()
