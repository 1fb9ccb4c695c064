"""Her photos, voice notes and documents: downloaded from the Cloud API, checked, kept,
served to consoles.

- A ``chat_message`` she sent with a ``media_id`` (image, audio/voice, document, video,
  sticker) is announced as :class:`~c4console.core.domain_events.MediaReceived` and queues
  an outbox row in the message's own transaction (:meth:`MediaDownloads.on_media`);
  the text of her message is already committed with it and never waits for the download.
- The outbox worker downloads it (:meth:`MediaDownloads.attempt`): ``GET
  {api_base}/{media-id}`` with the bearer token answers ``{"url", "mime_type", "sha256",
  "file_size", "id"}``; ``GET url`` with the same token answers the bytes (the url is
  valid for minutes only, so each attempt asks for a fresh one). The size is checked
  against the limit before and while reading, the SHA-256 against the one Meta gave.
- The file is kept under the media folder as ``<sha256>.<ext>`` (written to a temporary
  name, synced, renamed: a reader never sees half a file), sealed with the media key
  (AES-256-GCM, crypto/sealed.py, its stored name as associated data: a file renamed to
  another's name does not open); ``<sha256>`` is of the plaintext, checked again when it
  is served. Files kept before encryption at rest are plaintext and still served. A
  ``chat_media`` event with
  ``ref`` (the message's event id), kind, MIME type, size, SHA-256 and the stored name
  tells consoles; a failed attempt is a ``chat_media`` event with status ``retry`` or
  ``failed``.
- ``GET /api/v1/media/<stored name>`` (any logged-in user) serves it, opened.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from c4console.central.crypto import sealed
from c4console.central.crypto.keys import KeyFileError, MediaKeys
from c4console.central.gateways.outbox import FAILED, PENDING, SENT, Item, OutboxWorker, Outcome, enqueue
from c4console.central.gateways.whatsapp_client import OUTBOUND, WhatsAppSettings
from c4console.central.records import Tx
from c4console.core.domain_events import MediaReceived
from c4console.core.models import TimelineEvent
from c4console.platform_support import private_dir, private_file

log = logging.getLogger(__name__)

CHANNEL = "media"
ACTOR = "gateway:whatsapp"
MEDIA_PATH = "/api/v1/media/{name}"
MAX_ANSWER = 300
CHUNK = 1 << 16
NAME = re.compile(r"^[0-9a-f]{64}\.[a-z0-9]{1,5}$")
EXTENSIONS = {
    "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif",
    "audio/ogg": "ogg", "audio/mpeg": "mp3", "audio/aac": "aac", "audio/mp4": "m4a",
    "audio/amr": "amr", "video/mp4": "mp4", "video/3gpp": "3gp", "application/pdf": "pdf",
    "text/plain": "txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
}
TYPES = {ext: mime for mime, ext in EXTENSIONS.items()}
KIND_WORDS = {"image": "imagen", "audio": "audio", "video": "video", "document": "documento"}


def media_kind(mime_type: str) -> str:
    """image | audio | video | document, by the MIME type."""
    major = mime_type.split("/", 1)[0]
    return major if major in ("image", "audio", "video") else "document"


class MediaError(Exception):
    """A download that did not work; ``retryable`` says whether another attempt may."""

    def __init__(self, message: str, retryable: bool) -> None:
        super().__init__(message[:MAX_ANSWER])
        self.retryable = retryable


@dataclass(frozen=True, slots=True)
class Downloaded:
    """A checked download."""

    data: bytes
    mime_type: str
    sha256: str


class MediaUnreadable(Exception):
    """A stored file that does not open or whose content is not its name's SHA-256."""


