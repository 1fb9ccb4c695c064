"""A real console session for the console benchmarks: logged in as the demo operator
against a running central, its map page loaded and the initial sync settled."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from c4console.demo.accounts import DEMO_OPERATOR, DEMO_PASSWORD
from c4console.gui.shell.cli_args import parse_args
from c4console.gui.shell.session import ConsoleSession


@asynccontextmanager
async def bench_console(qapp, api: str, data_dir: Path) -> AsyncIterator:
    """Yield the main window of a started session (stopped and closed on exit)."""
    secret = data_dir.with_name("password")
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text(DEMO_PASSWORD + "\n", encoding="utf-8")
    args = parse_args(["--server", api, "--data-dir", str(data_dir), "--operator", "bench",
                       "--user", DEMO_OPERATOR, "--password-file", str(secret)])
    session = ConsoleSession(qapp, args, data_dir)
    await session.start()
    win = session.window
    try:
        while not win.map_view.is_ready():
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)  # the initial sync and the first map batch settle
        yield win
    finally:
        await session.stop()
        win.close()
