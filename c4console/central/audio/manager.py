"""Audio sessions at the central: open, relay, checkpoint, end — the asyncio side.

The manager lives on the event loop. It binds a UDP port per session, records
the binding in the database (through the service's writer, one short
transaction), and hands the session to the :class:`AudioWorker`. Sessions end
by command, after ``silence_timeout_s`` without packets, or at shutdown; a
session left ``live`` by a central that died is closed as ``interrupted`` at
the next start.

A session for a device with no open incident waits for her alarm (audio/binding.py,
audio/alarm_wait.py): when it is bound — by her data alarm, or by the central after the
wait — the manager *adopts* the binding: the live session's description names the incident
and the recording's manifest gets an ``incident`` line (chained like the others).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from c4console.central.audio import alarm_wait, binding, queries
from c4console.central.audio import tables as at
from c4console.central.audio.codecs import Codec, codec_for
from c4console.central.audio.manifest import MANIFEST, ManifestWriter
from c4console.central.audio.recorder import SegmentRecorder
from c4console.central.audio.session import LiveSession, SessionInfo
from c4console.central.audio.srtp import SUITE as SRTP_SUITE
from c4console.central.audio.srtp import SrtpReceiver, new_offer
from c4console.central.audio.udp import SessionPort
from c4console.central.audio.worker import AudioWorker
from c4console.central.crypto.keys import MediaKeys
from c4console.central.queries import Reader
from c4console.central.queries import incident as incident_row
from c4console.central.service import Service
from c4console.central.tasks import cancel_and_wait
from c4console.core.access import AUDIO_SESSION_END
from c4console.core.audio_frame import encode_frame
from c4console.core.changes import Change
from c4console.platform_support import private_dir

log = logging.getLogger(__name__)

LISTENER_QUEUE = 100  # frames (2 s of 20 ms packets) a slow console may lag before frames are dropped


@dataclass
class AudioConfig:
    """Audio settings of ``c4central serve``."""

    recordings: Path
    host: str = "127.0.0.1"  # where session ports bind
    advertise_host: str = ""  # the address given to senders (default: ``host``)
    ports: tuple[int, int] | None = None  # inclusive range; None = ephemeral ports
    segment_s: float = 0.5
    jitter_s: float = 0.12
    silence_timeout_s: float = 20.0
    linger_s: float = 5.0  # an ended session's port stays bound this long, counting strays
    checkpoint_s: float = 5.0
    max_sessions: int = 500
    # A session with no open incident waits this long for her data alarm before the
    # central opens her activation from the audio (audio/alarm_wait.py).
    alarm_wait_s: float = alarm_wait.DEFAULT_WAIT_S
    alarm_check_s: float | None = None  # how often waiting sessions are checked (None: auto)
    # The media key file's keys: every segment is sealed with them (None: the central gives
    # its own at start, server.py; the manager refuses to record without keys).
    keys: MediaKeys | None = None


class AudioError(Exception):
    """A request the manager refuses: ``status`` is the HTTP status, the message says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Live:
    """Loop-side handle of a live session."""

    def __init__(self, session: LiveSession, port: SessionPort) -> None:
        self.session = session
        self.port = port
        self.listeners: set[asyncio.Queue] = set()
        self.done: asyncio.Future | None = None
        self.checkpointed_lines = 0
        self.relay_dropped = 0


