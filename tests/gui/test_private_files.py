"""Issue 16 point 9: the console as a workstation runs it keeps everything it writes in its
data folder private to the operator's account — the cache, settings, crash log, its
children's logs, the embedded central's database and recordings: folders 0700, files 0600,
even when started with the usual umask 022 and a data folder an older version left 0755."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.linux_only  # mode bits: Windows relies on the profile's ACL


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _wait_for(what: str, condition, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"console exited ({proc.returncode}) before {what}:\n" \
                                    f"{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"no {what}:\n{log.read_text()[-3000:]}"
        time.sleep(0.1)


def test_everything_the_console_writes_is_private_to_the_operator(qapp, tmp_path):
    data, log = tmp_path / "data", tmp_path / "console.log"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)  # as an older version left it
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "c4console", "--demo", "--data-dir", str(data),
             "--alarm-every", "600"],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, preexec_fn=lambda: os.umask(0o022))
    try:
        _wait_for("map page", lambda: "map page ready" in log.read_text(), proc, log)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0, log.read_text()[-3000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    written = sorted(p.relative_to(data).as_posix() for p in data.rglob("*"))
    for name in ("cache.sqlite", "cache.sqlite.key", "central.sqlite", "crash.log", "logs/central.log",
                 "c4console.ini"):
        assert name in written, written
    assert _mode(data) == 0o700, f"{_mode(data):o}"
    lax = {name: f"{_mode(data / name):o}" for name in written
           if _mode(data / name) != (0o700 if (data / name).is_dir() else 0o600)}
    assert not lax, lax