class MediaStore:
    """The media folder: files named by their (plaintext) SHA-256, sealed with ``keys``."""

    def __init__(self, folder: Path, keys: MediaKeys) -> None:
        self.folder = folder
        self.keys = keys

    def save(self, data: bytes, sha256: str, mime_type: str) -> str:
        """Keep ``data`` (whose digest is ``sha256``); returns the stored name."""
        name = f"{sha256}.{EXTENSIONS.get(mime_type.split(';')[0].strip(), 'bin')}"
        target = self.folder / name
        if target.exists():
            return name  # the same bytes again (content-addressed)
        private_dir(self.folder)
        tmp = self.folder / f".{name}.{uuid.uuid4().hex}.tmp"
        with tmp.open("wb") as f:
            writer = sealed.SealWriter(f, self.keys, sealed.MEDIA, name)
            writer.write(data)
            writer.close()
            f.flush()
            os.fsync(f.fileno())
        private_file(tmp)
        os.replace(tmp, target)
        return name

    def path(self, name: str) -> Path | None:
        """The file of a stored name (None if the name is not one or it is not there)."""
        if not NAME.match(name):
            return None
        path = self.folder / name
        return path if path.is_file() else None

    def read(self, name: str) -> bytes | None:
        """The plaintext of a stored file (None if there is none); MediaUnreadable if it
        does not open or is not the file its name says."""
        path = self.path(name)
        if path is None:
            return None
        with path.open("rb") as f:
            head = f.read(len(sealed.MAGIC))
            f.seek(0)
            try:
                data = (b"".join(sealed.iter_open(f, self.keys, sealed.MEDIA, name))
                        if sealed.is_sealed(head) else f.read())
            except (sealed.SealError, KeyFileError) as e:
                raise MediaUnreadable(f"{name} does not open: {e}") from None
        if hashlib.sha256(data).hexdigest() != name.split(".", 1)[0]:
            raise MediaUnreadable(f"{name}: its content is not the file its name says "
                                  "(modified or replaced)")
        return data


def _retryable(status: int | None) -> bool:
    return status is None or status == 429 or status >= 500


