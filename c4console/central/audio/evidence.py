"""Verifying and exporting a recording: every segment against the manifest, the chain,
and the database's checkpoint of it — saying exactly what is wrong where.

Segment files are sealed at rest (audio/segment_files.py): they are opened with the media
key file's ``keys`` and the SHA-256 of the plaintext WAV is checked against the manifest. A
file that does not open (a changed byte, a file moved from another segment or session) is
reported as modified; without ``keys`` a sealed segment cannot be checked (an error).
Plaintext segments written before encryption at rest are checked as they are.

A recording that began before her alarm (line 0 ``waiting_for_alarm``) names its
incident in a later ``incident`` line, chained like the rest; it may follow the ``end``
line when her alarm came after the call ended. The latest one is the recording's incident.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from c4console.central.audio.manifest import GENESIS, MANIFEST, entry_hash
from c4console.central.audio.recorder import segment_name
from c4console.central.audio.segment_files import SegmentUnreadable, segment_wav
from c4console.central.audio.wav import read_pcm, wav_bytes
from c4console.central.crypto.keys import MediaKeys
from c4console.platform_support import private_dir, write_private

TS_MOD = 1 << 32
SEGMENT_FILE = re.compile(r"^seg-(\d{6})\.wav$")
ERROR, WARNING = "error", "warning"
INCIDENT = "incident"  # the line binding a recording that waited for her alarm


@dataclass
class Problem:
    """One finding: ``where`` (a file or manifest line), ``what`` (a sentence), its severity."""

    severity: str
    where: str
    what: str


@dataclass
class Report:
    """The outcome of verifying one recording."""

    session_id: str
    folder: str
    problems: list[Problem] = field(default_factory=list)
    lines: int = 0
    segments_listed: int = 0
    segments_verified: int = 0
    samples: int = 0
    sample_rate: int = 0
    closed: bool = False
    chain_head: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    verified_at: float = field(default_factory=time.time)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong (warnings allowed)."""
        return not any(p.severity == ERROR for p in self.problems)

    def error(self, where: str, what: str) -> None:
        """Record an error."""
        self.problems.append(Problem(ERROR, where, what))

    def warn(self, where: str, what: str) -> None:
        """Record a warning."""
        self.problems.append(Problem(WARNING, where, what))

    @property
    def duration_s(self) -> float:
        """Seconds of audio in the verified segments."""
        return self.samples / self.sample_rate if self.sample_rate else 0.0

    def text(self) -> str:
        """A report for people (and for the court file)."""
        m = self.metadata
        lines = [f"Recording {self.session_id}: {'VERIFIED' if self.ok else 'FAILED'}",
                 f"  folder: {self.folder}",
                 f"  device {m.get('device_id')}, beneficiary {m.get('beneficiary_id')}, incident "
                 f"{m.get('folio')} ({m.get('incident_id')}), server {m.get('server_id')}",
                 f"  codec {m.get('codec')} {self.sample_rate} Hz; {self.segments_verified} of "
                 f"{self.segments_listed} segments verified, {self.duration_s:.2f} s; "
                 f"{'closed' if self.closed else 'NOT closed'}; chain head {self.chain_head or '-'}",
                 f"  verified at {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime(self.verified_at))}"]
        for p in self.problems:
            lines.append(f"  {p.severity.upper()}: {p.where}: {p.what}")
        if not self.problems:
            lines.append("  no problems found")
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        """The report as JSON."""
        out = asdict(self)
        out["ok"] = self.ok
        out["duration_s"] = round(self.duration_s, 3)
        return out


def _read_lines(path: Path, report: Report) -> list[dict[str, Any] | None]:
    raw = path.read_bytes()
    chunks = raw.split(b"\n")
    if chunks and chunks[-1] == b"":
        chunks.pop()
    elif chunks:
        report.warn(f"{MANIFEST} line {len(chunks) - 1}",
                    "incomplete last line (the central stopped while writing it): ignored")
        chunks.pop()
    out: list[dict[str, Any] | None] = []
    for n, chunk in enumerate(chunks):
        try:
            entry = json.loads(chunk)
            if not isinstance(entry, dict):
                raise ValueError("not an object")
            out.append(entry)
        except ValueError as e:
            report.error(f"{MANIFEST} line {n}", f"not a JSON object ({e}): the line was altered")
            out.append(None)
    return out


def verify_folder(folder: Path, row: dict[str, Any] | None = None, session_id: str = "", *,
                  keys: MediaKeys | None = None) -> Report:
    """Verify the recording in ``folder`` (and against its database ``row`` if given);
    ``keys`` open its sealed segments."""
    report = Report(session_id or (row or {}).get("id", "") or folder.name, str(folder))
    manifest = folder / MANIFEST
    if not manifest.is_file():
        report.error(str(manifest), "manifest missing: nothing can be verified")
        return report
    entries = _read_lines(manifest, report)
    report.lines = len(entries)
    _check_chain(entries, report)
    listed = _check_segments(folder, entries, report, keys)
    _check_unlisted(folder, listed, report)
    if row is not None:
        _check_database(row, entries, report)
    return report


