"""``c4central serve`` as a real subprocess for the tests: start, wait for the ready file, stop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from c4console.platform_support import ask_child_to_stop, child_process_options, child_stop_args
from c4console.resources import DEFAULT_JURISDICTION


@dataclass
class Node:
    """A running ``c4central serve`` process and where it listens."""

    proc: subprocess.Popen
    api: str
    osmand: str
    log: Path

    def stop(self, timeout: float = 30) -> int:
        """Ask it to stop as the console does (SIGTERM; on Windows the end of its input),
        wait (kill after ``timeout``); returns the exit status."""
        if self.proc.poll() is None:
            ask_child_to_stop(self.proc)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout)
        return self.proc.returncode


def c4central(*args: str) -> list[str]:
    """The command line of ``c4central`` in this interpreter."""
    return [sys.executable, "-m", "c4console.central", *args]


def start_node(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start ``c4central serve ARGS`` with a ready file and a log in ``folder`` (no wait).

    Without ``--demo`` or ``--jurisdiction`` in ARGS the node gets the sample shipped in
    maps/, explicitly: the central requires a jurisdiction outside the demo."""
    folder.mkdir(parents=True, exist_ok=True)
    if "--demo" not in args and "--jurisdiction" not in args:
        args = ("--jurisdiction", str(DEFAULT_JURISDICTION), *args)
    with (folder / "central.log").open("wb") as log:
        return subprocess.Popen(
            c4central("serve", "--listen", "127.0.0.1:0", "--osmand-listen", "127.0.0.1:0",
                      "--ready-file", str(folder / "ready.json"), *child_stop_args(), *args),
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
            **child_process_options())


def wait_ready(folder: Path, proc: subprocess.Popen, timeout: float = 60) -> Node:
    """Wait for the ready file of a node started with :func:`start_node`."""
    ready, log = folder / "ready.json", folder / "central.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready.exists():
            info = json.loads(ready.read_text())
            return Node(proc, info["api"], info["osmand"], log)
        if proc.poll() is not None:
            raise AssertionError(f"c4central exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)
    proc.kill()
    raise AssertionError(f"c4central wrote no ready file:\n{log.read_text()[-3000:]}")