async def download(session: aiohttp.ClientSession, settings: WhatsAppSettings, media_id: str,
                   max_bytes: int) -> Downloaded:
    """Ask the Cloud API for the media's url, fetch it, check size and SHA-256."""
    headers = {"Authorization": f"Bearer {settings.token}"}
    try:
        async with session.get(f"{settings.api_base.rstrip('/')}/{media_id}",
                               headers=headers) as answer:
            body = await answer.text(errors="replace")
            if answer.status != 200:
                raise MediaError(f"GET media {media_id}: HTTP {answer.status} {body[:200]}",
                                 _retryable(answer.status))
        try:
            info = json.loads(body)
            url, mime, digest = str(info["url"]), str(info.get("mime_type", "")), str(info["sha256"])
            size = int(info.get("file_size") or 0)
        except (ValueError, KeyError, TypeError):
            raise MediaError(f"GET media {media_id}: not a media answer: {body[:200]}",
                             False) from None
        if size > max_bytes:
            raise MediaError(f"{size} bytes, more than the limit of {max_bytes}", False)
        async with session.get(url, headers=headers) as answer:
            if answer.status != 200:
                raise MediaError(f"GET media url: HTTP {answer.status}", _retryable(answer.status))
            chunks, total = [], 0
            async for chunk in answer.content.iter_chunked(CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise MediaError(f"more than the limit of {max_bytes} bytes", False)
                chunks.append(chunk)
    except asyncio.CancelledError:
        raise
    except MediaError:
        raise
    except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as e:
        raise MediaError(f"la API de WhatsApp no responde ({type(e).__name__}: {e})", True) from None
    data = b"".join(chunks)
    actual = hashlib.sha256(data).hexdigest()
    if actual != digest.strip().lower():
        # A transfer cut short or altered: another attempt downloads it again.
        raise MediaError(f"SHA-256 {actual[:12]}… is not the {digest[:12]}… Meta gave", True)
    return Downloaded(data, mime or answer.headers.get("Content-Type", ""), actual)


def _event(incident_id: str, text: str, data: dict[str, Any]) -> TimelineEvent:
    return TimelineEvent(str(uuid.uuid4()), incident_id, 0.0, "chat_media", ACTOR, text, data)


class MediaDownloads:
    """Queues, downloads and serves her media."""

    def __init__(self, settings: WhatsAppSettings, worker: OutboxWorker,
                 store: MediaStore | None) -> None:
        self.settings = settings
        self.worker = worker
        self.store = store
        self._session: aiohttp.ClientSession | None = None
        worker.register(CHANNEL, self.attempt)

    async def stop(self) -> None:
        """Close the HTTP session (after the outbox worker stopped)."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    # --- in the message's transaction (writer thread) ------------------------------

    def on_media(self, tx: Tx, m: MediaReceived) -> None:
        """Subscriber of :class:`MediaReceived`: queue its download in the message's transaction."""
        enqueue(tx, f"media:{m.event_id}", CHANNEL, m.incident_id,
                {"ref": m.event_id, "media_id": m.media_id, "mime_type": m.mime_type})
        self.worker.poke_after_commit()

    # --- the outbox worker ------------------------------------------------------------

    async def attempt(self, item: Item) -> Outcome:
        """One download of one message's media."""
        p = item.payload
        base = {"ref": p.get("ref", ""), "media_id": p.get("media_id", ""), "attempt": item.attempt}
        missing = self.settings.missing(OUTBOUND)
        why = (f"falta {', '.join(missing)}" if missing else
               "no hay carpeta de medios (C4_MEDIA_DIR)" if self.store is None else "")
        if why:
            return Outcome(FAILED, [_event(item.incident_id, f"WhatsApp: archivo NO descargado: "
                                                             f"{why}",
                                           {**base, "status": "failed", "error": why})], why)
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.settings.timeout_s * 4))
        try:
            got = await download(self._session, self.settings, str(p.get("media_id", "")),
                                 self.settings.media_max_bytes)
        except MediaError as e:
            return self._failed(item, base, str(e), e.retryable)
        assert self.store is not None
        try:
            name = await asyncio.get_running_loop().run_in_executor(
                None, self.store.save, got.data, got.sha256, got.mime_type)
        except OSError as e:
            return self._failed(item, base, f"no se pudo guardar: {e}", True)
        kind = media_kind(got.mime_type)
        info = {**base, "status": "stored", "kind": kind, "mime_type": got.mime_type,
                "size": len(got.data), "sha256": got.sha256, "stored": name,
                "url": MEDIA_PATH.format(name=name)}
        text = (f"WhatsApp: {KIND_WORDS[kind]} recibido ({got.mime_type}, "
                f"{len(got.data) / 1024:.1f} kB)")
        return Outcome(SENT, [_event(item.incident_id, text, info)])

    def _failed(self, item: Item, base: dict[str, Any], why: str, retryable: bool) -> Outcome:
        log.warning("incident %s: media %s attempt %d failed: %s", item.incident_id,
                    base["media_id"], item.attempt, why)
        if not retryable or item.attempt >= self.settings.attempts:
            return Outcome(FAILED, [_event(item.incident_id, f"WhatsApp: archivo NO descargado "
                                                             f"tras {item.attempt} intento(s): {why}",
                                           {**base, "status": "failed", "error": why})], why)
        delay = self.settings.backoff_s * 2 ** (item.attempt - 1)
        return Outcome(PENDING, [_event(item.incident_id, f"WhatsApp: descarga del archivo, intento "
                                                          f"{item.attempt} fallido ({why}); "
                                                          f"reintento en {delay:g} s",
                                        {**base, "status": "retry", "error": why,
                                         "retry_in_s": delay})], why, delay)

    # --- serving ----------------------------------------------------------------------

    async def serve(self, request: web.Request) -> web.StreamResponse:
        """GET /api/v1/media/{name}: a stored file (the API's login guards it)."""
        name = request.match_info["name"]
        if not NAME.match(name):
            return web.json_response({"error": "not a stored media name (<sha256>.<ext>)"},
                                     status=400)
        try:
            data = (await asyncio.to_thread(self.store.read, name)
                    if self.store is not None else None)
        except MediaUnreadable as e:
            log.error("media %s not served: %s", name, e)
            return web.json_response({"error": f"media {name} is damaged on this central and "
                                               "was not served"}, status=500)
        if data is None:
            return web.json_response({"error": f"no media {name} on this central"}, status=404)
        ext = name.rsplit(".", 1)[1]
        mime = TYPES.get(ext, "application/octet-stream")
        headers = {"Content-Type": mime, "X-Content-Type-Options": "nosniff",
                   "Cache-Control": "private, max-age=86400, immutable"}
        if media_kind(mime) != "image":
            headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return web.Response(body=data, headers=headers)


def add_media_route(app: web.Application, media: MediaDownloads) -> None:
    """Serve the stored media on the API application (behind the login)."""
    app.router.add_get(MEDIA_PATH, media.serve)