def _check_chain(entries: list[dict[str, Any] | None], report: Report) -> None:
    prev: str | None = GENESIS
    for n, entry in enumerate(entries):
        where = f"{MANIFEST} line {n}"
        if entry is None:
            prev = None
            continue
        if entry.get("n") != n:
            report.error(where, f"numbered {entry.get('n')!r}, expected {n}: lines were removed, "
                                "inserted or reordered")
        if prev is not None and entry.get("prev") != prev:
            report.error(where, "'prev' is not the hash of the line before: the chain is broken here "
                                "(a line before it was changed, removed or reordered)")
        if entry_hash(entry) != entry.get("hash"):
            report.error(where, "content does not match its hash: this line was edited")
        prev = entry.get("hash") if isinstance(entry.get("hash"), str) else None
    first = entries[0] if entries else None
    if first is None or first.get("type") != "session":
        report.error(f"{MANIFEST} line 0", "is not the session line: the manifest's start is missing")
    else:
        report.metadata = {k: v for k, v in first.items() if k not in ("n", "prev", "hash", "type")}
        report.sample_rate = int(first.get("sample_rate") or 0)
        for entry in entries[1:]:
            if entry is not None and entry.get("type") == INCIDENT:
                report.metadata.update({k: entry.get(k) for k in ("incident_id", "folio",
                                                                  "beneficiary_id", "bound_at")})
    valid = [e for e in entries if e is not None]
    report.chain_head = valid[-1].get("hash", "") if valid else ""
    recorded = [e for e in valid if e.get("type") != INCIDENT]
    report.closed = bool(recorded) and recorded[-1].get("type") == "end"


def sealed_under(report: Report) -> str:
    """The session id its segments are sealed under: the manifest's (a copied or renamed
    folder still opens), else the report's."""
    return str(report.metadata.get("session_id") or report.session_id)


def _check_segments(folder: Path, entries: list[dict[str, Any] | None], report: Report,
                    keys: MediaKeys | None) -> set[str]:
    listed: set[str] = set()
    expected_index, expected_start, samples_total = 1, 0, 0
    for n, entry in enumerate(entries):
        if entry is None or entry.get("type") != "segment":
            if entry is not None and entry.get("type") == "end":
                _check_end(n, entry, report, expected_index - 1, samples_total)
            continue
        report.segments_listed += 1
        name = str(entry.get("file", ""))
        where = f"{name} (manifest line {n})"
        listed.add(name)
        index, start, count = entry.get("index"), entry.get("start_sample"), entry.get("samples")
        if index != expected_index:
            report.error(where, f"is segment {index} where segment {expected_index} should come: "
                                "a segment is missing or the order was changed")
        if start != expected_start:
            report.error(where, f"starts at sample {start}, expected {expected_start}: audio before it "
                                "is missing or out of order")
        if name != segment_name(index if isinstance(index, int) else -1):
            report.error(where, f"file name does not match segment index {index}")
        expected_index = (index if isinstance(index, int) else expected_index) + 1
        expected_start = (start if isinstance(start, int) else expected_start) + int(count or 0)
        first_ts, last_ts = entry.get("first_rtp_ts"), entry.get("last_rtp_ts")
        if isinstance(first_ts, int) and isinstance(last_ts, int) and isinstance(count, int) \
                and (last_ts - first_ts + 1) % TS_MOD != count % TS_MOD:
            report.error(where, f"RTP timestamps {first_ts}–{last_ts} do not span {count} samples")
        path = folder / name
        if not path.is_file():
            report.error(where, "file missing (deleted or moved)")
            continue
        try:
            data = segment_wav(path.read_bytes(), keys, sealed_under(report), name)
        except SegmentUnreadable as e:
            report.error(where, str(e))
            continue
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            report.error(where, f"SHA-256 of the file differs from the manifest: the file was modified "
                                f"or replaced ({len(data)} bytes, manifest says {entry.get('bytes')})")
            continue
        try:
            pcm, rate = read_pcm(data)
        except ValueError as e:
            report.error(where, f"hash matches but it is not a readable WAV: {e}")
            continue
        if len(pcm) != count or (report.sample_rate and rate != report.sample_rate):
            report.error(where, f"holds {len(pcm)} samples at {rate} Hz; the manifest says {count} at "
                                f"{report.sample_rate} Hz")
            continue
        report.segments_verified += 1
        report.samples += len(pcm)
        samples_total += len(pcm)
    return listed


def _check_end(n: int, entry: dict[str, Any], report: Report, segments: int, samples: int) -> None:
    where = f"{MANIFEST} line {n} (end)"
    if entry.get("segments") not in (None, segments):
        report.error(where, f"says {entry.get('segments')} segments; {segments} are listed before it")
    if entry.get("samples") not in (None, samples) and report.segments_verified == segments:
        report.error(where, f"says {entry.get('samples')} samples; the segments hold {samples}")
    reason = str(entry.get("reason", ""))
    if reason.startswith("interrupted"):
        report.warn(where, "the central stopped during this session: audio after the last closed "
                           "segment (at most one segment) was not recorded")


