"""Replay and evidence endpoints of the recordings (docs/protocol.md, "Replay and evidence").

- ``GET /api/v1/recordings/{id}/audio``: the whole recording as one 16-bit mono WAV,
  served only after the same check as ``c4central evidence verify`` passes; a recording
  that fails it is refused with 409 and the report (what is wrong where).
- ``GET /api/v1/recordings/{id}/verification``: that report as JSON (``ok``, ``problems``,
  ``text`` …), whatever its outcome.
- ``GET /api/v1/recordings/{id}/manifest``: the hash-chain manifest as stored (JSON lines),
  for an evidence export made at a console.

Supervisors and administrators only (403 for the other roles). The checks read
files: they run on a worker thread, never on the event loop. Each request is
audited: ``recordings.replay`` (the audio), ``recordings.verify``,
``recordings.export`` (a verification asked with ``?purpose=export``) and
``recordings.manifest``, with the outcome and, when refused, why.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import numpy as np
from aiohttp import web

from c4console.central.api_auth import USER, audit_request
from c4console.central.audio import evidence
from c4console.central.audio.manager import AudioManager
from c4console.central.audio.manifest import MANIFEST
from c4console.central.audio.wav import wav_bytes
from c4console.central.crypto.keys import MediaKeys
from c4console.core.access import may_read, sorted_read_roles

log = logging.getLogger(__name__)


def _error(status: int, message: str, **extra: Any) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


def verified_audio(folder: Path, row: dict[str, Any] | None, session_id: str,
                   keys: MediaKeys | None) -> tuple[evidence.Report, bytes | None]:
    """Verify the recording and, if it passes, the WAV of its verified segments (opened
    with the media ``keys``: the WAV served is plaintext, over the API's TLS).

    Each segment is opened and hashed again as it is read, so a file changed between the
    check and the read is left out and reported rather than served.
    """
    report = evidence.verify_folder(folder, row, session_id, keys=keys)
    if not report.ok:
        return report, None
    parts = evidence.verified_pcm(folder, report, keys)
    if parts is None:
        return report, None
    pcm = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)
    return report, wav_bytes(pcm, report.sample_rate or 8000)


class ReplayRoutes:
    """Handlers bound to one :class:`AudioManager` (its database reader and recordings folder)."""

    def __init__(self, manager: AudioManager) -> None:
        self.manager = manager

    async def _locate(self, request: web.Request, action: str
                      ) -> tuple[Path, dict[str, Any], str] | web.Response:
        user = request.get(USER)
        role = getattr(user, "role", None)
        sid = request.match_info["id"]
        if role is not None and not may_read(role, "replay"):
            audit_request(request, action, "refused", target={"session_id": sid},
                          detail={"reason": "forbidden"})
            return _error(403, f"role {role} may not replay or export recordings (allowed: "
                               f"{sorted_read_roles('replay')})", reason="forbidden")
        row = await self.manager.row(sid)
        if row is None:
            audit_request(request, action, "refused", target={"session_id": sid},
                          detail={"reason": "not_found"})
            return _error(404, f"recording {sid} does not exist", reason="not_found")
        return self.manager.config.recordings / row["folder"], row, getattr(user, "name", "") or "anonymous"

    async def audio(self, request: web.Request) -> web.StreamResponse:
        """GET /recordings/{id}/audio."""
        found = await self._locate(request, "recordings.replay")
        if isinstance(found, web.Response):
            return found
        folder, row, actor = found
        report, wav = await asyncio.to_thread(verified_audio, folder, row, row["id"],
                                              self.manager.keys)
        if wav is None:
            log.warning("recording %s refused to %s: verification failed (%d problems)", row["id"],
                        actor, len(report.problems))
            first = next((p for p in report.problems if p.severity == evidence.ERROR), None)
            where = f"{first.where}: {first.what}" if first else "verification failed"
            audit_request(request, "recordings.replay", "refused", target=_target(row),
                          detail={"reason": "verification_failed", "problem": where[:300]})
            return _error(409, f"recording {row['id']} failed verification: {where}",
                          reason="verification_failed", verification=_report_json(report))
        log.info("recording %s served to %s for replay (%.1f s)", row["id"], actor, report.duration_s)
        audit_request(request, "recordings.replay", "accepted", target=_target(row),
                      detail={"chain_head": report.chain_head, "duration_s": round(report.duration_s, 3)})
        return web.Response(body=wav, content_type="audio/wav", headers={
            "X-C4-Verified": "ok",
            "X-C4-Chain-Head": report.chain_head,
            "X-C4-Sample-Rate": str(report.sample_rate),
            "X-C4-Segments": str(report.segments_verified),
            "Content-Disposition": f'inline; filename="{row["id"]}.wav"',
        })

    async def verification(self, request: web.Request) -> web.Response:
        """GET /recordings/{id}/verification[?purpose=export]."""
        action = "recordings.export" if request.query.get("purpose") == "export" else "recordings.verify"
        found = await self._locate(request, action)
        if isinstance(found, web.Response):
            return found
        folder, row, actor = found
        report = await asyncio.to_thread(lambda: evidence.verify_folder(
            folder, row, row["id"], keys=self.manager.keys))
        log.info("recording %s verified for %s: %s", row["id"], actor, "ok" if report.ok else "FAILED")
        audit_request(request, action, "verified" if report.ok else "failed", target=_target(row),
                      detail={"chain_head": report.chain_head, "problems": len(report.problems)})
        return web.json_response(_report_json(report))

    async def manifest(self, request: web.Request) -> web.Response:
        """GET /recordings/{id}/manifest."""
        found = await self._locate(request, "recordings.manifest")
        if isinstance(found, web.Response):
            return found
        folder, row, _actor = found
        path = folder / MANIFEST
        if not path.is_file():
            audit_request(request, "recordings.manifest", "refused", target=_target(row),
                          detail={"reason": "no manifest"})
            return _error(409, f"recording {row['id']} has no manifest", reason="verification_failed")
        body = await asyncio.to_thread(path.read_bytes)
        audit_request(request, "recordings.manifest", "accepted", target=_target(row))
        return web.Response(body=body, content_type="application/jsonl", headers={
            "Content-Disposition": f'attachment; filename="{row["id"]}.manifest.jsonl"'})


def _target(row: dict[str, Any]) -> dict[str, Any]:
    return {"session_id": row["id"], "incident_id": row.get("incident_id"), "folio": row.get("folio"),
            "device_id": row.get("device_id")}


def _report_json(report: evidence.Report) -> dict[str, Any]:
    out = report.to_json()
    out["text"] = report.text()
    return out


def add_replay_routes(app: web.Application, manager: AudioManager) -> None:
    """Mount the replay endpoints beside the other audio endpoints."""
    r = ReplayRoutes(manager)
    app.router.add_get("/api/v1/recordings/{id}/audio", r.audio)
    app.router.add_get("/api/v1/recordings/{id}/verification", r.verification)
    app.router.add_get("/api/v1/recordings/{id}/manifest", r.manifest)
