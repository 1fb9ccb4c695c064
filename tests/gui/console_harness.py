"""Helpers to run a real console session in-process against a real central.

A test builds one coroutine and runs it once with ``qloop.run_until_complete``;
every wait inside is an ``await`` (never a nested loop run).
"""

from __future__ import annotations

import asyncio
import csv
import inspect
import json
import time
from pathlib import Path
from typing import Any

import aiohttp

from c4console.gui.shell.cli_args import parse_args
from c4console.gui.shell.session import ConsoleSession
from c4console.resources import RESOURCES


def demo_devices() -> list[dict[str, str]]:
    """Rows of the demo beneficiaries file (each has a registered device)."""
    with open(RESOURCES / "demo" / "beneficiaries.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# The demo accounts' password (the GUI tests run on the ``demo_central`` fixture).
DEMO_PASSWORD = "demo-c4"


async def start_session(qapp, api: str, data_dir: Path, *extra: str, user: str | None = None,
                        password: str = DEMO_PASSWORD) -> ConsoleSession:
    """A console session on ``api``, logged in and shown.

    It logs in as ``user`` (default: the ``--operator`` given in ``extra``, else
    operadora1) with ``password``, passed as ``--user NAME --password-file FILE``.
    """
    if user is None:
        user = extra[extra.index("--operator") + 1] if "--operator" in extra else "operadora1"
    secret = data_dir.with_name(f"{data_dir.name}.password")
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text(password + "\n", encoding="utf-8")
    secret.chmod(0o600)
    args = parse_args(["--server", api, "--data-dir", str(data_dir), "--operator", "operadora1",
                       "--user", user, "--password-file", str(secret), *extra])
    session = ConsoleSession(qapp, args, data_dir)
    await session.start()
    return session


async def stop_session(session: ConsoleSession) -> None:
    """Tear a session down and close its window."""
    await session.stop()
    if session.window is not None:
        session.window.close()
        session.window.deleteLater()
    await asyncio.sleep(0.05)


async def until(pred, timeout: float = 30.0, what: str = "condition") -> Any:
    """Poll ``pred`` (sync or async) until it returns something truthy; return that."""
    deadline = time.monotonic() + timeout
    while True:
        value = pred()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met within {timeout} s")
        await asyncio.sleep(0.03)


async def page_js(page, expression: str, timeout: float = 10.0) -> Any:
    """Evaluate a JavaScript expression in a web page; its value crosses as JSON."""
    fut = asyncio.get_running_loop().create_future()
    page.runJavaScript(f"JSON.stringify({expression})", 0,
                       lambda r: fut.done() or fut.set_result(r))
    text = await asyncio.wait_for(fut, timeout)
    return json.loads(text) if isinstance(text, str) and text else None


async def osmand(url: str, **params: Any) -> tuple[int, str]:
    """Send one OsmAnd request (GET with query parameters) like a tracker does."""
    async with aiohttp.ClientSession() as s, s.get(url + "/", params=params) as r:
        return r.status, await r.text()


async def get_json(url: str, user: str = "operadora1", password: str = DEMO_PASSWORD) -> Any:
    """GET a JSON document of a central's API, logged in as ``user``."""
    api = url[:url.index("/api/v1/")]
    async with aiohttp.ClientSession() as s:
        async with s.post(f"{api}/api/v1/auth/login",
                          json={"username": user, "password": password}) as r:
            r.raise_for_status()
            token = (await r.json())["token"]
        async with s.get(url, headers={"Authorization": f"Bearer {token}"}) as r:
            r.raise_for_status()
            return await r.json()
