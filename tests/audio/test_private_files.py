"""Issue 16 point 9: what a real ``c4central serve`` process writes about her — its SQLite
database, the recordings folder, each session's folder, segments and manifest — and what
``c4central evidence export`` writes, is private to the service's user (files 0600, folders
0700), whatever umask the process was started with."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.audio import rtp_sender
from tests.audio.central_process import CentralProcess, demo_panic_device

pytestmark = pytest.mark.linux_only  # mode bits: Windows relies on the profile's ACL


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _assert_private_tree(root: Path) -> None:
    """``root`` and every folder under it 0700, every file 0600."""
    assert _mode(root) == 0o700, f"{root}: {_mode(root):o}"
    for folder, dirs, files in os.walk(root):
        for d in dirs:
            assert _mode(Path(folder, d)) == 0o700, f"{folder}/{d}: {_mode(Path(folder, d)):o}"
        for f in files:
            assert _mode(Path(folder, f)) == 0o600, f"{folder}/{f}: {_mode(Path(folder, f)):o}"


@pytest.fixture
def lax_umask():
    """Start the central as from a shell with the usual umask 022 (files 0644 by default)."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_the_central_keeps_its_database_recordings_and_exports_private(tmp_path, lax_umask):
    central = CentralProcess(tmp_path / "central")
    central.folder.mkdir(mode=0o755)
    central.start()
    try:
        session = central.open_session(demo_panic_device(0), "PCMU")
        tone = (np.sin(np.arange(8000 * 2) * 2 * np.pi * 440 / 8000) * 8000).astype(np.int16)
        assert rtp_sender.send(tone, session["udp_port"], "PCMU", pace=4) > 0
        status, ended = central.end_session(session["session_id"])
        assert status == 200 and ended["status"] == "ended", ended
    finally:
        central.stop()
    for db_file in tmp_path.joinpath("central").glob("central.sqlite*"):
        assert _mode(db_file) == 0o600, f"{db_file}: {_mode(db_file):o}"
    _assert_private_tree(central.recordings)
    recorded = {p.suffix for p in central.recordings.rglob("*") if p.is_file()}
    assert {".wav", ".jsonl"} <= recorded, recorded

    out = tmp_path / "export"
    done = subprocess.run([sys.executable, "-m", "c4console.central", "evidence", "export",
                           session["session_id"], str(out), "--db", central.db_url],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert {p.suffix for p in out.iterdir()} >= {".wav", ".jsonl", ".txt", ".json"}
    _assert_private_tree(out)