class AudioManager:
    """Opens, follows and ends the audio sessions of one central."""

    def __init__(self, service: Service, reader: Reader, config: AudioConfig, server_id: str,
                 new_id: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
        if config.keys is None:
            raise ValueError("audio sessions need the media key file's keys (AudioConfig.keys): "
                             "recordings are sealed at rest")
        self.keys: MediaKeys = config.keys
        self.service = service
        self.reader = reader
        self.config = config
        self.server_id = server_id
        self.new_id = new_id
        self.worker = AudioWorker(config.silence_timeout_s, self._on_timeout)
        self._live: dict[str, _Live] = {}
        self._ports_in_use: set[int] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task] = set()
        self._checkpointer: asyncio.Task | None = None
        self._lingering: set[SessionPort] = set()
        # Sessions recorded here that ended while waiting for her alarm: their manifest
        # still gets its incident line when they are bound.
        self._ended_waiting: set[str] = set()
        self.alarm_wait = alarm_wait.AlarmWait(
            write=service.write, read=reader.run, clock=lambda: service.clock(),
            opener=lambda tx, wait_s: alarm_wait.open_overdue(
                tx, wait_s, catalogue=service.catalogue, locate=service.locate, new_id=self.new_id),
            wait_s=config.alarm_wait_s, check_s=config.alarm_check_s,
            on_waiting=self._still_waiting)

    # --- lifecycle ------------------------------------------------------------------------
    async def start(self) -> None:
        """Close sessions a previous run left live, then start the worker and the checkpoints."""
        self._loop = asyncio.get_running_loop()
        private_dir(self.config.recordings)
        self.worker.start()
        await self._close_interrupted()
        self._checkpointer = asyncio.ensure_future(self._checkpoint_loop())
        self.service.add_listener(self._on_commit)
        self.alarm_wait.start()
        log.info("audio: recordings in %s, ports on %s (%s), %.1f s segments, silence timeout %.0f s, "
                 "a session with no open incident waits %.0f s for her alarm",
                 self.config.recordings, self.config.host,
                 _ports_text(self.config.ports),
                 self.config.segment_s, self.config.silence_timeout_s, self.config.alarm_wait_s)

    async def stop(self) -> None:
        """End every live session (reason ``shutdown``), release the ports, stop the threads."""
        await self.alarm_wait.stop()
        for sid in list(self._live):
            with contextlib.suppress(Exception):
                await self.end(sid, "shutdown", actor="central")
        await cancel_and_wait(self._checkpointer)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for port in list(self._lingering):
            port.close()
        self._lingering.clear()
        await asyncio.get_running_loop().run_in_executor(None, self.worker.stop)

    # --- sessions -----------------------------------------------------------------------
    async def create(self, device_id: str, codec_name: str, *, payload_type: int | None = None,
                     sample_rate: int | None = None, actor: str = "", source: str = "",
                     role: str | None = None, source_host: str | None = None,
                     source_port: int | None = None, srtp: bool = False) -> dict[str, Any]:
        """Open a session for ``device_id``; returns its description (with ``udp_port``).

        ``source`` is the caller's address; the RTP is accepted only from ``source_host``
        (default: the caller's address) and ``source_port`` (default: the port of the
        first packet from that host). ``role`` is the caller's (None: the central itself).
        With ``srtp`` the session takes SRTP only, and the description carries its master
        key (``srtp``: suite and base64 key) — this answer only, for its creator.
        """
        if not isinstance(device_id, str) or not device_id.strip():
            raise AudioError(400, "field 'device_id' must be a non-empty string")
        gateway_host = _source_host(source_host if source_host is not None else source)
        if source_port is not None and not 0 < source_port < 65536:
            raise AudioError(400, f"field 'source_port' must be a UDP port (1-65535), not {source_port}")
        try:
            codec = codec_for(codec_name, payload_type, sample_rate)
        except ValueError as e:
            raise AudioError(400, str(e)) from None
        if len(self._live) >= self.config.max_sessions:
            raise AudioError(503, f"{len(self._live)} audio sessions are live, the most this central "
                                  "takes; end one or raise the limit")
        session_id = self.new_id()
        port = await self._bind(session_id)
        now = time.time()
        folder_rel = f"{datetime.fromtimestamp(now, UTC):%Y-%m-%d}/{session_id}"
        folder = self.config.recordings / folder_rel
        row = {"id": session_id, "device_id": device_id.strip(), "codec": codec.name,
               "payload_type": codec.payload_type, "sample_rate": codec.rate,
               "host": self.advertised_host, "udp_port": port.port_number, "status": at.LIVE,
               "server_id": self.server_id, "folder": folder_rel, "started_at": now}
        try:
            bound = await self.service.write(lambda tx: binding.open_session(
                tx, row, actor=actor or "gateway", source=source, role=role, new_id=self.new_id))
        except binding.SessionRefused as e:
            port.close()
            self._ports_in_use.discard(port.port_number)
            raise AudioError(e.status, str(e)) from None
        except BaseException:
            port.close()
            self._ports_in_use.discard(port.port_number)
            raise
        info = SessionInfo(session_id, row["device_id"], bound.beneficiary_id, bound.incident_id,
                           bound.folio, codec, self.advertised_host, port.port_number, folder_rel, now,
                           self.server_id, gateway_host, source_port, srtp)
        manifest = await asyncio.wrap_future(self.worker.submit_io(lambda: self._begin(folder, info)))
        recorder = SegmentRecorder(folder, manifest, codec.rate, self.config.segment_s,
                                   self.worker.submit_io, keys=self.keys, session_id=session_id)
        offer = new_offer() if srtp else None
        session = LiveSession(info, recorder, jitter_s=self.config.jitter_s, relay=self._relay,
                              started_mono=time.monotonic(), on_foreign=self._on_foreign,
                              srtp=SrtpReceiver(offer) if offer is not None else None,
                              on_srtp_refused=self._on_srtp_refused)
        live = _Live(session, port)
        self._live[session_id] = live
        await asyncio.wrap_future(self.worker.call(lambda: self.worker.sessions.__setitem__(
            session_id, session)))
        port.session = session  # from now on its datagrams go to the worker
        log.info("audio session %s: device %s, incident %s, %s on UDP %s:%d from %s:%s", session_id,
                 device_id, bound.folio or "(waiting for her alarm)", codec.label, self.config.host,
                 port.port_number, gateway_host, source_port or "(its first packet's port)")
        if offer is None:
            return self.describe(live)
        log.info("audio session %s takes SRTP only (%s; its key goes to its creator only)",
                 session_id, SRTP_SUITE)
        return {**self.describe(live), "srtp": offer.answer()}

    async def end(self, session_id: str, reason: str, *, actor: str = "",
                  role: str | None = None) -> dict[str, Any]:
        """End a live session: flush, close its last segment and the manifest, record the end.

        ``role`` is the caller's (None: the central itself): the gateway, the shift's leads
        and the incident's owner may end a live recording; anyone else gets 403.
        """
        live = self._live.get(session_id)
        if live is None:
            raise AudioError(404 if await self.row(session_id) is None else 409,
                             f"audio session {session_id} is not live")
        if role is not None and role not in AUDIO_SESSION_END:
            incident_id = live.session.info.incident_id
            incident = await self.reader.run(incident_row, incident_id) if incident_id else None
            owner = (incident or {}).get("owner") or ""
            if not owner or owner != actor:
                raise AudioError(403, f"role {role} may not end this recording: only the "
                                      f"incident's owner{f' ({owner})' if owner else ''}, the "
                                      "shift's leads and the gateway may")
        if live.done is None:
            live.done = asyncio.ensure_future(self._end(live, reason, actor or "central"))
        return await asyncio.shield(live.done)

    async def _end(self, live: _Live, reason: str, actor: str) -> dict[str, Any]:
        session = live.session
        if session.info.incident_id is None:
            self._ended_waiting.add(session.info.id)
        loop = asyncio.get_running_loop()
        written = loop.create_future()

        def on_worker() -> None:
            session.flush(time.monotonic())
            session.ending = True
            session.end_reason = reason
            self.worker.sessions.pop(session.info.id, None)
            end = {"type": "end", "reason": reason, "ended_at": time.time(),
                   "packets": session.packets, "lost": session.jitter.lost,
                   "concealed_samples": session.jitter.concealed_samples,
                   "dropped": dict(session.dropped), "ssrc": session.tracker.ssrc,
                   "foreign_packets": session.foreign, "srtp_refused": session.srtp_refused,
                   "rtp_source": {"host": session.info.source_host, "port": session.source_port}}
            session.recorder.finish(end, done=lambda: loop.call_soon_threadsafe(
                lambda: written.done() or written.set_result(None)))

        await asyncio.wrap_future(self.worker.call(on_worker))
        await written
        totals = session.recorder.totals
        values = {"status": at.ENDED, "ended_at": time.time(), "end_reason": reason,
                  "segments": totals.segments, "samples": totals.samples, "packets": session.packets,
                  "lost": session.jitter.lost, "chain_head": totals.head,
                  "chain_lines": totals.manifest_lines}
        try:
            await self.service.write(lambda tx: binding.end_session(
                tx, session.info.id, values, actor=actor, new_id=self.new_id))
        finally:
            self._live.pop(session.info.id, None)
            self._close_listeners(live)
            self._linger(live.port)
        log.info("audio session %s ended (%s): %.1f s in %d segments, %d packets, %d lost, dropped %s",
                 session.info.id, reason, totals.samples / session.info.codec.rate, totals.segments,
                 session.packets, session.jitter.lost, dict(session.dropped) or "none")
        return {**self.describe(live), "status": at.ENDED, "end_reason": reason}

    def _on_foreign(self, session: LiveSession, source: Any) -> None:
        """Worker thread: a new foreign source sent to a session's port: a security event."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._spawn, self._foreign_event(session.info.id, source))

    def _on_srtp_refused(self, session: LiveSession, source: Any) -> None:
        """Worker thread: the session's first datagram that failed SRTP authentication."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._spawn, self._foreign_event(
                session.info.id, source, "audio_srtp_refused",
                "failed SRTP authentication (plain RTP, or another key): dropped undecoded"))

    async def _foreign_event(self, session_id: str, source: Any, kind: str = "audio_foreign_source",
                             what: str = "not from its gateway: refused") -> None:
        where = f"{source[0]}:{source[1]}" if isinstance(source, tuple) else str(source)
        try:
            await self.service.write(lambda tx: tx.security_event(
                kind, f"RTP to audio session {session_id} from {where}, {what}", where))
        except Exception as e:
            log.warning("audio session %s: security event not written (%s)", session_id,
                        type(e).__name__)

    def _on_timeout(self, session: LiveSession) -> None:
        """Worker thread: a session went silent; end it on the loop (once)."""
        if getattr(session, "timeout_requested", False) or self._loop is None:
            return
        session.timeout_requested = True  # type: ignore[attr-defined]
        silent = session.silent_for(time.monotonic())
        reason = f"silence: no audio for {silent:.0f} s"
        self._loop.call_soon_threadsafe(self._spawn, self._end_quietly(session.info.id, reason))

    async def _end_quietly(self, session_id: str, reason: str) -> None:
        try:
            await self.end(session_id, reason, actor="central")
        except AudioError:
            pass  # already ended by command meanwhile
        except Exception:
            log.exception("audio session %s: ending after silence failed", session_id)

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- sessions bound after they started (waiting for her alarm) ---------------------------
    def _on_commit(self, changes: list[Change]) -> None:
        """Writer thread, after each commit of this node: a waiting session was bound."""
        loop = self._loop
        if loop is None:
            return
        for change in changes:
            data = change.data or {}
            extra = data.get("data") or {}
            if (change.entity == "event" and data.get("kind") == "audio_started"
                    and extra.get("waited_for_alarm") and extra.get("session_id")):
                try:
                    loop.call_soon_threadsafe(self._spawn, self.adopt(str(extra["session_id"])))
                except RuntimeError:
                    return  # the loop is closed: the central is stopping

    async def _still_waiting(self, waiting: set[str]) -> None:
        """At each wait check: sessions recorded here that no longer wait were bound
        (maybe by another node): adopt them."""
        for sid, live in list(self._live.items()):
            if live.session.info.incident_id is None and sid not in waiting:
                await self.adopt(sid)
        for sid in list(self._ended_waiting - waiting):
            await self.adopt(sid)

    async def adopt(self, session_id: str) -> None:
        """A session recorded here was bound to her incident: say so in its description and
        append an ``incident`` line to its manifest (after the segments so far)."""
        row = await self.row(session_id)
        if row is None or row.get("incident_id") is None:
            return
        entry = {"type": "incident", "incident_id": row["incident_id"], "folio": row["folio"],
                 "beneficiary_id": row["beneficiary_id"], "bound_at": time.time()}
        live = self._live.get(session_id)
        if live is not None and live.session.info.incident_id is None and live.done is None:
            session = live.session
            noted = await asyncio.wrap_future(self.worker.call(lambda: session.recorder.note(entry)))
            if noted:
                session.info = replace(session.info, incident_id=row["incident_id"],
                                       folio=row["folio"], beneficiary_id=row["beneficiary_id"])
                log.info("audio session %s: bound to incident %s", session_id, row["folio"])
                return
        if live is not None and live.done is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(live.done)  # its end line first, then the incident line
        if session_id not in self._ended_waiting:
            return  # noted while live, or not recorded here
        self._ended_waiting.discard(session_id)
        folder = self.config.recordings / row["folder"]

        def append() -> tuple[str, int] | None:
            if not (folder / MANIFEST).is_file():
                return None
            manifest = ManifestWriter.resume(folder)
            sealed = manifest.append(entry)
            return sealed["hash"], manifest.n

        written = await asyncio.wrap_future(self.worker.submit_io(append))
        if written is None:
            log.error("audio session %s: bound to incident %s, but its recording folder is not "
                      "here: the manifest does not say so", session_id, row["folio"])
            return
        head, lines = written
        await self.service.write(lambda tx: binding.checkpoint(
            tx, [{"id": session_id, "chain_head": head, "chain_lines": lines}]))
        log.info("audio session %s (ended): bound to incident %s", session_id, row["folio"])

    # --- reads ---------------------------------------------------------------------------
    @property
    def advertised_host(self) -> str:
        """The host senders are told to send to."""
        host = self.config.advertise_host or self.config.host
        return "127.0.0.1" if host in ("0.0.0.0", "") else host

    def live_ids(self) -> list[str]:
        """Ids of the live sessions."""
        return list(self._live)

    def describe(self, live: _Live) -> dict[str, Any]:
        """A live session as the API shows it."""
        i = live.session.info
        return {"session_id": i.id, "device_id": i.device_id, "beneficiary_id": i.beneficiary_id,
                "incident_id": i.incident_id, "folio": i.folio, "codec": i.codec.name,
                "payload_type": i.codec.payload_type, "sample_rate": i.codec.rate, "host": i.host,
                "udp_port": i.udp_port, "status": at.LIVE, "started_at": i.started_at,
                "elapsed_s": round(time.time() - i.started_at, 1), "server_id": i.server_id,
                "folder": i.folder, "relay_dropped": live.relay_dropped,
                "source_host": i.source_host, "source_port": live.session.source_port,
                "srtp_suite": SRTP_SUITE if i.srtp else None,
                "waiting_for_alarm": i.incident_id is None, **live.session.stats()}

    def describe_id(self, session_id: str) -> dict[str, Any] | None:
        """The live description of a session, or None if it is not live here."""
        live = self._live.get(session_id)
        return self.describe(live) if live is not None else None

    async def row(self, session_id: str) -> dict[str, Any] | None:
        """The stored row of a session (live or not), or None."""
        return await self.reader.run(queries.session_row, session_id)

    def stats(self) -> dict[str, Any]:
        """Process-wide counters."""
        return {"live": len(self._live), "overload": self.worker.overload,
                "no_session": self.worker.unbound}

    # --- listening -----------------------------------------------------------------------
    def listen(self, session_id: str) -> asyncio.Queue | None:
        """A queue of this session's frames for one console, or None if it is not live."""
        live = self._live.get(session_id)
        if live is None or live.done is not None:
            return None
        q: asyncio.Queue = asyncio.Queue(LISTENER_QUEUE)
        live.listeners.add(q)
        live.session.listeners = len(live.listeners)
        return q

    def unlisten(self, session_id: str, q: asyncio.Queue) -> None:
        """Forget one console's queue."""
        live = self._live.get(session_id)
        if live is not None:
            live.listeners.discard(q)
            live.session.listeners = len(live.listeners)

    def _relay(self, session: LiveSession, frame: bytes) -> None:
        """Worker thread: hand a frame to the loop for the listening consoles."""
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(self._fanout, session.info.id, frame)

    def _fanout(self, session_id: str, frame: bytes) -> None:
        live = self._live.get(session_id)
        if live is None:
            return
        for q in live.listeners:
            try:
                q.put_nowait(frame)
            except asyncio.QueueFull:
                # A console that cannot keep up loses frames (its jitter buffer conceals them);
                # the recording never depends on it.
                live.relay_dropped += 1

    def close_all_listeners(self) -> None:
        """Close every console's listen WebSocket (the API is shutting down; recording goes on)."""
        for live in self._live.values():
            for q in live.listeners:
                with contextlib.suppress(asyncio.QueueFull):
                    q.put_nowait(None)

    def _close_listeners(self, live: _Live) -> None:
        rate = live.session.info.codec.rate
        end = encode_frame(0, time.time(), time.time(), live.session.recorder.position, rate, b"", end=True)
        for q in live.listeners:
            with contextlib.suppress(asyncio.QueueFull):
                q.put_nowait(end)
            with contextlib.suppress(asyncio.QueueFull):
                q.put_nowait(None)  # tells the sender to close the WebSocket
        live.listeners.clear()
        live.session.listeners = 0

    # --- ports ---------------------------------------------------------------------------
    async def _bind(self, session_id: str) -> SessionPort:
        loop = asyncio.get_running_loop()
        host = self.config.host
        candidates: list[int] = [0]
        if self.config.ports is not None:
            lo, hi = self.config.ports
            candidates = [p for p in range(lo, hi + 1) if p not in self._ports_in_use]
        last_error: OSError | None = None
        for port in candidates:
            try:
                transport, proto = await loop.create_datagram_endpoint(
                    lambda: SessionPort(self.worker, f"{host}:?"), local_addr=(host, port))
            except OSError as e:
                last_error = e
                continue
            number = transport.get_extra_info("sockname")[1]
            proto.port_label = f"{host}:{number} (session {session_id})"
            proto.port_number = number  # type: ignore[attr-defined]
            self._ports_in_use.add(number)
            return proto
        where = ("an ephemeral port" if self.config.ports is None
                 else f"a port in {_ports_text(self.config.ports)}")
        raise AudioError(503, f"cannot bind {where} on {host} for the audio session: "
                              f"{last_error or 'all ports in use'}")

    def _linger(self, port: SessionPort) -> None:
        """Keep an ended session's port bound a little: stray packets are counted, not refused by ICMP."""
        self._lingering.add(port)

        def release() -> None:
            port.close()
            self._lingering.discard(port)
            self._ports_in_use.discard(getattr(port, "port_number", -1))

        assert self._loop is not None
        self._loop.call_later(self.config.linger_s, release)

    # --- files and checkpoints -------------------------------------------------------------
    def _begin(self, folder: Path, info: SessionInfo) -> ManifestWriter:
        """I/O thread: create the session folder and write manifest line 0."""
        private_dir(folder)
        manifest = ManifestWriter(folder)
        manifest.append(session_header(info, self.config.segment_s))
        return manifest

    async def _checkpoint_loop(self) -> None:
        while True:
            await asyncio.sleep(self.config.checkpoint_s)
            try:
                await self.checkpoint()
            except asyncio.CancelledError:
                raise
            except Exception as e:
                log.warning("audio checkpoint failed (%s: %s); the next one retries", type(e).__name__, e)

    async def checkpoint(self) -> None:
        """Store the chain head and counters of every live session that moved on."""
        rows = []
        for live in list(self._live.values()):
            t = live.session.recorder.totals
            if t.manifest_lines != live.checkpointed_lines and live.done is None:
                rows.append((live, t.manifest_lines, {
                    "id": live.session.info.id, "segments": t.segments, "samples": t.samples,
                    "packets": live.session.packets, "lost": live.session.jitter.lost,
                    "chain_head": t.head, "chain_lines": t.manifest_lines}))
        if not rows:
            return
        await self.service.write(lambda tx: binding.checkpoint(tx, [r for _, _, r in rows]))
        for live, lines, _ in rows:
            live.checkpointed_lines = lines

    async def _close_interrupted(self) -> None:
        """Sessions this server left live when it died: close their manifests and rows."""
        stale = [r for r in await self.reader.run(queries.sessions, at.LIVE, 1000)
                 if r["server_id"] == self.server_id]
        reason = ("interrupted: the central stopped without ending the session (crash or power "
                  "loss); recorded up to the last closed segment")
        for row in stale:
            folder = self.config.recordings / row["folder"]

            def close_files(folder: Path = folder, row: dict = row) -> tuple[int, int, str, int]:
                if not folder.is_dir():
                    return 0, 0, "", 0
                manifest = ManifestWriter.resume(folder)
                segments, samples = _count_segments(folder)
                sealed = manifest.append({"type": "end", "reason": reason, "ended_at": time.time(),
                                          "segments": segments, "samples": samples})
                return segments, samples, sealed["hash"], manifest.n

            segments, samples, head, lines = await asyncio.wrap_future(self.worker.submit_io(close_files))
            values = {"status": at.INTERRUPTED, "ended_at": time.time(), "end_reason": reason[:200],
                      "segments": segments, "samples": samples, "chain_head": head, "chain_lines": lines}
            await self.service.write(lambda tx, r=row, v=values: binding.end_session(
                tx, r["id"], v, actor="central", new_id=self.new_id))
            if row["incident_id"] is None:
                self._ended_waiting.add(row["id"])  # its alarm is opened at the wait
            log.warning("audio session %s (device %s) was left live by a previous run: closed as "
                        "interrupted with %d segments", row["id"], row["device_id"], segments)


