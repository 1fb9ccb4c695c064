"""What a liaison of another agency (role ``enlace``, issue 15) may ask the central for: her
login, the feed (which gives her only what is shared with her agency), the commands endpoint
(whose role table refuses every command of the C4's work) and a shared case by id. Anything
else — the queue's incidents, the patrols, the devices, audio, recordings, the audit — is
refused here, before a handler runs, and audited: a console hiding a window is not security."""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web

from c4console.central.api_auth import USER, audit_request
from c4console.core.agencies.feed import LIAISON

ALLOWED = re.compile(r"^/api/v1/(auth/(login|logout|refresh)|health|openapi\.json|changes|stream"
                     r"|commands|cases/[^/]+)$")


@web.middleware
async def liaison_guard(request: web.Request, handler: Any) -> web.StreamResponse:
    """Answer 403 to a liaison asking for anything outside :data:`ALLOWED`."""
    user = request.get(USER)
    if user is None or user.role != LIAISON or ALLOWED.match(request.path):
        return await handler(request)
    audit_request(request, "liaison.refused", "refused", target={"path": request.path[:200]})
    return web.json_response({"error": f"role {LIAISON} reads only the cases shared with her "
                                       "agency and the change feed", "reason": "forbidden"},
                             status=403)