def _check_unlisted(folder: Path, listed: set[str], report: Report) -> None:
    last = max((int(SEGMENT_FILE.match(n).group(1)) for n in listed if SEGMENT_FILE.match(n)),
               default=0)
    for path in sorted(folder.iterdir()):
        if path.name == MANIFEST or path.name in listed:
            continue
        m = SEGMENT_FILE.match(path.name)
        if m and int(m.group(1)) == last + 1 and not report.closed:
            report.warn(path.name, "written as the central stopped, before its manifest line: not part "
                                   "of the evidence chain (kept, not exported)")
        elif path.name.startswith(".") and path.name.endswith(".tmp"):
            report.warn(path.name, "unfinished temporary file from a stop mid-write: ignored")
        else:
            report.error(path.name, "is in the recording's folder but not in its manifest "
                                    "(added or renamed)")
    if not report.closed:
        report.warn(MANIFEST, "no end line: the session is still live, or the central stopped "
                              "without closing it; every closed segment is checked")


def _check_database(row: dict[str, Any], entries: list[dict[str, Any] | None], report: Report) -> None:
    where = "database"
    meta = report.metadata
    for key in ("device_id", "incident_id", "codec", "sample_rate", "server_id"):
        if key == "incident_id" and meta and meta.get(key) is None and row.get(key):
            # Bound after it ended by a node that does not hold its folder: the database
            # and the incident's timeline say which incident it is, the manifest does not.
            report.warn(where, f"bound to incident {row.get('folio') or row.get(key)} in the "
                               "database only: the manifest has no incident line")
            continue
        if meta and meta.get(key) != row.get(key):
            report.error(where, f"{key} is {row.get(key)!r} in the database but {meta.get(key)!r} in "
                                "the manifest")
    if meta and meta.get("session_id") != row.get("id"):
        report.error(where, f"the manifest belongs to session {meta.get('session_id')}, not {row.get('id')}")
    lines, head = int(row.get("chain_lines") or 0), row.get("chain_head") or ""
    if lines:
        if lines > len(entries):
            report.error(where, f"checkpoint covers {lines} manifest lines but the manifest has "
                                f"{len(entries)}: lines were removed")
        else:
            entry = entries[lines - 1]
            if entry is None or entry.get("hash") != head:
                report.error(where, f"checkpoint hash after line {lines - 1} is {head[:16]}…, the "
                                    "manifest's differs: the manifest was rewritten")
    if row.get("status") in ("ended", "interrupted") and not report.closed:
        report.error(where, f"the session is {row.get('status')} but the manifest has no end line: "
                            "its end was removed")


def verified_pcm(folder: Path, report: Report, keys: MediaKeys | None) -> list[np.ndarray] | None:
    """The samples of each segment, each file opened and hashed again as it is read;
    None (and an error in ``report``) if one changed since it was verified. A segment that
    did not verify is left out (an export with ``force``)."""
    parts = []
    for entry in _segment_entries(folder):
        path = folder / str(entry.get("file"))
        try:
            data = segment_wav(path.read_bytes(), keys, sealed_under(report), path.name)
        except (OSError, SegmentUnreadable):
            data = b""
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            if report.ok:
                report.error(str(entry.get("file")), "changed while it was being read: refused")
                return None
            continue
        parts.append(read_pcm(data)[0])
    return parts


def export(folder: Path, out: Path, row: dict[str, Any] | None = None, *, session_id: str = "",
           force: bool = False, keys: MediaKeys | None = None) -> tuple[Report, list[Path]]:
    """Verify, then write ``recording.wav`` (whole recording), the manifest and the reports to ``out``.

    The exported WAV is plaintext (for a court), as the manifest is. A recording that
    fails verification is only exported with ``force`` (the report then says so); the
    report and manifest are always written.
    """
    report = verify_folder(folder, row, session_id, keys=keys)
    private_dir(out, tighten=False)
    written: list[Path] = []
    sid = report.session_id
    if (folder / MANIFEST).is_file():
        write_private(out / f"{sid}.manifest.jsonl", (folder / MANIFEST).read_bytes())
        written.append(out / f"{sid}.manifest.jsonl")
    parts = verified_pcm(folder, report, keys) if report.ok or force else None
    if parts is not None:
        pcm = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)
        wav = out / f"{sid}.wav"
        write_private(wav, wav_bytes(pcm, report.sample_rate or 8000))
        written.append(wav)
        if not report.ok:
            report.warn(str(wav), "exported with --force although verification FAILED")
    write_private(out / f"{sid}.verification.txt", report.text())
    write_private(out / f"{sid}.verification.json", json.dumps(report.to_json(), indent=2))
    written += [out / f"{sid}.verification.txt", out / f"{sid}.verification.json"]
    return report, written


def _segment_entries(folder: Path) -> list[dict[str, Any]]:
    out = []
    for line in (folder / MANIFEST).read_bytes().split(b"\n"):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("type") == "segment":
            out.append(entry)
    return out
