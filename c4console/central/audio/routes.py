"""HTTP + WebSocket endpoints of the audio sessions (docs/protocol.md, "Live audio").

- ``POST /api/v1/audio-sessions`` ``{device_id, codec[, payload_type, sample_rate,
  source_host, source_port, srtp]}`` → 201 with the session (``session_id``, ``host``,
  ``udp_port`` …): the gateway's service account; supervisors and admins for a test
  activation. RTP is accepted only from ``source_host:source_port``. With ``"srtp": true``
  only SRTP (AES_CM_128_HMAC_SHA1_80) is taken, and this answer alone carries the
  session's master key and salt (``srtp``: ``{suite, key}``, base64).
- ``GET /api/v1/audio-sessions[?status=live|all]``, ``GET /api/v1/audio-sessions/{id}``
- ``POST /api/v1/audio-sessions/{id}/end``: the gateway, shift leads, the incident's owner
- ``GET /api/v1/audio-sessions/{id}/listen`` (WebSocket): a JSON ``audio_hello``, then one
  binary frame per packet (:mod:`c4console.core.audio_frame`)
- ``GET /api/v1/recordings`` (supervisors and administrators)

A session waiting for her alarm (``incident_id`` null, ``waiting_for_alarm``: her call
came before her data alarm) is listed, shown and heard only by the roles of the read
``waiting_audio`` (shift leads, supervisors, admins, the gateway); once bound it is her
incident's audio like any other.

The central's authentication middleware puts the caller in ``request[USER]``;
these handlers use its name as the actor and its role for the recordings list.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from c4console.central.api_auth import SOCKETS, USER, audit_request, presented_token
from c4console.central.audio import queries
from c4console.central.audio.manager import AudioError, AudioManager
from c4console.central.audio.replay_routes import add_replay_routes
from c4console.central.audit_reads import audit_read
from c4console.central.tasks import cancel_and_wait
from c4console.core.access import may_read, read_roles, sorted_read_roles

log = logging.getLogger(__name__)

HEARTBEAT_S = 20.0
MAX_RECORDINGS_LIMIT = 1000  # GET /recordings?limit= (each row is read and described)


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _actor(request: web.Request) -> tuple[str, str | None]:
    user = request.get(USER)
    return (getattr(user, "name", "") or "anonymous", getattr(user, "role", None))


def _sees_waiting(role: str | None) -> bool:
    """True if ``role`` may see sessions that wait for her alarm (None: the central itself)."""
    return role is None or may_read(role, "waiting_audio")


def _hidden(session: dict[str, Any], role: str | None) -> bool:
    """True for a session waiting for her alarm that ``role`` may not see."""
    return session.get("incident_id") is None and not _sees_waiting(role)


def _public(row: dict[str, Any]) -> dict[str, Any]:
    """A stored session row as the API shows it."""
    out = {k: v for k, v in row.items() if k not in ("id",)}
    out["session_id"] = row["id"]
    rate = row.get("sample_rate") or 8000
    out["duration_s"] = round((row.get("samples") or 0) / rate, 3)
    return out


class AudioRoutes:
    """Handlers bound to one :class:`AudioManager`."""

    def __init__(self, manager: AudioManager, heartbeat: float = HEARTBEAT_S) -> None:
        self.manager = manager
        self.heartbeat = heartbeat

    async def create(self, request: web.Request) -> web.Response:
        """POST /audio-sessions."""
        try:
            body = json.loads((await request.read()).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            return _error(400, f"body is not UTF-8 JSON ({e}); no session was opened")
        if not isinstance(body, dict):
            return _error(400, "body must be a JSON object {\"device_id\": …, \"codec\": …}")
        pt, rate, port = body.get("payload_type"), body.get("sample_rate"), body.get("source_port")
        for name, value in (("payload_type", pt), ("sample_rate", rate), ("source_port", port)):
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                return _error(400, f"field {name!r} must be an integer")
        host = body.get("source_host")
        if host is not None and not isinstance(host, str):
            return _error(400, "field 'source_host' must be a string (an IP address)")
        srtp = body.get("srtp", False)
        if not isinstance(srtp, bool):
            return _error(400, "field 'srtp' must be true or false")
        actor, role = _actor(request)
        try:
            session = await self.manager.create(body.get("device_id"), body.get("codec", "PCMU"),
                                                payload_type=pt, sample_rate=rate, actor=actor,
                                                source=request.remote or "", role=role or "",
                                                source_host=host, source_port=port, srtp=srtp)
        except AudioError as e:
            audit_request(request, "audio.session_create", "refused",
                          target={"device_id": body.get("device_id")}, detail={"error": str(e)})
            return _error(e.status, str(e))
        audit_request(request, "audio.session_create", "accepted",
                      target={k: session.get(k) for k in ("session_id", "device_id", "incident_id")},
                      detail={"srtp": srtp})
        return web.json_response(session, status=201)

    async def end(self, request: web.Request) -> web.Response:
        """POST /audio-sessions/{id}/end."""
        actor, role = _actor(request)
        try:
            ended = await self.manager.end(request.match_info["id"], f"ended by {actor}", actor=actor,
                                           role=role or "")
        except AudioError as e:
            audit_request(request, "audio.session_end", "refused",
                          target={"session_id": request.match_info["id"]}, detail={"error": str(e)})
            return _error(e.status, str(e))
        audit_request(request, "audio.session_end", "accepted",
                      target={"session_id": request.match_info["id"],
                              "incident_id": ended.get("incident_id")})
        return web.json_response(ended)

    async def list(self, request: web.Request) -> web.Response:
        """GET /audio-sessions?status=live|all&incident_id=…"""
        status = request.query.get("status", "live")
        incident = request.query.get("incident_id") or None
        if status not in ("live", "all"):
            return _error(400, f"status {status!r} is not one of: live, all")
        live = [d for d in (self.manager.describe_id(s) for s in self.manager.live_ids()) if d]
        if incident is not None:
            live = [d for d in live if d["incident_id"] == incident]
        sessions = live
        if status == "all":
            seen = {d["session_id"] for d in live}
            rows = await self.manager.reader.run(queries.sessions, None, 500, incident)
            sessions = live + [_public(r) for r in rows if r["id"] not in seen]
        _, role = _actor(request)
        sessions = [d for d in sessions if not _hidden(d, role)]
        audit_read(request, "audio_sessions.read", "accepted", count=len(sessions))
        return web.json_response({"sessions": sessions, "stats": self.manager.stats()})

    async def one(self, request: web.Request) -> web.Response:
        """GET /audio-sessions/{id}."""
        sid = request.match_info["id"]
        found = self.manager.describe_id(sid)
        if found is None:
            row = await self.manager.row(sid)
            found = _public(row) if row is not None else None
        if found is None:
            audit_read(request, "audio_session.read", "not_found", target={"session_id": sid[:80]})
            return _error(404, f"audio session {sid} does not exist")
        _, role = _actor(request)
        if _hidden(found, role):
            audit_read(request, "audio_session.read", "refused", target={"session_id": sid})
            return _error(403, _waiting_refusal(role))
        audit_read(request, "audio_session.read", "accepted",
                   target={"session_id": sid, "incident_id": found.get("incident_id")})
        return web.json_response(found)

    async def recordings(self, request: web.Request) -> web.Response:
        """GET /recordings: every recorded session, newest first (supervisors, administrators)."""
        actor, role = _actor(request)
        if role is not None and not may_read(role, "recordings"):
            audit_request(request, "recordings.list", "refused", detail={"reason": "forbidden"})
            return _error(403, f"role {role} may not list recordings (allowed: "
                               f"{sorted_read_roles('recordings')})")
        try:
            limit = int(request.query.get("limit", "200"))
        except ValueError:
            return _error(400, "query parameter 'limit' must be an integer")
        if limit > MAX_RECORDINGS_LIMIT:
            audit_request(request, "recordings.list", "refused",
                          detail={"reason": "bad_query", "query": dict(request.query)})
            return _error(400, f"query parameter 'limit' is at most {MAX_RECORDINGS_LIMIT} "
                               f"(asked {limit}); page with incident_id or a smaller limit")
        rows = await self.manager.reader.run(queries.sessions, None, max(1, limit),
                                             request.query.get("incident_id") or None)
        out = []
        for r in rows:
            item = _public(r)
            live = self.manager.describe_id(r["id"])
            if live is not None:
                item.update({k: live[k] for k in ("segments", "verified_segments", "duration_s",
                                                  "chain_head", "packets", "lost")})
            out.append(item)
        log.info("recordings listed by %s (%d)", actor, len(out))
        audit_request(request, "recordings.list", "accepted",
                      detail={"count": len(out), "query": dict(request.query)})
        return web.json_response({"recordings": out,
                                  "recordings_folder": str(self.manager.config.recordings)})

    async def listen(self, request: web.Request) -> web.StreamResponse:
        """GET /audio-sessions/{id}/listen (WebSocket)."""
        sid = request.match_info["id"]
        described = self.manager.describe_id(sid)
        if described is None:
            row = await self.manager.row(sid)
            audit_request(request, "audio.listen", "refused", target={"session_id": sid},
                          detail={"reason": "not_found" if row is None else "not_live"})
            return _error(404 if row is None else 409, f"audio session {sid} "
                          + ("does not exist" if row is None else "is not live: nothing to listen to"))
        actor, role = _actor(request)
        if _hidden(described, role):
            audit_request(request, "audio.listen", "refused", target={"session_id": sid},
                          detail={"reason": "forbidden"})
            return _error(403, _waiting_refusal(role))
        ws = web.WebSocketResponse(heartbeat=self.heartbeat, max_msg_size=64 << 10)
        await ws.prepare(request)
        frames = self.manager.listen(sid)
        if frames is None:
            await ws.close(code=WSCloseCode.GOING_AWAY, message=b"session ended")
            return ws
        log.info("audio session %s: %s listening from %s", sid, actor, request.remote)
        heard = {"session_id": sid, "incident_id": described.get("incident_id"),
                 "device_id": described.get("device_id")}
        forget = self._watch(request, frames)
        audit_request(request, "audio.listen", "started", target=heard)
        began = asyncio.get_running_loop().time()
        await ws.send_str(json.dumps({"type": "audio_hello", "session": described}))
        sender = asyncio.ensure_future(self._send(ws, frames))
        try:
            async for msg in ws:
                if msg.type is WSMsgType.BINARY:
                    await ws.close(code=WSCloseCode.UNSUPPORTED_DATA,
                                   message=b"the listener sends nothing but ping")
                    break
        finally:
            forget()
            await cancel_and_wait(sender)
            self.manager.unlisten(sid, frames)
            log.info("audio session %s: %s stopped listening", sid, actor)
            audit_request(request, "audio.listen", "ended", target=heard, detail={
                "seconds": round(asyncio.get_running_loop().time() - began, 1)})
        return ws

    @staticmethod
    def _watch(request: web.Request, frames: asyncio.Queue) -> Any:
        """Close this listen socket with its token (logout, expiry, revocation, account state)."""
        guard, user = request.get(SOCKETS), request.get(USER)
        if guard is None or user is None:
            return lambda: None

        def close(reason: str) -> None:
            # Ahead of any frame still queued: nothing more is heard once the token is gone.
            while not frames.empty():
                frames.get_nowait()
            frames.put_nowait(reason)

        return guard.watch(presented_token(request) or "", user.name, user.role, user.expires_at,
                           close)

    @staticmethod
    async def _send(ws: web.WebSocketResponse, frames: asyncio.Queue) -> None:
        try:
            while True:
                frame = await frames.get()
                if frame is None:
                    await ws.close(code=WSCloseCode.OK, message=b"session ended")
                    return
                if isinstance(frame, str):  # the token is no longer good
                    await ws.close(code=WSCloseCode.POLICY_VIOLATION,
                                   message=frame.encode()[:123])
                    return
                await ws.send_bytes(frame)
        except (ConnectionError, RuntimeError):
            return  # the console went away; the handler sees the close


def _waiting_refusal(role: str | None) -> str:
    return (f"this audio session waits for her alarm (no incident yet): role {role} may not see "
            f"it until it joins her incident (allowed: {read_roles('waiting_audio')})")


def add_audio_routes(app: web.Application, manager: AudioManager) -> None:
    """Mount the audio endpoints on the API application (before it starts)."""
    r = AudioRoutes(manager)
    app.router.add_post("/api/v1/audio-sessions", r.create)
    app.router.add_get("/api/v1/audio-sessions", r.list)
    app.router.add_get("/api/v1/audio-sessions/{id}", r.one)
    app.router.add_post("/api/v1/audio-sessions/{id}/end", r.end)
    app.router.add_get("/api/v1/audio-sessions/{id}/listen", r.listen)
    app.router.add_get("/api/v1/recordings", r.recordings)
    add_replay_routes(app, manager)  # /recordings/{id}/audio|verification|manifest

    async def close_listeners(_app: web.Application) -> None:
        manager.close_all_listeners()

    app.on_shutdown.append(close_listeners)
