"""Helpers to run a real console session in-process against a real central."""

from __future__ import annotations

import asyncio
import csv
import time
from pathlib import Path
from typing import Any

import aiohttp

from c4console.gui.cli_args import parse_args
from c4console.gui.session import ConsoleSession
from c4console.resources import RESOURCES


def demo_devices() -> list[dict[str, str]]:
    """Rows of the demo beneficiaries file (each has a registered device)."""
    with open(RESOURCES / "demo" / "beneficiaries.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def start_session(qapp, qloop, api: str, data_dir: Path, *extra: str) -> ConsoleSession:
    """A console session on ``api``, started and shown."""
    args = parse_args(["--server", api, "--data-dir", str(data_dir), "--operator", "operadora1",
                       *extra])
    session = ConsoleSession(qapp, args, data_dir)
    qloop.run_until_complete(session.start())
    return session


def stop_session(qloop, session: ConsoleSession) -> None:
    """Tear a session down and close its window."""
    qloop.run_until_complete(session.stop())
    if session.window is not None:
        session.window.close()
        session.window.deleteLater()


def wait(qloop, pred, timeout: float = 15.0, what: str = "condition") -> None:
    """Run the loop until ``pred()`` is true."""
    async def poll():
        deadline = time.monotonic() + timeout
        while not pred():
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} not met within {timeout} s")
            await asyncio.sleep(0.03)

    qloop.run_until_complete(poll())


def js(qloop, page, script: str, timeout: float = 10.0) -> Any:
    """Evaluate JavaScript in a web page and return its result."""
    fut = qloop.create_future()
    page.runJavaScript(script, 0, lambda r: fut.done() or fut.set_result(r))
    return qloop.run_until_complete(asyncio.wait_for(fut, timeout))


async def osmand(url: str, **params: Any) -> tuple[int, str]:
    """Send one OsmAnd request (GET with query parameters) like a tracker does."""
    async with aiohttp.ClientSession() as s, s.get(url + "/", params=params) as r:
        return r.status, await r.text()


async def get_json(url: str) -> Any:
    """GET a JSON document."""
    async with aiohttp.ClientSession() as s, s.get(url) as r:
        r.raise_for_status()
        return await r.json()
