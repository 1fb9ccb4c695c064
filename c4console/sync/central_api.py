"""The central's API as the console uses it: one typed method per endpoint.

Widgets never build a URL or call the transport: a panel is given a
:class:`CentralApi` (or one of its methods) and asks it for the audit log, the
accounts, a WhatsApp media file, a devices import, the recordings or the live
audio sessions. Every call goes through the sync engine's
:class:`~c4console.sync.client.CentralClient`, with its login and its retry after
a 401. Before the engine has connected there is no client yet: the calls raise
:class:`NotConnected` (and the ``recordings``/``audio_sessions`` factories return
None), so a panel can say so instead of failing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from c4console.core.changes import Change
from c4console.sync.audio_client import AudioSessions
from c4console.sync.client import CentralClient, CentralError, TokenInfo
from c4console.sync.devices_import import ImportReport, import_devices_csv
from c4console.sync.recordings import RecordingsApi

API = "/api/v1"


class NotConnected(CentralError):
    """No connection to the central yet (the engine has not started or logged in)."""


class ReportRefusedByCentral(CentralError):
    """The central refused a report's input (400): ``reason`` is its code (``bad_period``,
    ``bad_format``), the message its sentence."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message, 400)
        self.reason = reason


def _refusal(error: CentralError) -> CentralError:
    """A 400's JSON answer (``{"error", "reason"}``, after the transport's "→ 400: ") as a
    :class:`ReportRefusedByCentral`; any other error as it came."""
    if error.status != 400:
        return error
    try:
        body = json.loads(str(error).split(": ", 1)[1])
        return ReportRefusedByCentral(str(body["error"]), str(body["reason"]))
    except (IndexError, ValueError, KeyError, TypeError):
        return error


