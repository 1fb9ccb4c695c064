"""Console side of the recordings: the central's replay endpoints and the offline cache.

:class:`RecordingsApi` lists recordings, fetches a recording's verified WAV (the
central refuses a tampered one with 409 and its report), its verification report
and its manifest. :class:`RecordingCache` keeps downloaded recordings in the
console's data folder — ``ID.wav``, ``ID.manifest.jsonl`` and ``ID.json`` (the
listing row and the verification report the central gave when it was fetched) —
bounded in size, least recently replayed evicted first, so a cached recording
replays with the central unreachable.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from c4console.platform_support import private_dir, write_private

log = logging.getLogger(__name__)

Headers = Callable[[], Awaitable[dict[str, str]]]
SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
DEFAULT_CACHE_MB = 500


async def _no_headers() -> dict[str, str]:
    return {}


class RecordingRefused(RuntimeError):
    """The central refused a recording request: ``status`` (403, 404, 409 …), its ``body``."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(str(body.get("error") or f"HTTP {status}"))
        self.status = status
        self.body = body

    @property
    def reason(self) -> str:
        """The central's reason code (``forbidden``, ``verification_failed`` …)."""
        return str(self.body.get("reason") or "")

    @property
    def verification(self) -> dict[str, Any] | None:
        """The verification report that made the central refuse, if that was why."""
        v = self.body.get("verification")
        return v if isinstance(v, dict) else None


class RecordingsApi:
    """``/api/v1/recordings`` and the replay endpoints of one central."""

    def __init__(self, base_url: str, http: aiohttp.ClientSession, headers: Headers | None = None,
                 timeout_s: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = http
        self.headers = headers or _no_headers
        self.timeout = aiohttp.ClientTimeout(total=timeout_s)

    async def _get(self, path: str, **params: str) -> aiohttp.ClientResponse:
        r = await self.http.get(f"{self.base_url}{path}", params=params, headers=await self.headers(),
                                timeout=self.timeout)
        if r.status >= 400:
            try:
                body = await r.json(content_type=None)
            except ValueError:
                body = {"error": (await r.text())[:300]}
            r.release()
            raise RecordingRefused(r.status, body if isinstance(body, dict) else {"error": str(body)})
        return r

    async def list(self, limit: int = 500, incident_id: str | None = None) -> list[dict[str, Any]]:
        """The recordings, newest first."""
        params = {"limit": str(limit)}
        if incident_id:
            params["incident_id"] = incident_id
        async with await self._get("/api/v1/recordings", **params) as r:
            return list((await r.json())["recordings"])

    async def verification(self, session_id: str, purpose: str = "") -> dict[str, Any]:
        """The central's verification report of a recording (``ok``, ``problems``, ``text`` …);
        ``purpose="export"`` tells the central (and its audit log) it precedes an export."""
        params = {"purpose": purpose} if purpose else {}
        async with await self._get(f"/api/v1/recordings/{session_id}/verification", **params) as r:
            return await r.json()

    async def audio(self, session_id: str) -> tuple[bytes, dict[str, str]]:
        """The verified WAV and the central's ``X-C4-*`` headers; RecordingRefused if refused."""
        async with await self._get(f"/api/v1/recordings/{session_id}/audio") as r:
            headers = {k: v for k, v in r.headers.items() if k.lower().startswith("x-c4-")}
            return await r.read(), headers

    async def manifest(self, session_id: str) -> bytes:
        """The recording's hash-chain manifest, as stored at the central."""
        async with await self._get(f"/api/v1/recordings/{session_id}/manifest") as r:
            return await r.read()


@dataclass(frozen=True)
class CachedRecording:
    """One recording in the cache."""

    session_id: str
    wav: Path
    manifest: Path
    meta: dict[str, Any]
    size: int
    last_used: float


class RecordingCache:
    """Recordings on this workstation, at most ``limit_bytes`` in all (LRU eviction).

    The access time is the ``.json`` file's modification time, touched at each use.
    Blocking file I/O: call it off the event loop for big files.
    """

    def __init__(self, folder: Path, limit_bytes: int = DEFAULT_CACHE_MB << 20) -> None:
        self.folder = folder
        self.limit_bytes = int(limit_bytes)
        private_dir(folder)

    def _paths(self, sid: str) -> tuple[Path, Path, Path]:
        if not SAFE_ID.match(sid):
            raise ValueError(f"not a recording id: {sid!r}")
        return (self.folder / f"{sid}.wav", self.folder / f"{sid}.manifest.jsonl",
                self.folder / f"{sid}.json")

    def get(self, sid: str, touch: bool = True) -> CachedRecording | None:
        """The cached recording (marked as just used), or None."""
        try:
            wav, manifest, meta_path = self._paths(sid)
        except ValueError:
            return None
        if not (wav.is_file() and meta_path.is_file()):
            return None
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if touch:
            now = time.time()
            os.utime(meta_path, (now, now))
        size = wav.stat().st_size + (manifest.stat().st_size if manifest.is_file() else 0)
        return CachedRecording(sid, wav, manifest, meta, size, meta_path.stat().st_mtime)

    def contains(self, sid: str) -> bool:
        """True if the recording is cached (does not count as a use)."""
        return self.get(sid, touch=False) is not None

    def put(self, sid: str, wav: bytes, manifest: bytes, meta: dict[str, Any]) -> CachedRecording:
        """Store a recording (replacing an older copy), then evict down to the limit."""
        wav_path, manifest_path, meta_path = self._paths(sid)
        for path, data in ((wav_path, wav), (manifest_path, manifest),
                           (meta_path, json.dumps(meta, indent=1).encode("utf-8"))):
            tmp = path.with_name(f".{path.name}.tmp")
            write_private(tmp, data)
            os.replace(tmp, path)  # the meta file last: a recording counts once it is complete
        self.evict(keep=sid)
        got = self.get(sid)
        if got is None:
            raise OSError(f"recording {sid} is larger than the whole cache ({self.limit_bytes} bytes)")
        return got

    def entries(self) -> list[CachedRecording]:
        """Every cached recording, most recently used first."""
        out = [c for c in (self.get(p.stem, touch=False) for p in self.folder.glob("*.json")) if c]
        return sorted(out, key=lambda c: c.last_used, reverse=True)

    def total_bytes(self) -> int:
        """Bytes the cached recordings take."""
        return sum(c.size for c in self.entries())

    def remove(self, sid: str) -> None:
        """Drop one recording from the cache."""
        for path in self._paths(sid):
            path.unlink(missing_ok=True)

    def evict(self, keep: str | None = None) -> list[str]:
        """Remove least recently used recordings until the cache fits its limit; their ids.

        ``keep`` (the one just stored) goes only if it alone is over the limit.
        """
        entries = self.entries()
        total = sum(c.size for c in entries)
        removed = []
        for c in sorted(entries, key=lambda c: (c.session_id == keep, c.last_used)):
            if total <= self.limit_bytes:
                break
            self.remove(c.session_id)
            total -= c.size
            removed.append(c.session_id)
            log.info("recording cache: %s evicted (limit %d MB)", c.session_id, self.limit_bytes >> 20)
        return removed