def _source_host(host: Any) -> str:
    """The gateway's address as an IP literal; AudioError 400 if it is not one."""
    try:
        return str(ipaddress.ip_address(str(host or "").strip()))
    except ValueError:
        raise AudioError(400, f"field 'source_host' must be the IP address the gateway sends its "
                              f"RTP from, not {str(host)[:64]!r}") from None


def _ports_text(ports: tuple[int, int] | None) -> str:
    return "ephemeral" if ports is None else f"{ports[0]}-{ports[1]}"


def session_header(info: SessionInfo, segment_s: float) -> dict[str, Any]:
    """Manifest line 0: the chain-of-custody metadata of the session."""
    codec: Codec = info.codec
    return {"type": "session", "session_id": info.id, "device_id": info.device_id,
            "beneficiary_id": info.beneficiary_id, "incident_id": info.incident_id,
            "folio": info.folio, "codec": codec.name, "payload_type": codec.payload_type,
            "sample_rate": codec.rate, "format": "WAV PCM 16-bit mono", "segment_s": segment_s,
            # Each segment file is sealed (crypto/sealed.py); "sha256" is of its plaintext WAV.
            "at_rest": "AES-256-GCM",
            "server_id": info.server_id, "host": info.host, "udp_port": info.udp_port,
            "started_at": info.started_at,
            # Where the RTP may come from (anything else is refused and counted).
            "rtp_source": {"host": info.source_host, "port": info.source_port},
            # SRTP's suite when the session took SRTP only (never its key).
            **({"srtp_suite": SRTP_SUITE} if info.srtp else {}),
            # Her call came before her alarm: an ``incident`` line follows when it is bound.
            **({"waiting_for_alarm": True} if info.incident_id is None else {})}


def _count_segments(folder: Path) -> tuple[int, int]:
    """Segments and samples listed in a manifest (for closing an interrupted one)."""
    import json

    from c4console.central.audio.manifest import MANIFEST

    segments = samples = 0
    for line in (folder / MANIFEST).read_text(encoding="ascii").splitlines():
        entry = json.loads(line)
        if entry.get("type") == "segment":
            segments += 1
            samples += int(entry.get("samples", 0))
    return segments, samples
