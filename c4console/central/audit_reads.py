"""Audited reads: who read which sensitive data, from where, with what filters, and how much.

Issue 5 asks for every operator action to be recorded; reading is one when the data is
sensitive. These reads make an audit entry (``<what>.read``):

- ``audit.read`` — the audit log itself (``GET /audit``);
- ``security_events.read`` — ``GET /security-events``;
- ``incidents.read`` / ``incident.read`` — the incidents (victims' places, callers,
  descriptions) asked for outside the change feed (``GET /incidents``, ``/incidents/{id}``);
- ``users.read`` — the accounts' names and roles (``GET /users``, the roster editor);
- ``devices.read`` — the trackers with the beneficiaries' last positions (``GET /devices``);
- ``audio_sessions.read`` / ``audio_session.read`` — the ambient-audio sessions (which
  incident is being listened to and recorded; ``GET /audio-sessions``, ``/audio-sessions/{id}``);
- the recordings: ``recordings.list`` (audio/routes.py), ``recordings.replay``,
  ``recordings.verify``, ``recordings.export``, ``recordings.manifest`` (audio/replay_routes.py).

Not audited: the change feed (``/changes``, ``/stream``: every console's routine sync,
which would drown the log), ``/health``, ``/units`` (patrols, no personal data) — except
for a liaison of another agency (issue 15): each case her feed carries is a
``case.agency_read`` entry (``via: feed``), as her reads by id are (``GET /cases/{id}``).

Each entry carries the caller's name and role (the token), the workstation (the
``X-C4-Workstation`` header), the source address, the filters asked for (``detail.query``),
the outcome (accepted, refused with a reason, not_found) and how many records were
returned (``detail.count``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web

from c4console.central.api_auth import audit_request

MAX_QUERY_TEXT = 200  # a query parameter longer than this is cut in the entry


def asked(request: web.Request) -> dict[str, str]:
    """The request's query parameters as the entry records them (long values cut)."""
    return {k[:60]: v[:MAX_QUERY_TEXT] for k, v in request.query.items()}


def audit_read(request: web.Request, action: str, outcome: str, *, count: int | None = None,
               target: Mapping[str, Any] | None = None, **detail: Any) -> None:
    """Record one read of sensitive data by this request's caller (queued; returns at once):
    the filters asked for, the outcome, and ``count`` records returned (when accepted)."""
    recorded: dict[str, Any] = {"query": asked(request)}
    if count is not None:
        recorded["count"] = count
    recorded.update(detail)
    audit_request(request, action, outcome, target=target, detail=recorded)
