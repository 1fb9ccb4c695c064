"""Cuts one session's timeline into short closed WAV segments and chains them.

The audio worker thread calls :meth:`SegmentRecorder.add` with the jitter
buffer's chunks; a full segment (``segment_s`` of audio, or the timeline breaks)
is handed to the I/O thread, which writes it to a temporary file, fsyncs it,
renames it into place, fsyncs the folder, and only then appends its line to
the manifest (fsync'd too). So a crash loses at most the segment being filled:
every segment named in the manifest is complete on disk.

Each segment file is sealed with the media key (AES-256-GCM, audio/segment_files.py) on
the I/O thread, never on the worker that takes the packets; the manifest keeps the
SHA-256 of its plaintext WAV.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from c4console.central.audio.jitter import AUDIO, CONCEALED, SILENCE, TS_MOD, Chunk
from c4console.central.audio.manifest import ManifestWriter, fsync_dir
from c4console.central.audio.segment_files import SegmentUnreadable, read_segment_wav, seal_segment
from c4console.central.audio.wav import wav_bytes
from c4console.central.crypto.keys import MediaKeys
from c4console.platform_support import private_file

log = logging.getLogger(__name__)

Submit = Callable[[Callable[[], None]], None]


def segment_name(index: int) -> str:
    """File name of segment ``index`` (1-based)."""
    return f"seg-{index:06d}.wav"


@dataclass
class RecorderTotals:
    """What has been written so far (read by the API from other threads)."""

    segments: int = 0
    verified: int = 0
    failed: int = 0
    samples: int = 0
    head: str = ""
    manifest_lines: int = 0
    last_error: str = ""


@dataclass
class _Open:
    index: int
    start_sample: int
    first_raw: int
    parts: list[np.ndarray] = field(default_factory=list)
    samples: int = 0
    packets: int = 0
    lost: int = 0
    concealed: int = 0
    silence: int = 0
    first_wall: float | None = None
    last_wall: float | None = None
    discontinuity: bool = False


class SegmentRecorder:
    """Builds segments on the worker thread; writes them with ``submit`` (the I/O thread)."""

    def __init__(self, folder: Path, manifest: ManifestWriter, rate: int, segment_s: float,
                 submit: Submit, on_written: Callable[[dict[str, Any]], None] | None = None, *,
                 keys: MediaKeys, session_id: str) -> None:
        self.folder = folder
        self.keys = keys
        self.session_id = session_id
        self.manifest = manifest
        self.rate = rate
        self.segment_samples = max(1, int(round(segment_s * rate)))
        self.submit = submit
        self.on_written = on_written
        self.totals = RecorderTotals(head=manifest.head, manifest_lines=manifest.n)
        self.ssrc: int | None = None
        self._open: _Open | None = None
        self._next_index = 1
        self._position = 0  # samples recorded on the timeline so far (start_sample of the next)
        self._closed = False

    @property
    def position(self) -> int:
        """Samples placed on the recording so far (including the open segment)."""
        return self._position

    def add(self, chunk: Chunk) -> None:
        """Append a chunk to the timeline, closing segments as they fill."""
        if self._closed:
            return
        if chunk.discontinuity and self._open is not None and self._open.samples:
            self.close_segment()
        samples, raw, first = chunk.samples, chunk.raw_ts, True
        while len(samples):
            seg = self._open
            if seg is None:
                seg = self._open = _Open(self._next_index, self._position, raw,
                                         discontinuity=chunk.discontinuity and first)
                self._next_index += 1
            take = min(len(samples), self.segment_samples - seg.samples)
            part = samples[:take]
            seg.parts.append(part)
            seg.samples += take
            self._position += take
            if chunk.kind == AUDIO:
                if first:
                    seg.packets += 1
                    if seg.first_wall is None:
                        seg.first_wall = chunk.arrival
                    seg.last_wall = chunk.arrival
            elif chunk.kind == CONCEALED:
                seg.concealed += take
                if first:
                    seg.lost += chunk.lost
            elif chunk.kind == SILENCE:
                seg.silence += take
            samples, raw, first = samples[take:], (raw + take) % TS_MOD, False
            if seg.samples >= self.segment_samples:
                self.close_segment()

    def close_segment(self) -> None:
        """Close the open segment now (its write is queued on the I/O thread)."""
        seg, self._open = self._open, None
        if seg is None or not seg.samples:
            return
        pcm = np.concatenate(seg.parts) if len(seg.parts) > 1 else seg.parts[0]
        entry = {
            "type": "segment", "index": seg.index, "file": segment_name(seg.index),
            "samples": seg.samples, "start_sample": seg.start_sample,
            "first_rtp_ts": seg.first_raw, "last_rtp_ts": (seg.first_raw + seg.samples - 1) % TS_MOD,
            "first_wall": seg.first_wall, "last_wall": seg.last_wall, "packets": seg.packets,
            "lost": seg.lost, "concealed_samples": seg.concealed, "silence_samples": seg.silence,
            "ssrc": self.ssrc, "discontinuity": seg.discontinuity,
        }
        self.submit(lambda: self._write(pcm, entry))

    def finish(self, end_entry: dict[str, Any], done: Callable[[], None] | None = None) -> None:
        """Close the last segment, then append the ``end`` line; ``done`` runs on the I/O thread."""
        if self._closed:
            return
        self.close_segment()
        self._closed = True

        def write_end() -> None:
            try:
                sealed = self.manifest.append({**end_entry, "segments": self.totals.segments,
                                               "samples": self.totals.samples})
                self.totals.head, self.totals.manifest_lines = sealed["hash"], self.manifest.n
            except OSError as e:
                self.totals.last_error = f"end line not written: {e}"
                log.error("recording %s: %s", self.folder, self.totals.last_error)
            if done is not None:
                done()

        self.submit(write_end)

    def note(self, entry: dict[str, Any]) -> bool:
        """Worker thread: queue a manifest line that is not a segment (the incident a waiting
        session was bound to), after the segments closed so far; False once the recording is
        finished (its end line is queued)."""
        if self._closed:
            return False

        def write_note() -> None:
            try:
                sealed = self.manifest.append(entry)
                self.totals.head, self.totals.manifest_lines = sealed["hash"], self.manifest.n
            except OSError as e:
                self.totals.last_error = f"{entry.get('type')} line not written: {e}"
                log.error("recording %s: %s", self.folder, self.totals.last_error)

        self.submit(write_note)
        return True

    # --- I/O thread -------------------------------------------------------------
    def _write(self, pcm: np.ndarray, entry: dict[str, Any]) -> None:
        data = wav_bytes(pcm, self.rate)
        digest = hashlib.sha256(data).hexdigest()
        final = self.folder / entry["file"]
        tmp = self.folder / f".{entry['file']}.tmp"
        try:
            stored = seal_segment(data, self.keys, self.session_id, entry["file"])
            with tmp.open("wb") as f:
                f.write(stored)
                f.flush()
                os.fsync(f.fileno())
            private_file(tmp)
            os.replace(tmp, final)
            fsync_dir(self.folder)
            sealed = self.manifest.append({**entry, "sha256": digest, "bytes": len(data)})
        except OSError as e:
            self.totals.failed += 1
            self.totals.last_error = (f"segment {entry['index']} ({entry['samples']} samples) not "
                                      f"written: {e}; the recording goes on with the next segment")
            log.error("recording %s: %s", self.folder, self.totals.last_error)
            return
        self.totals.segments += 1
        self.totals.samples += entry["samples"]
        self.totals.head, self.totals.manifest_lines = sealed["hash"], self.manifest.n
        # Read it back: the "verified" count means the bytes on disk open and hash as chained.
        try:
            if hashlib.sha256(read_segment_wav(final, self.keys, self.session_id)).hexdigest() == digest:
                self.totals.verified += 1
        except SegmentUnreadable as e:
            log.error("recording %s: segment %s does not open right after writing: %s", self.folder,
                      final.name, e)
        except OSError as e:
            log.error("recording %s: segment %s unreadable right after writing: %s", self.folder,
                      final.name, e)
        if self.on_written is not None:
            self.on_written(sealed)
