"""Tampering with a recording is always found, and said where: a byte changed, a segment
deleted, segments or manifest lines reordered, a manifest rewritten to hide a deletion."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from c4console.central.audio import evidence
from c4console.central.audio.manifest import MANIFEST, seal
from c4console.central.crypto.keys import MediaKeys
from tests.audio import rtp_sender
from tests.audio.harness import audio_central, client, open_session, until_taken_in
from tests.central.helpers import PANIC_DEVICE


@pytest.fixture(scope="module")
def recording(tmp_path_factory) -> tuple[Path, dict, str]:
    """A closed 2.5 s PCMA recording: (its folder, its database row, the database URL)."""
    tmp = tmp_path_factory.mktemp("evidence")
    out: dict = {}

    async def main():
        async with audio_central(tmp) as c, client(c.api) as s:
            sess = await open_session(s, c.audio_api, PANIC_DEVICE, "PCMA")
            noise = (np.random.default_rng(7).standard_normal(20000) * 4000).astype(np.int16)
            sent = await asyncio.to_thread(rtp_sender.send, noise, sess["udp_port"], "PCMA",
                                           pace=4.0)
            await until_taken_in(c, sess["session_id"], sent)
            await c.manager.end(sess["session_id"], "test")
            out["row"] = await c.manager.row(sess["session_id"])
            out["db"] = c.db_url
            out["recordings"] = c.recordings

    asyncio.run(main())
    return out["recordings"], out["row"], out["db"]


def _copy(recording, tmp_path: Path) -> tuple[Path, dict]:
    recordings, row, _ = recording
    folder = tmp_path / "copy"
    shutil.copytree(recordings / row["folder"], folder)
    return folder, row


def _verify(recording, folder: Path, row: dict | None = None) -> evidence.Report:
    """Verify with the recording's media keys (its key file is beside the recordings)."""
    return evidence.verify_folder(folder, row, keys=MediaKeys.load(recording[0].parent / "media.key"))


def _errors(report: evidence.Report) -> list[tuple[str, str]]:
    return [(p.where, p.what) for p in report.problems if p.severity == "error"]


def test_the_untouched_recording_verifies_with_the_cli(recording, tmp_path):
    recordings, row, db = recording
    done = subprocess.run([sys.executable, "-m", "c4console.central.audio.evidence_cli", "evidence", "verify",
                           row["id"][:8], "--db", db, "--recordings", str(recordings)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "VERIFIED" in done.stdout and "5 of 5 segments verified" in done.stdout
    export = tmp_path / "export"
    done = subprocess.run([sys.executable, "-m", "c4console.central.audio.evidence_cli", "evidence", "export",
                           row["id"], str(export), "--db", db, "--recordings", str(recordings)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    names = sorted(p.name for p in export.iterdir())
    assert names == sorted(f"{row['id']}{suffix}" for suffix in (
        ".wav", ".manifest.jsonl", ".verification.txt", ".verification.json"))
    assert json.loads((export / f"{row['id']}.verification.json").read_text())["ok"] is True


def test_a_single_byte_edit_is_found(recording, tmp_path):
    folder, row = _copy(recording, tmp_path)
    seg = folder / "seg-000003.wav"
    data = bytearray(seg.read_bytes())
    data[2000] ^= 0x01
    seg.write_bytes(bytes(data))
    report = _verify(recording, folder, row)
    assert not report.ok
    assert _errors(report) == [("seg-000003.wav (manifest line 3)",
                                _errors(report)[0][1])]
    assert "SHA-256" in _errors(report)[0][1] and "modified" in _errors(report)[0][1]


def test_a_deleted_segment_is_found(recording, tmp_path):
    folder, row = _copy(recording, tmp_path)
    (folder / "seg-000002.wav").unlink()
    errors = _errors(_verify(recording, folder, row))
    assert errors == [("seg-000002.wav (manifest line 2)", "file missing (deleted or moved)")]


def test_reordered_segments_are_found(recording, tmp_path):
    folder, row = _copy(recording, tmp_path)
    a, b = folder / "seg-000002.wav", folder / "seg-000004.wav"
    tmp = folder / "swap"
    a.rename(tmp)
    b.rename(a)
    tmp.rename(b)
    errors = _errors(_verify(recording, folder, row))
    assert [w for w, _ in errors] == ["seg-000002.wav (manifest line 2)", "seg-000004.wav (manifest line 4)"]


def test_reordered_manifest_lines_are_found(recording, tmp_path):
    folder, row = _copy(recording, tmp_path)
    lines = (folder / MANIFEST).read_text().splitlines(keepends=True)
    lines[2], lines[3] = lines[3], lines[2]
    (folder / MANIFEST).write_text("".join(lines))
    errors = _errors(_verify(recording, folder, row))
    assert any("numbered" in what and "reordered" in what for _, what in errors)
    assert any("chain is broken" in what for _, what in errors)


def test_a_rewritten_manifest_hiding_a_deletion_disagrees_with_the_database(recording, tmp_path):
    folder, row = _copy(recording, tmp_path)
    entries = [json.loads(line) for line in (folder / MANIFEST).read_text().splitlines()]
    (folder / "seg-000005.wav").unlink()
    kept = [e for e in entries if e.get("file") != "seg-000005.wav"]
    kept[-1]["segments"], kept[-1]["samples"] = 4, sum(e.get("samples", 0) for e in kept[1:-1])
    prev, lines = "0" * 64, []
    for n, e in enumerate(kept):  # a forger recomputes the whole chain
        sealed = seal({k: v for k, v in e.items() if k not in ("n", "prev", "hash")}, n, prev)
        prev = sealed["hash"]
        lines.append(json.dumps(sealed, sort_keys=True) + "\n")
    (folder / MANIFEST).write_text("".join(lines))
    assert _verify(recording, folder).ok  # the files alone look consistent…
    errors = _errors(_verify(recording, folder, row))  # …the database's checkpoint does not
    assert errors and all(where == "database" for where, _ in errors)
    assert any("rewritten" in what or "removed" in what for _, what in errors)
