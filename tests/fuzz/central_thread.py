"""A real central (SQLite, loopback) on its own event loop in a background thread, for fuzz
targets that send one HTTP request per example with the standard library's blocking client;
and a logging handler that records any exception the central logs (a crash, for the fuzzer)."""

from __future__ import annotations

import asyncio
import http.client
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp.http_exceptions import HttpProcessingError

from c4console.central.gateways.kannel_client import KannelSettings
from c4console.central.gateways.whatsapp_client import WhatsAppSettings
from tests.central.helpers import login, running_central
from tests.central.test_traccar import SECRET as TRACCAR_SECRET
from tests.central.whatsapp_fake import APP_SECRET, VERIFY_TOKEN


class CrashLog(logging.Handler):
    """Keeps every log record that carries an exception (the central's 'unhandled' path)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:  # noqa: D102
        if record.exc_info and isinstance(record.exc_info[1], HttpProcessingError):
            return  # aiohttp's own parser refused a malformed HTTP message with a 400: not a crash
        if record.exc_info or record.levelno >= logging.CRITICAL:
            self.records.append(record)

    def crashes(self) -> list[str]:
        """One line per crash: logger, message and exception type."""
        return [f"{r.name}: {r.getMessage()} ({r.exc_info[0].__name__ if r.exc_info else ''})"
                for r in self.records]


@dataclass
class CentralThread:
    """Start with :meth:`start`, stop with :meth:`stop`; ``api``/``gateway`` are (host, port)."""

    folder: Path
    api: tuple[str, int] = ("", 0)
    gateway: tuple[str, int] = ("", 0)
    supervisor_token: str = ""
    _ready: threading.Event = field(default_factory=threading.Event)
    _stop: asyncio.Event | None = None
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _error: BaseException | None = None

    def start(self) -> CentralThread:
        """Start the central and wait until it listens (or raise what stopped it)."""
        self._thread = threading.Thread(target=self._run, name="fuzz-central", daemon=True)
        self._thread.start()
        if not self._ready.wait(120):
            raise TimeoutError("the fuzz central did not start within 120 s")
        if self._error is not None:
            raise self._error
        return self

    def stop(self) -> None:
        """Stop the central and join its thread."""
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(60)

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as e:  # reported to start() if it happened before ready
            self._error = e
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        # Kannel is not reachable (port 9): the DLR route is enabled, no SMS is ever sent.
        sms = KannelSettings("http://127.0.0.1:9/cgi-bin/sendsms", "u", "p", attempts=1, backoff_s=0.05)
        wa = WhatsAppSettings(verify_token=VERIFY_TOKEN, app_secret=APP_SECRET, token="t",
                              api_base="http://127.0.0.1:9/v21.0", phone_number_id="1", backoff_s=0.05)
        async with running_central(self.folder, traccar_secret=TRACCAR_SECRET, sms=sms,
                                   whatsapp=wa) as c:
            self.api, self.gateway = _address(c.api_url), _address(c.osmand_url)
            self.supervisor_token = (await login(c.api_url, "supervisora1"))["token"]
            self._ready.set()
            await self._stop.wait()


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def request(address: tuple[str, int], method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> int:
    """One blocking HTTP request; its status (a refused connection raises)."""
    conn = http.client.HTTPConnection(*address, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def headers_ok(headers: dict[str, Any]) -> dict[str, str]:
    """Drop headers http.client itself refuses to send (it would raise before the central sees them)."""
    return {k: v for k, v in headers.items()
            if k and all(32 < ord(ch) < 127 and ch != ":" for ch in k)
            and all(ch not in "\r\n\0" for ch in v) and _latin1(v)}


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")  # what http.client sends header values as
    except UnicodeEncodeError:
        return False
    return True
