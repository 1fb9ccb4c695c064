"""Start and stop the helper processes the console runs on this machine: the
embedded central and, for the demo, the simulator."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from c4console.platform_support import (
    ask_child_to_stop,
    child_process_options,
    child_stop_args,
    create_private_file,
    logs_dir,
    private_dir,
)
from c4console.resources import DEFAULT_JURISDICTION

log = logging.getLogger("c4console.processes")


class ProcessFailed(RuntimeError):
    """A helper process did not start; the message quotes the end of its log."""


@dataclass
class Endpoints:
    """Where the embedded central listens."""

    api: str
    osmand: str
    pid: int


class ManagedProcess:
    """A child process with its output in a log file; asked to stop (SIGTERM; on Windows
    its standard input, a pipe, is closed), then killed if it does not end."""

    def __init__(self, name: str, args: list[str], log_path: Path) -> None:
        self.name = name
        self.args = args
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        """Launch the process (non-blocking)."""
        private_dir(self.log_path.parent)
        create_private_file(self.log_path)
        log_file = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child
        # stdin: none on Linux; on Windows the pipe that stops it (child_process_options).
        self.proc = subprocess.Popen(self.args, stdout=log_file, stderr=subprocess.STDOUT,
                                     env=os.environ.copy(), **child_process_options())
        log_file.close()

    def alive(self) -> bool:
        """True while the process runs."""
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, n: int = 15) -> str:
        """The last lines of the process's log."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self, timeout: float = 5.0) -> None:
        """Ask it to stop (graceful: the central closes its database and ready file), wait,
        then kill it if it does not end."""
        if not self.alive():
            return
        assert self.proc is not None
        ask_child_to_stop(self.proc)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout)


class EmbeddedCentral(ManagedProcess):
    """The central run locally on loopback with its own SQLite file (the embedded default).

    The central needs an account to log in with: ``demo=True`` seeds the demo
    accounts (operadora1 … with password ``demo-c4``); otherwise pass
    ``bootstrap_user`` (and its role) with ``bootstrap_password_file``, a file whose
    first line is the password: the central creates that account if it does not
    exist yet (an existing one keeps its password).

    ``jurisdiction``: the cuadrantes GeoJSON it locates incidents with. The central
    refuses to start without one unless it runs the demo, so a console that was not given
    one passes the sample shipped with it explicitly (and says so in its log).
    """

    def __init__(self, data_dir: Path, *, demo: bool = False, bootstrap_user: str | None = None,
                 bootstrap_role: str = "operator", bootstrap_password_file: Path | None = None,
                 jurisdiction: Path | None = None, extra_args: list[str] | None = None) -> None:
        if (bootstrap_user is None) != (bootstrap_password_file is None):
            raise ValueError("bootstrap_user and bootstrap_password_file go together")
        self.ready_file = data_dir / "central.ready.json"
        args = [sys.executable, "-m", "c4console.central", "serve",
                "--db", f"sqlite:///{data_dir / 'central.sqlite'}",
                "--listen", "127.0.0.1:0", "--osmand-listen", "127.0.0.1:0",
                "--ready-file", str(self.ready_file), "--server-id", "embedded", *child_stop_args()]
        if demo:
            args.append("--demo")
        elif jurisdiction is None:
            log.warning("the embedded central uses the sample jurisdiction %s, which is not "
                        "official: start the console with --jurisdiction FILE (the C4's own)",
                        DEFAULT_JURISDICTION)
            jurisdiction = DEFAULT_JURISDICTION
        if jurisdiction is not None:
            args += ["--jurisdiction", str(jurisdiction)]
        if bootstrap_user is not None and bootstrap_password_file is not None:
            args += ["--bootstrap-user", f"{bootstrap_user}:{bootstrap_role}",
                     "--bootstrap-password-file", str(bootstrap_password_file)]
        args += extra_args or []
        super().__init__("central", args, logs_dir(data_dir) / "central.log")

    async def start_and_wait(self, timeout: float = 30.0) -> Endpoints:
        """Start the central and wait for its ready file; raise ProcessFailed if it dies."""
        self.ready_file.unlink(missing_ok=True)
        self.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ready_file.exists():
                info = json.loads(self.ready_file.read_text())
                return Endpoints(info["api"], info["osmand"], int(info["pid"]))
            if not self.alive():
                raise ProcessFailed(f"embedded central exited at start:\n{self.log_tail()}")
            await asyncio.sleep(0.05)
        self.stop()
        raise ProcessFailed(f"embedded central not ready after {timeout:.0f} s:\n{self.log_tail()}")


class DemoSimulator(ManagedProcess):
    """The demo simulator (patrols, panic activations) talking to a central."""

    def __init__(self, data_dir: Path, endpoints: Endpoints, extra: list[str] | None = None) -> None:
        args = [sys.executable, "-m", "c4console.demo", "--api", endpoints.api,
                "--osmand", endpoints.osmand, *child_stop_args(), *(extra or [])]
        super().__init__("simulator", args, logs_dir(data_dir) / "simulator.log")
