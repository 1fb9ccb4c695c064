"""A console without a window: the sync engine driven by a scripted workload.

``python -m c4console.sync.headless --server URL --data-dir DIR --name NAME --steps N
--user U --password-file F``

Used by the fault-injection tests and benchmarks as a real console process that
can be killed at any point. After each command is durable in the outbox (the
moment a real console shows it as saved) its key is appended to
``DIR/saved.log`` and fsync'd, so the test knows exactly what was promised.
On restart it resumes the workload after the last saved step. Its cache is encrypted
as a console's is (:func:`~c4console.store.cache_opening.open_local_cache`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from c4console.platform_support import install_stop_handlers
from c4console.platform_support import run as run_loop
from c4console.store.cache_opening import open_local_cache
from c4console.sync import workload
from c4console.sync.engine import SyncEngine

log = logging.getLogger("c4console.headless")


class _Quiet:
    """SyncListener that only counts."""

    def __init__(self) -> None:
        self.changes = 0
        self.connected = False

    def on_changes(self, applied: list) -> None:
        self.changes += len(applied)

    def on_results(self, results: list[dict[str, Any]]) -> None:
        pass

    def on_connection(self, connected: bool, detail: str) -> None:
        self.connected = connected


def _saved(path: Path) -> list[str]:
    try:
        return [line for line in path.read_text().splitlines() if line]
    except FileNotFoundError:
        return []


def _journal(path: Path, key: str) -> None:
    with open(path, "a") as f:
        f.write(key + "\n")
        f.flush()
        os.fsync(f.fileno())


async def run(args: argparse.Namespace) -> int:
    """Submit the remaining steps, then keep syncing until told to stop."""
    data = Path(args.data_dir)
    data.mkdir(parents=True, exist_ok=True)
    journal = data / "saved.log"
    done = set(_saved(journal))
    password = Path(args.password_file).read_text().strip()
    # Encrypted like a windowed console's: the key in the OS store or wrapped by the password.
    cache = open_local_cache(data / "cache.sqlite", args.user, password).cache
    listener = _Quiet()
    engine_kw: dict[str, Any] = {"actor": args.name, "workstation": args.name,
                                 "username": args.user, "password": password}
    engine = SyncEngine(cache, args.server, listener, **engine_kw)
    engine.start()
    stop = asyncio.Event()
    install_stop_handlers(asyncio.get_running_loop(), lambda _name: stop.set())
    try:
        for cmd in workload.steps(args.name, args.steps, args.seed):
            if stop.is_set():
                break
            if cmd["key"] in done:
                continue
            # In the outbox already means the crash came between outbox and journal.
            with contextlib.suppress(IntegrityError):
                await engine.submit(cmd)
            _journal(journal, cmd["key"])
            if args.pace:
                await asyncio.sleep(args.pace)
        (data / "workload.done").write_text("ok")
        await stop.wait()
    finally:
        await engine.close()
        cache.close()
    return 0


def main() -> None:
    """Command line."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--server", required=True)
    p.add_argument("--data-dir", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--steps", type=int, default=250)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--pace", type=float, default=0.005, help="seconds between commands")
    # Required: the central asks for a login, and the cache's key is kept for an account.
    p.add_argument("--user", required=True)
    p.add_argument("--password-file", required=True)
    args = p.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    raise SystemExit(run_loop(run(args)))


if __name__ == "__main__":
    main()
