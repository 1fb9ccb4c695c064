"""The floor for alarm-to-screen: a bare aiohttp server that turns an HTTP GET into a
WebSocket push, with no database and no GUI. Run as a separate process:
``python -m benchmarks.loopback_floor PORTFILE``."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from aiohttp import web


async def main(port_file: Path) -> None:
    """Serve /ping (HTTP) → push to every /ws client, until killed."""
    clients: set[web.WebSocketResponse] = set()

    async def ping(request: web.Request) -> web.Response:
        msg = request.query.get("n", "")
        for ws in list(clients):
            await ws.send_str(msg)
        return web.Response(text="ok")

    async def ws_handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        clients.add(ws)
        async for _ in ws:
            pass
        clients.discard(ws)
        return ws

    app = web.Application()
    app.router.add_get("/ping", ping)
    app.router.add_get("/ws", ws_handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    port_file.write_text(str(port))
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