class CentralApi:
    """Typed access to one central through the current client of ``client``.

    ``client`` is the client itself or a callable returning it (the engine's, which
    exists only once the engine has started)."""

    def __init__(self, client: CentralClient | Callable[[], CentralClient | None] | None) -> None:
        self._get_client = client if callable(client) else (lambda: client)

    @property
    def client(self) -> CentralClient | None:
        """The client the calls go through (None before the engine has started)."""
        return self._get_client()

    @property
    def connected(self) -> bool:
        """True once there is a client to send through."""
        return self.client is not None

    def _client(self) -> CentralClient:
        client = self.client
        if client is None:
            raise NotConnected("not connected to the central yet")
        return client

    # --- login and the feed -----------------------------------------------------

    async def login(self, username: str, password: str) -> TokenInfo:
        """``POST /auth/login``; raises :class:`~c4console.sync.client.LoginRefused`."""
        return await self._client().login(username, password)

    async def mfa_state(self) -> dict[str, Any]:
        """``GET /auth/mfa``: ``{"enrolled", "pending", "recovery_codes_left"}`` of this login."""
        return await self._client()._request("GET", f"{API}/auth/mfa")

    async def mfa_enrol(self, password: str) -> dict[str, Any]:
        """``POST /auth/mfa/enrol``: ``{"secret", "uri", "qr_png"}`` (base64 PNG), pending until
        :meth:`mfa_confirm`; :class:`CentralError` (status 403) for a wrong password, 409 if
        a second factor is enrolled already."""
        return await self._client()._request("POST", f"{API}/auth/mfa/enrol",
                                             json={"password": password})

    async def mfa_confirm(self, code: str) -> list[str]:
        """``POST /auth/mfa/confirm``: the 10 recovery codes (shown once); CentralError 400
        if ``code`` is not the app's current code."""
        body = await self._client()._request("POST", f"{API}/auth/mfa/confirm", json={"code": code})
        return [str(c) for c in body.get("recovery_codes", [])]

    async def logout(self) -> None:
        """``POST /auth/logout`` (best effort)."""
        await self._client().logout()

    async def health(self) -> dict[str, Any]:
        """``GET /health`` (no login)."""
        return await self._client().health()

    async def changes(self, since: int, limit: int = 5000) -> tuple[list[Change], int, int]:
        """``GET /changes``: (changes after ``since``, their last seq, the central's head)."""
        return await self._client().changes(since, limit)

    async def changes_wire(self, since: int, limit: int = 1000) -> list[dict[str, Any]]:
        """``GET /changes`` as the wire dicts (for readers that keep them as they came)."""
        body = await self._client()._request("GET", f"{API}/changes",
                                             params={"since": since, "limit": limit})
        return list(body["changes"])

    async def commands(self, commands: list[dict[str, Any]], actor: str,
                       workstation: str) -> list[dict[str, Any]]:
        """``POST /commands``: one result per command, same order."""
        return await self._client().post_commands(commands, actor, workstation)

    # --- reads ------------------------------------------------------------------------

    async def units(self) -> list[dict[str, Any]]:
        """``GET /units``: the units' snapshots."""
        body = await self._client()._request("GET", f"{API}/units")
        return list(body.get("units", []))

    async def incident(self, incident_id: str) -> dict[str, Any] | None:
        """``GET /incidents/{id}``: one incident's snapshot, None if the central has none."""
        status, body = await self._client().answer("GET", f"{API}/incidents/{incident_id}")
        if status == 404:
            return None
        if status >= 400:
            raise CentralError(f"GET incident {incident_id} → {status}: "
                               f"{str(body.get('error', body))[:300]}", status)
        return body

    async def call(self, call_id: str) -> dict[str, Any] | None:
        """``GET /calls/{id}``: a 911 call the feed has not delivered yet (None: no such call,
        or this role may not hold it)."""
        status, body = await self._client().answer("GET", f"{API}/calls/{quote(call_id, safe='')}")
        if status in (403, 404):
            return None
        if status >= 400:
            raise CentralError(f"GET call → {status}: {str(body.get('error', body))[:300]}", status)
        return body.get("call", body) if isinstance(body, dict) else None

    async def banavim_export(self, case_id: str) -> dict[str, Any]:
        """``GET /banavim/export?case_id=…`` (JSON): ``{records, left_out}`` — the complete
        records of her case's registrations, and those left out with their missing fields
        (the central's 422 is an answer here, not an error)."""
        status, body = await self._client().answer(
            "GET", f"{API}/banavim/export", params={"case_id": case_id, "format": "json"})
        if status not in (200, 422):
            raise CentralError(f"GET banavim export → {status}: "
                               f"{str(body.get('error', body))[:300]}", status)
        return body

    async def places(self, etag: str | None) -> tuple[bytes, str] | None:
        """``GET /places`` with ``If-None-Match``: None when the copy with ``etag`` is
        current, else (the document, its ETag). 404 (the central has none) raises."""
        return await self._client().fetch_if_changed(f"{API}/places", etag)

    async def audit(self, params: dict[str, str]) -> dict[str, Any]:
        """``GET /audit`` (JSON) with the filters in ``params`` (supervisors, admins)."""
        return await self._client()._request("GET", f"{API}/audit", params=params)

    async def audit_csv(self, params: dict[str, str]) -> bytes:
        """``GET /audit?format=csv``: the central's own export of the same filters."""
        return await self._client().fetch_bytes(f"{API}/audit",
                                                params={**params, "format": "csv"})

    async def users(self) -> list[dict[str, Any]]:
        """``GET /users``: the accounts' names and roles (leads, supervisors, admins)."""
        body = await self._client()._request("GET", f"{API}/users")
        users = body.get("users") if isinstance(body, dict) else None
        return [u for u in users if isinstance(u, dict) and "name" in u] if isinstance(users, list) else []

    async def media(self, name: str) -> bytes:
        """``GET /media/{name}``: a WhatsApp media file the central downloaded."""
        return await self._client().fetch_bytes(f"{API}/media/{name}")

    async def institutions(self) -> list[dict[str, Any]]:
        """``GET /institutions``: the catalogue women are referred to (issue 12)."""
        body = await self._client()._request("GET", f"{API}/institutions")
        found = body.get("institutions") if isinstance(body, dict) else None
        return [i for i in found if isinstance(i, dict) and "id" in i] if isinstance(found, list) else []

    async def agencies(self) -> tuple[list[dict[str, Any]], dict[str, str]]:
        """``GET /agencies`` (issue 15): the agencies with their accounts and shares in force,
        and the kinds catalogue (key → label)."""
        body = await self._client()._request("GET", f"{API}/agencies")
        found = body.get("agencies") if isinstance(body, dict) else None
        kinds = body.get("kinds") if isinstance(body, dict) else None
        rows = [a for a in found if isinstance(a, dict) and "id" in a] if isinstance(found, list) else []
        return rows, {str(k): str(v) for k, v in kinds.items()} if isinstance(kinds, dict) else {}

    async def agency_reads(self, case_id: str) -> dict[str, Any]:
        """``GET /cases/{id}/agency-reads`` (issue 15): her case's shares and every read a
        liaison of another agency made of it (``reads``: at, user, agency, outcome, via,
        level, fields), oldest first; audited ``agency_reads.read``."""
        body = await self._client()._request(
            "GET", f"{API}/cases/{quote(case_id, safe='')}/agency-reads")
        reads = body.get("reads") if isinstance(body, dict) else None
        shares = body.get("shares") if isinstance(body, dict) else None
        return {"case_id": case_id,
                "reads": [r for r in reads if isinstance(r, dict)] if isinstance(reads, list) else [],
                "shares": [s for s in shares if isinstance(s, dict)] if isinstance(shares, list) else []}

    async def add_agency(self, agency_id: str, name: str, kind: str, contact: str) -> dict[str, Any]:
        """``POST /agencies`` (admins): a new agency; CentralError with the central's own
        sentence (a duplicate name, an unknown kind…) when refused."""
        return await self._answered("POST", f"{API}/agencies", json={
            "id": agency_id, "name": name, "kind": kind, "contact": contact})

    async def set_agency_contact(self, agency_id: str, contact: str) -> dict[str, Any]:
        """``PATCH /agencies/{id}`` (admins): the agency's new contact."""
        return await self._answered("PATCH", f"{API}/agencies/{quote(agency_id, safe='')}",
                                    json={"contact": contact})

    async def _answered(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """A request whose refusal raises CentralError carrying only the central's sentence."""
        status, body = await self._client().answer(method, path, **kwargs)
        if status >= 400:
            raise CentralError(str(body.get("error", status))[:300], status)
        return body

    async def referral_letter(self, referral_id: str) -> bytes:
        """``GET /institution-referrals/{id}/letter.pdf``: the referral letter (audited)."""
        return await self._client().fetch_bytes(
            f"{API}/institution-referrals/{quote(referral_id, safe='')}/letter.pdf")

    async def period_report(self, first: str, last: str, fmt: str) -> bytes:
        """``GET /reports/period``: the period report's file (pdf, xlsx, csv zip, json) for
        days ``first`` to ``last`` (YYYY-MM-DD, both included; supervisors, admins);
        :class:`ReportRefusedByCentral` for a period or format the central refuses."""
        return await self._report("period", {"from": first, "to": last, "format": fmt})

    async def open_data(self, first: str, last: str, fmt: str = "csv") -> bytes:
        """``GET /reports/open-data``: the open-data export (csv, json) of the months of
        ``first`` to ``last``; refusals as :meth:`period_report`."""
        return await self._report("open-data", {"from": first, "to": last, "format": fmt})

    async def _report(self, name: str, params: dict[str, str]) -> bytes:
        try:
            return await self._client().fetch_bytes(f"{API}/reports/{name}", params=params)
        except CentralError as e:
            raise _refusal(e) from None

    async def meeting_agenda(self, meeting_id: str) -> dict[str, Any]:
        """``GET /meetings/{id}/agenda``: the agenda the central prepares for a coordination
        meeting (issue 15; audited)."""
        return await self._client()._request(
            "GET", f"{API}/meetings/{quote(meeting_id, safe='')}/agenda")

    async def meeting_minutes(self, meeting_id: str) -> bytes:
        """``GET /meetings/{id}/minutes.pdf``: its minutes (BORRADOR until signed; audited)."""
        return await self._client().fetch_bytes(
            f"{API}/meetings/{quote(meeting_id, safe='')}/minutes.pdf")

    async def import_devices(self, data: bytes, filename: str) -> ImportReport:
        """``POST /devices/import``: the CSV's bytes; the central's row-by-row report
        (raises :class:`~c4console.sync.devices_import.ImportRefused` for a refused file)."""
        return await import_devices_csv(self._client(), data, filename)

    # --- recordings and live audio ------------------------------------------------------

    def recordings(self) -> RecordingsApi | None:
        """The recordings and replay endpoints on this login (None before connecting)."""
        client = self.client
        if client is None:
            return None
        return RecordingsApi(client.base_url, client.session, client.auth_headers)

    def audio_sessions(self) -> AudioSessions | None:
        """The live audio sessions' endpoints on this login (None before connecting)."""
        client = self.client
        if client is None:
            return None
        return AudioSessions(client.base_url, client.session, client.auth_headers)
