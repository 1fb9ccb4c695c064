"""Ambient audio for the demo: what a Botón Seguro streams after an activation.

After a panic alarm the simulator opens an audio session for the device
(``POST /api/v1/audio-sessions`` as the gateway's service account ``pasarela``,
codec L16 at 8 kHz, as an app-based device sends, from the UDP port it names in
``source_port``: the central takes RTP from nowhere else) and streams Spanish
speech (``resources/demo/ambient_es.txt`` spoken by espeak-ng) as RTP in 20 ms
packets, then ends the session. Without espeak-ng the demo runs without audio
and says so once.
"""

from __future__ import annotations

import asyncio
import logging
import random
import shutil
import struct
import subprocess
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

import aiohttp
import numpy as np

from c4console.demo.accounts import DEMO_AUDIO_GATEWAY, DEMO_PASSWORD, read_password_file
from c4console.resources import RESOURCES

log = logging.getLogger(__name__)

RATE = 8000
PACKET = 160  # 20 ms
L16_PT = 96
MAX_STREAMS = 4  # at once: the demo machine also runs the console and the central
_TIMEOUT = aiohttp.ClientTimeout(total=10.0)
TEXT = RESOURCES / "demo" / "ambient_es.txt"


def speech(rate: int = RATE) -> np.ndarray | None:
    """The demo's ambient speech as int16 at ``rate`` (None without espeak-ng)."""
    if shutil.which("espeak-ng") is None or not TEXT.is_file():
        return None
    try:
        return _synthesise(rate)
    except (OSError, subprocess.SubprocessError, wave.Error, EOFError, ValueError) as e:
        log.warning("espeak-ng failed (%s: %s): the demo runs without ambient audio", type(e).__name__, e)
        return None


def _synthesise(rate: int) -> np.ndarray | None:
    with tempfile.TemporaryDirectory(prefix="c4-demo-audio-") as tmp:
        wav = Path(tmp) / "ambient.wav"
        done = subprocess.run(["espeak-ng", "-v", "es-419", "-s", "150", "-g", "12", "-w", str(wav),
                               "-f", str(TEXT)], capture_output=True, timeout=60)
        if done.returncode != 0:
            log.warning("espeak-ng failed (%s): the demo runs without ambient audio",
                        done.stderr.decode(errors="replace").strip())
            return None
        with wave.open(str(wav), "rb") as w:
            src_rate = w.getframerate()
            x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
    if len(x) < PACKET:
        log.warning("espeak-ng produced no speech: the demo runs without ambient audio")
        return None
    n = int(len(x) * rate / src_rate)
    return np.interp(np.arange(n) * src_rate / rate, np.arange(len(x)), x).astype(np.int16)


class _Udp(asyncio.DatagramProtocol):
    pass


class GatewayLogin:
    """The Authorization header of the gateway's service account (logged in once)."""

    def __init__(self, http: Any, api: str, user: str = DEMO_AUDIO_GATEWAY,
                 password: str = DEMO_PASSWORD) -> None:
        self.http = http  # aiohttp.ClientSession
        self.api = api.rstrip("/")  # …/api/v1
        self.user = user
        self.password = password
        self._token = ""

    async def headers(self) -> dict[str, str]:
        """``{"Authorization": "Bearer …"}``, logging in first if needed."""
        if not self._token:
            async with self.http.post(f"{self.api}/auth/login", timeout=_TIMEOUT,
                                      json={"username": self.user, "password": self.password}) as r:
                body = await r.json(content_type=None)
                if r.status != 200:
                    raise RuntimeError(f"login as {self.user} refused: {body.get('error')}")
            self._token = body["token"]
        return {"Authorization": f"Bearer {self._token}"}


class AmbientAudio:
    """Streams the demo speech for activated devices, one session per activation."""

    def __init__(self, session: Any, api: str, headers: Any, *, seconds: float = 30.0,
                 max_streams: int = MAX_STREAMS) -> None:
        self.http = session  # aiohttp.ClientSession
        self.api = api.rstrip("/")  # …/api/v1
        self.headers = headers  # async () -> {"Authorization": …}
        self.seconds = seconds
        self.max_streams = max_streams
        self._speech: np.ndarray | None = None
        self._loaded = False
        self._loading = asyncio.Lock()
        self._tasks: dict[str, asyncio.Task] = {}  # by device: one call per device at a time
        self.sessions: list[str] = []  # every session opened, in order

    def streaming(self, device_id: str) -> bool:
        """True while ``device_id`` streams."""
        return device_id in self._tasks

    def start(self, device_id: str) -> bool:
        """Stream for ``device_id`` in the background; False if it already streams or too many do."""
        if device_id in self._tasks:
            return False
        if len(self._tasks) >= self.max_streams:
            log.info("no ambient audio for %s: %d devices already stream", device_id, len(self._tasks))
            return False
        task = asyncio.ensure_future(self._guarded(device_id))
        self._tasks[device_id] = task
        task.add_done_callback(lambda _t: self._tasks.pop(device_id, None))
        return True

    async def close(self) -> None:
        """Stop every stream; each session is ended by command (else by silence at the central)."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _guarded(self, device_id: str) -> None:
        # The demo's audio is an extra: whatever goes wrong, the simulator carries on.
        try:
            await self._stream(device_id)
        except asyncio.CancelledError:
            raise
        except Exception as e:
            log.warning("ambient audio for %s stopped: %s: %s", device_id, type(e).__name__, e)

    async def _audio(self) -> np.ndarray | None:
        async with self._loading:  # two activations at once synthesise once
            if not self._loaded:
                self._speech = await asyncio.to_thread(speech)
                self._loaded = True
                if self._speech is None:
                    log.warning("no ambient speech (espeak-ng missing or failed): the demo's "
                                "activations carry no ambient audio")
        return self._speech

    async def _stream(self, device_id: str) -> None:
        audio = await self._audio()
        if audio is None:
            return
        # The port the RTP leaves from, bound first: the session is opened for it alone.
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(_Udp, local_addr=("0.0.0.0", 0))
        try:
            await self._open_and_send(device_id, audio, transport)
        finally:
            transport.close()

    async def _open_and_send(self, device_id: str, audio: np.ndarray,
                             transport: asyncio.DatagramTransport) -> None:
        source_port = transport.get_extra_info("sockname")[1]
        try:
            async with self.http.post(f"{self.api}/audio-sessions", headers=await self.headers(),
                                      json={"device_id": device_id, "codec": "L16/8000",
                                            "source_port": source_port},
                                      timeout=_TIMEOUT) as r:
                body = await r.json(content_type=None)
                if r.status != 201 or not isinstance(body, dict):
                    said = body.get("error") if isinstance(body, dict) else body
                    log.warning("audio session for %s refused (HTTP %d): %s", device_id, r.status, said)
                    return
        except asyncio.CancelledError:
            raise
        except Exception as e:  # the central is restarting or has audio off: no audio this time
            log.warning("audio session for %s not opened: %s", device_id, e or type(e).__name__)
            return
        sid, host, port = body["session_id"], body["host"], body["udp_port"]
        self.sessions.append(sid)
        log.info("ambient audio for %s: session %s, RTP L16 to %s:%d", device_id, sid, host, port)
        try:
            await self._send(transport, audio, (host, port))
        finally:
            try:
                async with self.http.post(f"{self.api}/audio-sessions/{sid}/end",
                                          headers=await self.headers(), timeout=_TIMEOUT) as r:
                    await r.read()
                log.info("ambient audio for %s: session %s ended", device_id, sid)
            except Exception as e:
                log.info("audio session %s not ended by command (%s); it ends by silence", sid, e)

    async def _send(self, transport: asyncio.DatagramTransport, audio: np.ndarray,
                    to: tuple[str, int]) -> None:
        ssrc, seq, ts = random.getrandbits(32), random.getrandbits(16), random.getrandbits(32)
        pause = np.zeros(RATE, dtype=np.int16)  # a second between repetitions
        stream = np.concatenate([audio, pause])
        head = struct.Struct("!BBHII")
        start = time.monotonic()
        for i in range(int(self.seconds * RATE / PACKET)):
            delay = start + i * PACKET / RATE - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            pos = (i * PACKET) % (len(stream) - PACKET)
            payload = stream[pos:pos + PACKET].astype(">i2").tobytes()
            transport.sendto(head.pack(0x80, L16_PT, (seq + i) & 0xFFFF, (ts + i * PACKET) & 0xFFFFFFFF,
                                       ssrc) + payload, to)


async def _main(api: str, user: str, password: str, device: str, seconds: float) -> int:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{api.rstrip('/')}/api/v1/auth/login",
                             json={"username": user, "password": password}) as r:
            body = await r.json()
            if r.status != 200:
                log.error("login as %s refused: %s", user, body.get("error"))
                return 1
        token = body["token"]

        async def headers() -> dict[str, str]:
            return {"Authorization": f"Bearer {token}"}

        ambient = AmbientAudio(http, f"{api.rstrip('/')}/api/v1", headers, seconds=seconds)
        await ambient._stream(device)
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m c4console.demo.ambient --api URL DEVICE``: stream the demo speech once."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m c4console.demo.ambient",
                                description="stream demo ambient audio for a panic device")
    p.add_argument("--api", required=True, help="the central's API URL")
    p.add_argument("--user", default=DEMO_AUDIO_GATEWAY,
                   help="the gateway's service account (role audio_gateway; default pasarela)")
    p.add_argument("--password-file", type=Path, help="first line: the password (default: demo-c4)")
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument("device", help="the panic device id")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    password = read_password_file(args.password_file) if args.password_file else DEMO_PASSWORD
    return asyncio.run(_main(args.api, args.user, password, args.device, args.seconds))


if __name__ == "__main__":
    raise SystemExit(main())
