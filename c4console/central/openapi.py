"""The OpenAPI 3.1 document of the console API, served at /api/v1/openapi.json.

Hand-written so it says what the protocol promises (docs/protocol.md), not what a
framework guessed. Snapshots allow extra properties: newer centrals may add
fields, and older consoles ignore them. The schemathesis test in
tests/central/test_openapi.py checks live answers against this document.
"""

from __future__ import annotations

import copy
from typing import Any

from c4console import __version__
from c4console.core.access import Role
from c4console.core.commands import COMMAND_TYPES
from c4console.core.enums import Channel, IncidentStatus, Priority, UnitStatus
from c4console.core.models import ENTITY_TYPES

MAX_SEQ = 2**63 - 1
JSON = "application/json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _opt(kind: str) -> dict[str, Any]:
    """A nullable JSON type."""
    return {"type": [kind, "null"]}


def _obj(required: list[str], properties: dict[str, Any], *, extra: bool = True,
         description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "required": required, "properties": properties}
    if not extra:
        out["additionalProperties"] = False
    if description:
        out["description"] = description
    return out


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json(_ref("Error"), description)


UNAUTHORIZED = _error("No valid bearer token: missing, malformed, unknown, revoked or expired")
BAD_QUERY = _error("A query parameter is out of range; the message names it")

SINCE = {"name": "since", "in": "query", "required": False,
         "description": "Only items after this seq / id (default 0)",
         "schema": {"type": "integer", "minimum": 0, "maximum": MAX_SEQ}}
LIMIT = {"name": "limit", "in": "query", "required": False,
         "description": "Page size (default 1000; values are clamped to 1..5000)",
         "schema": {"type": "integer", "minimum": 0, "maximum": MAX_SEQ}}

SCHEMAS: dict[str, Any] = {
    "Error": _obj(["error"], {
        "error": {"type": "string", "description": "What was wrong, and what was kept"},
    }),
    "LoginRequest": _obj(["username", "password"], {
        "username": {"type": "string", "minLength": 1, "maxLength": 64},
        "password": {"type": "string", "minLength": 1, "maxLength": 1024},
        "code": {"type": "string", "maxLength": 64,
                 "description": "The second factor, for an account that has one: the 6 digits "
                                "of the authenticator app, or a recovery code"},
    }),
    "LoginAnswer": _obj(["token", "user", "role", "expires_at"], {
        "token": {"type": "string", "description": "Opaque; send as 'Authorization: Bearer <token>'"},
        "user": {"type": "string", "description": "The user name (lower case): the actor of commands"},
        "role": {"type": "string", "enum": [r.value for r in Role]},
        "expires_at": {"type": "number", "description": "UTC epoch seconds"},
        "agency": {"type": "string", "description": "The account's agency id (issue 15)"},
        "agency_name": {"type": "string", "description": "Its name (a liaison's title bar)"},
    }),
    "LoginRefused": _obj(["error", "reason"], {
        "error": {"type": "string"},
        "reason": {"type": "string", "enum": ["bad_credentials", "locked", "disabled",
                                              "mfa_required", "mfa_failed"],
                   "description": "mfa_required: the password was right; send it again with "
                                  "'code'"},
        "locked_until": {"type": "number", "description": "UTC epoch seconds (reason locked)"},
    }),
    "Health": _obj(["status", "server_id", "head"], {
        "status": {"type": "string", "enum": ["ok"]},
        "server_id": {"type": "string"},
        "head": {"type": "integer", "minimum": 0, "description": "Latest committed seq"},
    }),
    "Incident": _obj(["id", "folio", "type_code", "priority", "channel", "status", "created_at"], {
        "id": {"type": "string"}, "folio": {"type": "string"}, "type_code": {"type": "string"},
        "priority": {"type": "string", "enum": [p.value for p in Priority]},
        "channel": {"type": "string", "enum": [c.value for c in Channel]},
        "status": {"type": "string", "enum": [s.value for s in IncidentStatus]},
        "created_at": {"type": "number"},
        "lat": _opt("number"), "lon": _opt("number"),
        "live_lat": _opt("number"), "live_lon": _opt("number"), "live_at": _opt("number"),
        "sector": {"type": "string"}, "cuadrante": {"type": "string"}, "colonia": {"type": "string"},
        "address": {"type": "string"}, "caller": {"type": "string"},
        "beneficiary_id": _opt("string"), "device_id": _opt("string"), "unit_id": _opt("string"),
        "acknowledged_at": _opt("number"), "dispatched_at": _opt("number"),
        "en_route_at": _opt("number"), "on_scene_at": _opt("number"), "closed_at": _opt("number"),
        "disposition": {"type": "string"}, "updated_at": {"type": "number"},
        "test": {"type": "boolean", "description": "A device's test activation: never dispatched"},
        "trail": {"anyOf": [{"type": "array", "items": {
            "type": "array", "items": {"type": "number"}, "minItems": 3, "maxItems": 3}},
            {"type": "null"}],
            "description": "The device's positions while open: [lat, lon, fix time], oldest first"},
        "owner": {"type": "string",
                  "description": "Who took it (first to acknowledge, dispatch or create it at a "
                                 "console); empty: nobody yet"},
        "call_id": {**_opt("string"), "description": "The telephone call it was taken from"},
        "caller_name": {"type": "string"},
        "weapons": {"type": "array", "items": {"type": "string"}},
        "children_present": {"type": "boolean"},
        "transfer": {"type": "boolean", "description": "Location outside the jurisdiction: "
                                                      "taken anyway, to be transferred"},
    }, description="An incident; lat/lon is the confirmed location, live_* the device's latest"),
    "Unit": _obj(["id", "callsign", "status"], {
        "id": {"type": "string"}, "callsign": {"type": "string"},
        "status": {"type": "string", "enum": [s.value for s in UnitStatus]},
        "sector": {"type": "string"}, "lat": _opt("number"), "lon": _opt("number"),
        "position_at": _opt("number"), "incident_id": _opt("string"),
        "status_since": {"type": "number"}, "device_id": _opt("string"),
        "kind": {"type": "string", "description": "resources/catalogue/unit_kinds.csv: general, "
                                                  "fuerza_rosa (first for follow-up visits), …"},
    }),
    "Device": _obj(["id", "kind"], {
        "id": {"type": "string"}, "kind": {"type": "string", "enum": ["panic", "unit", "aggressor"],
                                           "description": "aggressor: his ankle or wrist tracker "
                                                          "under a protection order's exclusion zones"},
        "beneficiary_id": _opt("string"), "unit_id": _opt("string"), "model": {"type": "string"},
        "last_lat": _opt("number"), "last_lon": _opt("number"), "last_at": _opt("number"),
        "test_armed_at": _opt("number"), "test_armed_by": {"type": "string"},
        "test_expires_at": _opt("number"), "test_cancelled_at": _opt("number"),
        "test_cancelled_by": {"type": "string"},
        "order_id": {"type": "string", "description": "An aggressor's tracker: the "
                                                      "exclusion_order record watching it"},
        "zone_inside": {"type": "array", "items": {"type": "string"},
                        "description": "Zones (and 'victim') his last position was inside"},
        "zone_left_at": _opt("number"), "breach_incident_id": {"type": "string"},
    }),
    "Shift": _obj(["id", "name", "starts_at", "ends_at"], {
        "id": {"type": "string"}, "name": {"type": "string"},
        "starts_at": {"type": "number"}, "ends_at": {"type": "number"},
        "lead": {"type": "string"},
        "operators": {"type": "array", "items": {"type": "string"}, "description": "Logins"},
        "units": {"type": "array", "items": {"type": "string"}, "description": "Unit ids"},
        "sectors": {"type": "array", "items": {"type": "string"}, "description": "Sector codes"},
        "updated_at": {"type": "number"}, "updated_by": {"type": "string"},
    }, description="A shift of the control room (command set_shift)"),
    "Change": _obj(["seq", "at", "entity", "id", "op", "data"], {
        "seq": {"type": "integer", "minimum": 1},
        "at": {"type": "number"},
        "entity": {"type": "string", "enum": sorted(ENTITY_TYPES),  # every record the feed carries
                   "description": "case: her case (expediente); history: a new incident's "
                                  "history (id = the incident's); device_health: a device's "
                                  "battery, signal, last report (id = the device's); "
                                  "health_task: a call to her about her device; call: a "
                                  "telephone call (screen pop); referral: the specialist desk's "
                                  "queue; exclusion_order: a protection order's exclusion zones, "
                                  "distance and trackers; device_lifecycle: a panic device's life, "
                                  "stock to her hands (id = the device's); intervention: a "
                                  "psychological/legal intervention; desk_follow_up: a next "
                                  "contact a specialist scheduled; case_timeline: an entry of "
                                  "her case's timeline; banavim_registration: a case marked for "
                                  "BANAVIM and its folio (supervisors and the specialist desk); follow_plan, "
                                  "patrol_visit, interview, follow_call: her order's follow-up; "
                                  "case_share: her case shared with another agency (the C4's "
                                  "supervisors and specialists; a liaison, her agency's only). "
                                  "Personal records "
                                  "(beneficiary, device, case, history, device_health of her device, "
                                  "health_task, call, referral, exclusion_order, device_lifecycle, "
                                  "intervention, desk_follow_up, case_timeline, the follow-up records) "
                                  "are projected per role by need-to-know "
                                  "(docs/protocol.md, Need-to-know); one a role may not hold "
                                  "goes out as a delete at its seq"},
        "id": {"type": "string"},
        "op": {"type": "string", "enum": ["upsert", "delete"]},
        "data": {"type": "object", "description": "Full snapshot of the entity after the change"},
    }),
    "ChangePage": _obj(["changes", "last_seq", "head"], {
        "changes": {"type": "array", "items": _ref("Change")},
        "last_seq": {"type": "integer", "minimum": 0},
        "head": {"type": "integer", "minimum": 0},
    }),
    "Command": _obj(["key"], {
        "key": {"type": "string", "minLength": 1, "maxLength": 64,
                "description": "Client-made idempotency key (a UUID)"},
        "type": {"type": "string", "description": "One of: " + ", ".join(COMMAND_TYPES)},
        "incident_id": {"type": "string"}, "unit_id": {"type": "string"},
        "status": {"type": "string"}, "disposition": {"type": "string"},
        "text": {"type": "string"}, "type_code": {"type": "string"},
        "channel": {"type": "string", "enum": [c.value for c in Channel]},
        "lat": {"type": "number"}, "lon": {"type": "number"},
        "address": {"type": "string"}, "caller": {"type": "string"}, "reason": {"type": "string"},
        "shift_id": {"type": "string"}, "name": {"type": "string"},
        "starts_at": {"type": "number"}, "ends_at": {"type": "number"}, "lead": {"type": "string"},
        "operators": {"type": "array", "items": {"type": "string"}},
        "units": {"type": "array", "items": {"type": "string"}},
        "sectors": {"type": "array", "items": {"type": "string"}},
        "call_id": {"type": "string"}, "narrative": {"type": "string", "maxLength": 10000},
        "priority": {"type": "string", "enum": [p.value for p in Priority]},
        "priority_reason": {"type": "string"}, "caller_name": {"type": "string"},
        "callback_number": {"type": "string"},
        "persons": {"type": "array", "items": {"type": "object"}},
        "weapons": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "boolean"}]},
        "children_present": {"type": "boolean"}, "patrol": {"type": "boolean"},
        "desks": {"type": "array", "items": {"type": "string", "enum": ["psicologica", "juridica"]}},
        "referral_id": {"type": "string"}, "case_id": {"type": "string"},
    }, description="An operator command; its fields are judged per command (a bad one is "
                   "answered 'rejected', not 400). See docs/protocol.md for each type's fields."),
    "Batch": _obj(["commands"], {
        "actor": {"type": "string", "description": "Ignored: the actor is the logged-in user"},
        "workstation": {"type": "string"},
        "commands": {"type": "array", "maxItems": 1000, "items": _ref("Command")},
    }),
    "Result": _obj(["key", "outcome"], {
        "key": {"type": "string"},
        "outcome": {"type": "string", "enum": ["accepted", "rejected", "duplicate"]},
        "seq": {"type": ["integer", "null"], "description": "accepted: last change it produced"},
        "reason": {"type": "string", "description": "rejected: stable code (e.g. forbidden, "
                                                    "already_acknowledged)"},
        "message": {"type": "string"},
        "original": {"type": "object", "description": "duplicate: the first answer"},
    }),
    "Results": _obj(["results"], {"results": {"type": "array", "items": _ref("Result")}}),
    "BatchInterrupted": _obj(["error", "results"], {
        "error": {"type": "string"}, "results": {"type": "array", "items": _ref("Result")},
    }),
    "FeatureCollection": _obj(["type", "features"], {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": _obj(["type", "properties", "geometry"], {
            "type": {"type": "string", "enum": ["Feature"]},
            "properties": _obj(["sector", "cuadrante"], {
                "sector": {"type": ["string", "number"]},
                "cuadrante": {"type": ["string", "number"]},
                "colonia": {"type": ["string", "null"]},
                "sector_name": {"type": ["string", "null"]}},
                description="As in the file; other properties pass through"),
            "geometry": _obj(["type", "coordinates"], {
                "type": {"type": "string", "enum": ["Polygon"]},
                "coordinates": {"type": "array", "description": "Rings of [lon, lat] (WGS84), "
                                                               "outer ring first"}})})},
    }, description="A jurisdiction: one Polygon per cuadrante (RFC 7946, maps/README.md)"),
    "ScreenPop": _obj(["call_id", "answered_at"], {
        "call_id": {"type": "string", "minLength": 1, "maxLength": 64,
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$",
                    "description": "The PBX's call id (Asterisk ${UNIQUEID}): a second screen pop "
                                   "with it is the same call"},
        "number": {"type": ["string", "null"], "maxLength": 32,
                   "description": "The caller's number (ANI): digits, optional +, spaces, dots, "
                                  "dashes, parentheses; 3 to 15 digits. null, '' or 'anonymous' "
                                  "when withheld"},
        "answered_at": {"type": ["number", "string"],
                        "description": "When it was answered: UTC epoch seconds or ISO 8601 with a "
                                       "zone; not in the future, not a day old"},
        "location": {"anyOf": [_obj(["lat", "lon", "radius_m"], {
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "lon": {"type": "number", "minimum": -180, "maximum": 180},
            "radius_m": {"type": "number", "exclusiveMinimum": 0, "maximum": 100000},
            "source": {"type": "string", "enum": ["cell", "device", "network"]},
            "source_id": {"type": "string", "maxLength": 64}}, extra=False), {"type": "null"}],
            "description": "The carrier's location of the caller, if it gives one"},
        "caller_name": {"type": "string", "maxLength": 200},
        "agent": {"type": "string", "maxLength": 64,
                  "description": "The console user (or extension) whose telephone answered"},
        "dialed": {"type": "string", "maxLength": 32},
    }, extra=False, description="What a telephone system posts when a call is answered "
                                "(docs/telephony.md)"),
    "Call": _obj(["id", "number", "answered_at", "received_at", "status"], {
        "id": {"type": "string"}, "number": {"type": "string"}, "withheld": {"type": "boolean"},
        "answered_at": {"type": "number"}, "received_at": {"type": "number"},
        "caller_name": {"type": "string"}, "agent": {"type": "string"}, "dialed": {"type": "string"},
        "location": {"anyOf": [{"type": "object"}, {"type": "null"}]},
        "sector": {"type": "string"}, "cuadrante": {"type": "string"}, "colonia": {"type": "string"},
        "outside_jurisdiction": {"type": "boolean"},
        "status": {"type": "string", "enum": ["open", "taken", "linked", "handed"]},
        "incident_id": _opt("string"), "taken_by": {"type": "string"}, "taken_at": _opt("number"),
        "history": {"anyOf": [{"type": "object"}, {"type": "null"}],
                    "description": "Her history for the number and place (a history record "
                                   "without id, projected per role); not in the PBX's answer"},
        "channel": {"type": "string"},
    }, description="A telephone call (entity call)"),
    "Referral": _obj(["id", "desks", "handed_by", "handed_at"], {
        "id": {"type": "string"},
        "desks": {"type": "array", "items": {"type": "string", "enum": ["psicologica", "juridica"]}},
        "handed_by": {"type": "string"}, "handed_at": {"type": "number"},
        "incident_id": _opt("string"), "call_id": _opt("string"), "case_id": _opt("string"),
        "narrative": {"type": "string"}, "patrol": {"type": "boolean"},
        "status": {"type": "string"},
        "attended_desks": {"type": "array", "items": {"type": "string",
                                                      "enum": ["psicologica", "juridica"]}},
    }, description="A call or incident handed to the specialist desk (entity referral); "
                   "status waiting, or attended once every desk it was handed to answered it"),
    "Intervention": _obj(["id", "case_id", "kind", "channel", "timing", "started_at", "ended_at",
                          "duration_s", "by", "recorded_at"], {
        "id": {"type": "string"}, "case_id": {"type": "string"},
        "kind": {"type": "string", "enum": ["psicologica", "juridica", "ambas"]},
        "channel": {"type": "string", "enum": ["llamada_911", "linea_telefonica", "whatsapp",
                                               "videollamada", "presencial"]},
        "timing": {"type": "string", "enum": ["previa", "12_48h", "subsecuente", "seguimiento"]},
        "started_at": {"type": "number"}, "ended_at": {"type": "number"},
        "duration_s": {"type": "number"}, "by": {"type": "string"},
        "recorded_at": {"type": "number"}, "episode_incident_id": _opt("string"),
        "episode_at": _opt("number"), "referral_id": _opt("string"),
        "follow_up_id": _opt("string"), "notes": {"type": "string"},
        "next_steps": {"type": "string"}, "outcome": {"type": "string"},
        "video_link": {"type": "string"}, "timing_proposed": {"type": "string"},
    }, description="A psychological and/or legal intervention (entity intervention), projected "
                   "per role: content fields only to whom [interventions] of access.toml gives "
                   "them"),
    "Institution": _obj(["id", "name", "kind", "needs"], {
        "id": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"},
        "phone": {"type": "string"}, "email": {"type": "string"}, "address": {"type": "string"},
        "hours": {"type": "string"}, "needs": {"type": "array", "items": {"type": "string"}},
        "overdue_hours_normal": {"type": "number"}, "overdue_hours_urgente": {"type": "number"},
    }, description="An institution women are referred to (resources/institutions)"),
    "InstitutionReferral": _obj(["id", "case_id", "institution_id", "status", "history"], {
        "id": {"type": "string"}, "case_id": {"type": "string"},
        "institution_id": {"type": "string"}, "reason": {"type": "string"},
        "shared": {"type": "array", "items": {"type": "string"}},
        "urgency": {"type": "string", "enum": ["normal", "urgente"]},
        "status": {"type": "string", "enum": ["enviada", "recibida", "atendida", "cerrada",
                                              "rechazada"]},
        "desk": {"type": "string"}, "created_by": {"type": "string"},
        "created_at": {"type": "number"},
        "history": {"type": "array", "items": _obj(["status", "at", "by"], {
            "status": {"type": "string"}, "at": {"type": "number"}, "by": {"type": "string"},
            "reason": {"type": "string"}})},
    }, description="A referral of her case to an institution (entity institution_referral)"),
    "SecurityEvent": _obj(["id", "at", "kind", "detail", "source"], {
        "id": {"type": "integer"}, "at": {"type": "number"}, "kind": {"type": "string"},
        "detail": {"type": "string"}, "source": {"type": "string"},
    }),
    "AuditEntry": _obj(
        ["seq", "at", "time", "actor", "role", "workstation", "source", "action", "incident_id",
         "target", "outcome", "detail", "prev_hash", "hash"], {
            "seq": {"type": "integer", "minimum": 1, "description": "Gap-free, in commit order"},
            "at": {"type": "number", "description": "When the action happened (UTC epoch s)"},
            "time": {"type": "string", "description": "'at' in ISO 8601 UTC"},
            "actor": {"type": "string", "description": "User name (a refused login: the name "
                                                      "typed; the command line: 'OSUSER@cli')"},
            "role": {"type": "string"},
            "workstation": {"type": "string", "description": "From the batch or X-C4-Workstation"},
            "source": {"type": "string", "description": "Client address"},
            "action": {"type": "string", "description": "e.g. login, logout, command.dispatch, "
                                                       "audio.listen, recordings.list, audit.read, "
                                                       "evidence.export, user.add, device.import"},
            "incident_id": _opt("string"),
            "target": {"type": "object", "description": "Ids acted on: incident_id, unit_id, "
                                                        "session_id, user, device_id, key"},
            "outcome": {"type": "string", "description": "accepted, rejected, duplicate, refused, "
                                                        "failed, started, ended"},
            "detail": {"type": "object"},
            "prev_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "hash": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                     "description": "sha256(prev_hash + canonical JSON of the entry)"},
        }, description="One audited action (docs/protocol.md, 'Audit log')"),
}


def _get(summary: str, ok: dict[str, Any], *, params: list[dict[str, Any]] | None = None,
         more: dict[str, Any] | None = None, public: bool = False) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "parameters": params or [],
                          "responses": {"200": ok, **({} if public else {"401": UNAUTHORIZED}),
                                        **(more or {})}}
    if public:
        op["security"] = []
    return op


_AGENCY = _obj(["id", "name", "kind", "contact", "created_at"], {
    "id": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"},
    "contact": {"type": "string"}, "created_at": {"type": "number"}})


PATHS: dict[str, Any] = {
    "/api/v1/health": {"get": _get("Liveness, server id and feed head",
                                   _json(_ref("Health"), "Serving"), public=True)},
    "/api/v1/openapi.json": {"get": _get("This document",
                                         _json({"type": "object"}, "OpenAPI 3.1"), public=True)},
    "/api/v1/auth/login": {"post": {
        "summary": "Log in: exchange a user name and password for a bearer token",
        "description": "5 failed logins in a row of one user from one address lock that user "
                       "from that address for 10 minutes (other addresses and her tokens are "
                       "not affected; a shift lead unlocks with the unlock_login command). "
                       "An address that keeps failing backs off (429), and so does a login "
                       "that finds the password checks' queue full.",
        "security": [],
        "requestBody": {"required": True, "content": {JSON: {"schema": _ref("LoginRequest")}}},
        "responses": {"200": _json(_ref("LoginAnswer"), "Logged in"),
                      "400": _error("Body is not a JSON object with string username and password"),
                      "401": _json(_ref("LoginRefused"), "Wrong name or password, or locked"),
                      "413": _error("Body larger than 4 KiB"),
                      "429": _error("Too many attempts: back off for Retry-After seconds")}}},
    "/api/v1/auth/refresh": {"post": {
        "summary": "Exchange this request's token for a new one valid a full lifetime",
        "description": "The old token is revoked (and its WebSockets closed). Consoles refresh "
                       "before the token expires instead of keeping the password.",
        "responses": {"200": _json(_ref("LoginAnswer"), "A new token"),
                      "401": UNAUTHORIZED}}},
    "/api/v1/auth/logout": {"post": {
        "summary": "Revoke the token of this request",
        "responses": {"200": _json(_obj(["status"], {"status": {"type": "string"}}), "Revoked"),
                      "401": UNAUTHORIZED}}},
    "/api/v1/auth/mfa": {"get": _get(
        "The caller's second factor: enrolled, pending, recovery codes left",
        _json(_obj(["enrolled", "pending", "recovery_codes_left"], {
            "enrolled": {"type": "boolean"}, "pending": {"type": "boolean"},
            "recovery_codes_left": {"type": "integer", "minimum": 0}}), "The state"))},
    "/api/v1/auth/mfa/enrol": {"post": {
        "summary": "Start the caller's own second factor (TOTP): a secret and its QR code",
        "description": "Needs the password again. The secret is pending until confirmed with "
                       "a first code (POST /auth/mfa/confirm).",
        "requestBody": {"required": True, "content": {JSON: {"schema": _obj(["password"], {
            "password": {"type": "string", "minLength": 1, "maxLength": 1024}})}}},
        "responses": {"200": _json(_obj(["secret", "uri", "qr_png"], {
            "secret": {"type": "string"}, "uri": {"type": "string"},
            "qr_png": {"type": "string", "description": "Base64 PNG of the otpauth URI"}}),
            "Pending enrolment"),
            "400": _error("No password"), "401": UNAUTHORIZED,
            "403": _error("Wrong password (reason bad_credentials), or a service account"),
            "409": _error("A second factor is enrolled"),
            "413": _error("Body larger than 4 KiB"), "429": _error("Too many attempts")}}},
    "/api/v1/auth/mfa/confirm": {"post": {
        "summary": "Confirm the pending second factor with a first code; 10 recovery codes",
        "description": "From now on every login of the caller needs a code. The recovery "
                       "codes are shown only in this answer.",
        "requestBody": {"required": True, "content": {JSON: {"schema": _obj(["code"], {
            "code": {"type": "string", "minLength": 1, "maxLength": 64}})}}},
        "responses": {"200": _json(_obj(["recovery_codes"], {"recovery_codes": {
            "type": "array", "items": {"type": "string"}}}), "Enrolled"),
            "400": _error("Not the current code"), "401": UNAUTHORIZED,
            "409": _error("No pending enrolment"), "413": _error("Body larger than 4 KiB"),
            "429": _error("Too many attempts")}}},
    "/api/v1/users/{name}/mfa/reset": {"post": {
        "summary": "Remove a user's second factor (a lost phone); administrators only",
        "description": "Audited, and a security event (a refusal too).",
        "parameters": [{"name": "name", "in": "path", "required": True,
                        "schema": {"type": "string"}}],
        "responses": {"200": _json(_obj(["status", "user"], {
            "status": {"type": "string"}, "user": {"type": "string"}}), "Reset"),
            "400": _error("Not a user name"), "401": UNAUTHORIZED,
            "403": _error("Not an administrator"), "404": _error("No second factor")}}},
    "/api/v1/changes": {"get": _get(
        "Changes after a seq, ascending", _json(_ref("ChangePage"), "A page of the feed"),
        params=[SINCE, LIMIT],
        more={"400": BAD_QUERY, "403": _error("A service account (telephony) reads no feed")})},
    "/api/v1/stream": {"get": {
        "summary": "WebSocket: hello, then every change after 'since', then live pushes",
        "description": "Upgrade to a WebSocket. Frames are JSON text: {type: hello|changes}. "
                       "The token may also be given as ?token=. See docs/protocol.md.",
        "parameters": [SINCE, {"name": "token", "in": "query", "required": False,
                               "schema": {"type": "string"}}],
        "responses": {"101": {"description": "Switching to the WebSocket protocol"},
                      "400": BAD_QUERY, "401": UNAUTHORIZED,
                      "403": _error("A service account (telephony) reads no feed")}}},
    "/api/v1/commands": {"post": {
        "summary": "Send a batch of commands; one result per command, in order",
        "requestBody": {"required": True, "content": {JSON: {"schema": _ref("Batch")}}},
        "responses": {"200": _json(_ref("Results"), "Each command decided (or a duplicate)"),
                      "400": _error("Not a batch; no command was applied"),
                      "401": UNAUTHORIZED, "413": _error("Body too large"),
                      "500": _json(_ref("BatchInterrupted"),
                                   "The database failed mid-batch; results of those committed")}}},
    "/api/v1/incidents": {"get": _get(
        "Incident snapshots, newest first",
        _json(_obj(["incidents"], {"incidents": {"type": "array", "items": _ref("Incident")}}),
              "Incidents"),
        params=[{"name": "status", "in": "query", "required": False,
                 "schema": {"type": "string",
                            "enum": ["open", "all", *[s.value for s in IncidentStatus]]}}],
        more={"400": BAD_QUERY})},
    "/api/v1/incidents/{id}": {"get": _get(
        "One incident's snapshot", _json(_ref("Incident"), "The incident"),
        params=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        more={"404": _error("No such incident")})},
    "/api/v1/cases/{id}": {"get": _get(
        "Her case (expediente) as the reader may see it for a purpose; audited (case.read)",
        _json(_obj(["id", "groups"], {
            "id": {"type": "string"},
            "groups": {"type": "array", "items": {"type": "string"},
                       "description": "The field groups of resources/cases/access.toml given"},
        }, description="Only the fields of the groups given (case_fields.py names them)"),
            "The projected case"),
        params=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "purpose", "in": "query", "required": True, "schema": {
                    "type": "string", "enum": ["dispatch", "follow_up", "case_work", "registry",
                                               "coordination_summary", "coordination_full"]},
                 "description": "Why it is read: one of the reader's role's purposes"},
                {"name": "incident_id", "in": "query", "required": False,
                 "schema": {"type": "string"},
                 "description": "The incident it is read for (an open incident of hers grants "
                                "the dispatch purpose)"}],
        more={"400": _error("No purpose, or not one of the role's"),
              "403": _error("Need-to-know: no access for this role, purpose and grounds; a "
                            "liaison (enlace, no purpose needed): the case is not shared with "
                            "her agency (audited case.agency_read, a security event)"),
              "404": _error("No such case")})},
    "/api/v1/cases/{id}/agency-reads": {"get": _get(
        "Her case's shares with other agencies and every read a liaison made of it (who, at "
        "which agency, when, at which level, which fields; refused reads too): supervisors and "
        "the specialist desk; audited (agency_reads.read)",
        _json(_obj(["case_id", "shares", "reads"], {
            "case_id": {"type": "string"},
            "shares": {"type": "array", "items": {"type": "object"},
                       "description": "case_share records, oldest first"},
            "reads": {"type": "array", "items": _obj(
                ["at", "user", "agency", "outcome"],
                {"at": {"type": "number"}, "user": {"type": "string"},
                 "agency": {"type": "string"}, "outcome": {"type": "string"},
                 "via": {"type": "string", "enum": ["read", "feed"]},
                 "level": {"type": "string"},
                 "fields": {"type": "array", "items": {"type": "string"}},
                 "audit_seq": {"type": "integer"}})},
        }), "Shares and reads"),
        params=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        more={"403": _error("Role may not read who read a case"),
              "404": _error("No such case")})},
    "/api/v1/meetings/{id}/agenda": {"get": _get(
        "The agenda prepared for a coordination meeting (issue 15): the cases shared with its "
        "agencies at risk alto/extremo (and the view each can be reviewed at), their incidents "
        "since the previous meeting, the overdue tasks of its agencies, the orders ending "
        "within orders_expiring_days; supervisors, the specialist desk and admins; audited "
        "(meeting.agenda)",
        _json(_obj(["meeting_id", "date", "agencies", "since_meeting", "since", "cases",
                    "new_incidents", "overdue_tasks", "orders_expiring", "orders_expiring_days"], {
            "meeting_id": {"type": "string"}, "date": {"type": "string"},
            "agencies": {"type": "array", "items": {"type": "string"}},
            "since_meeting": {"type": "string", "description": "The previous meeting (or \"\")"},
            "since": {"type": "string", "description": "Its date and time, YYYY-MM-DD HH:MM"},
            "cases": {"type": "array", "items": _obj(
                ["case_id", "name", "risk_level", "shared_with", "view"], {
                    "case_id": {"type": "string"}, "name": {"type": "string"},
                    "risk_level": {"type": "string"},
                    "shared_with": {"type": "array", "items": {"type": "string"}},
                    "view": {"type": "string", "enum": ["completo", "reducido"]}})},
            "new_incidents": {"type": "array", "items": {"type": "object"}},
            "overdue_tasks": {"type": "array", "items": {"type": "object"}},
            "orders_expiring": {"type": "array", "items": {"type": "object"}},
            "orders_expiring_days": {"type": "integer"}}), "The agenda"),
        params=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        more={"403": _error("Role may not read meetings (a liaison: her agency's part comes on "
                            "the feed)"),
              "404": _error("No such meeting")})},
    "/api/v1/meetings/{id}/minutes.pdf": {"get": _get(
        "The minutes of a coordination meeting as PDF: attendance, per case its agreements and "
        "tasks, 'Firmado por <chair> el <fecha>' once the chair signed (else watermarked "
        "BORRADOR); supervisors, the specialist desk and admins; audited (meeting.minutes)",
        {"description": "The minutes",
         "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
        params=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        more={"403": _error("Role may not read meetings"), "404": _error("No such meeting")})},
    "/api/v1/incidents/{id}/history": {"get": _get(
        "The incident's history (prior incidents, her orders, risk, aggressor, possible "
        "duplicates) as the reader's role receives it on the feed; audited (history.read). "
        "Operators: while the incident is open; supervisors: always",
        _json(_obj(["id"], {"id": {"type": "string"}}, description="A history record, projected"),
              "The history"),
        params=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        more={"403": _error("Need-to-know: not for this role now"),
              "404": _error("No such incident")})},
    "/api/v1/follow-up/overdue": {"get": _get(
        "Planned visits an hour late and plans whose follow-up call is late, highest risk "
        "first; shift leads, supervisors, admins; audited (follow_up.overdue.read)",
        _json(_obj(["at", "overdue"], {"at": {"type": "number"},
                                       "overdue": {"type": "array", "items": {"type": "object"}}}),
              "The overdue list"),
        params=[{"name": "at", "in": "query", "required": False, "schema": {"type": "number"},
                 "description": "Judge at this time (epoch seconds; default now)"}],
        more={"400": _error("at is not a time"), "403": _error("Not for this role")})},
    "/api/v1/follow-up/counts": {"get": _get(
        "Visits made (with and without GPS proof), interviews, calls in [from, to); shift "
        "leads, supervisors, admins; audited (follow_up.counts.read)",
        _json(_obj(["visits", "visits_gps", "visits_manual", "interviews", "calls", "calls_reached"],
                   {k: {"type": "integer"} for k in ("visits", "visits_gps", "visits_manual",
                                                     "interviews", "calls", "calls_reached")}),
              "The counts"),
        params=[{"name": n, "in": "query", "required": False, "schema": {"type": "number"}}
                for n in ("from", "to")],
        more={"400": _error("Bad period"), "403": _error("Not for this role")})},
    "/api/v1/reports/period": {"get": _get(
        "The period report (issue 14): persons attended, incidents, NT911 times, follow-up, "
        "interventions, referrals, BANAVIM, devices; from/to are C4 days, both included "
        "(default: last month); supervisors, admins; audited (reports.period.read)",
        {"description": "The report in the format asked for",
         "content": {JSON: {"schema": _obj(["from", "to", "tables"], {
             "from": {"type": "string"}, "to": {"type": "string"},
             "tables": {"type": "array", "items": {"type": "object"}}})},
             "application/zip": {"schema": {"type": "string", "format": "binary"}},
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                 {"schema": {"type": "string", "format": "binary"}},
             "application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
        params=[*({"name": n, "in": "query", "required": False, "schema": {"type": "string"},
                   "description": "YYYY-MM-DD"} for n in ("from", "to")),
                {"name": "format", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": ["json", "csv", "xlsx", "pdf"]}}],
        more={"400": _error("Bad period (not a date, end before start, over 5 years) or "
                            "unknown format"), "403": _error("Not for this role")})},
    "/api/v1/reports/open-data": {"get": _get(
        "The open-data export (issue 14; docs/open_data.md): incidents per colonia and month, "
        "every cell under 5 (zero included) shown as \"<5\", complementary suppression, no "
        "totals, no personal data; from/to are months, both included (a day stands for its "
        "month; default: last month); supervisors, admins; audited (reports.open_data.read)",
        {"description": "Rows mes, colonia, incidentes (a count of 5 or more, or \"<5\")",
         "content": {"text/csv": {"schema": {"type": "string"}},
                     JSON: {"schema": _obj(["from", "to", "threshold", "columns", "rows"], {
                         "from": {"type": "string"}, "to": {"type": "string"},
                         "threshold": {"type": "integer"},
                         "columns": {"type": "array", "items": {"type": "string"}},
                         "rows": {"type": "array", "items": {"type": "array"}}})}}},
        params=[*({"name": n, "in": "query", "required": False, "schema": {"type": "string"},
                   "description": "YYYY-MM (or YYYY-MM-DD)"} for n in ("from", "to")),
                {"name": "format", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": ["csv", "json"]}}],
        more={"400": _error("Bad period (not a month, end before start, over 5 years) or "
                            "unknown format"), "403": _error("Not for this role")})},
    "/api/v1/observatory": {"get": _get(
        "The observatory (issue 14): incidents per cuadrante and colonia (ranked), heat "
        "points on a ~110 m grid, hour of day x day of week and months in C4 time; from/to "
        "are C4 days, both included (default: last month); type, channel, risk filter "
        "(comma-separated or repeated); supervisors, admins; audited (observatory.read)",
        _json(_obj(["period", "filters", "cuadrantes", "colonias", "heat", "hour_weekday",
                    "months", "total"], {
            "period": {"type": "object"}, "filters": {"type": "object"},
            "cuadrantes": {"type": "array", "items": {"type": "object"}},
            "colonias": {"type": "array", "items": {"type": "object"}},
            "heat": {"type": "array", "items": {"type": "array"}},
            "hour_weekday": {"type": "array", "items": {"type": "array"}},
            "months": {"type": "array", "items": {"type": "object"}},
            "total": {"type": "integer"}, "unplaced": {"type": "integer"}}), "The observatory"),
        params=[*({"name": n, "in": "query", "required": False, "schema": {"type": "string"},
                   "description": "YYYY-MM-DD"} for n in ("from", "to")),
                *({"name": n, "in": "query", "required": False, "schema": {"type": "string"}}
                  for n in ("type", "channel", "risk"))],
        more={"400": _error("Bad period (not a date, end before start, over 5 years), unknown "
                            "type, channel or risk level"), "403": _error("Not for this role")})},
    "/api/v1/observatory/posters.pdf": {"get": _get(
        "The WhatsApp QR posters of the sectors asked for, one PDF page each; supervisors, "
        "admins; audited (observatory.posters)",
        {"description": "The posters",
         "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
        params=[{"name": "sectors", "in": "query", "required": True, "schema": {"type": "string"},
                 "description": "S1,S4"},
                {"name": "phone", "in": "query", "required": True, "schema": {"type": "string"},
                 "description": "the C4's WhatsApp number, E.164"}],
        more={"400": _error("No or unknown sector, or a phone that is not E.164"),
              "403": _error("Not for this role")})},
    "/api/v1/agencies": {
        "get": _get(
            "The agencies (issue 15) with their accounts and shares in force today; admins, "
            "supervisors and the specialist desk; audited (agencies.read)",
            _json(_obj(["agencies", "kinds"], {
                "agencies": {"type": "array", "items": _obj(
                    ["id", "name", "kind", "contact", "accounts", "active_shares"], {
                        **_AGENCY["properties"], "accounts": {"type": "integer"},
                        "active_shares": {"type": "integer"}})},
                "kinds": {"type": "object", "additionalProperties": {"type": "string"}}}),
                "Agencies and the kinds catalogue"),
            more={"403": _error("Not for this role")}),
        "post": {
            "summary": "Add an agency; admins only; audited (agency.add)",
            "parameters": [],
            "requestBody": {"required": True, "content": {JSON: {"schema": _obj(
                ["id", "name", "kind"], {"id": {"type": "string"}, "name": {"type": "string"},
                                         "kind": {"type": "string"},
                                         "contact": {"type": "string"}})}}},
            "responses": {"201": _json(_AGENCY, "The agency created"), "401": UNAUTHORIZED,
                          "400": _error("Bad id, empty name, unknown kind, bad body"),
                          "403": _error("Not for this role"),
                          "409": _error("An agency with that id or name exists")}}},
    "/api/v1/agencies/{id}": {"patch": {
        "summary": "Change an agency's contact; admins only; audited (agency.contact)",
        "parameters": [{"name": "id", "in": "path", "required": True,
                        "schema": {"type": "string"}}],
        "requestBody": {"required": True, "content": {JSON: {"schema": _obj(
            ["contact"], {"contact": {"type": "string"}})}}},
        "responses": {"200": _json(_AGENCY, "The agency"), "401": UNAUTHORIZED,
                      "400": _error("Bad body"), "403": _error("Not for this role"),
                      "404": _error("No such agency")}}},
    "/api/v1/units": {"get": _get(
        "All patrol units", _json(_obj(["units"], {"units": {"type": "array", "items": _ref("Unit")}}),
                                  "Units"))},
    "/api/v1/devices": {"get": _get(
        "All devices: panic devices and unit trackers",
        _json(_obj(["devices"], {"devices": {"type": "array", "items": _ref("Device")}}), "Devices"))},
    "/api/v1/devices/import": {"post": {
        "summary": "Import delivered panic devices from a CSV file; supervisors and admins",
        "description": "The body is the CSV file (UTF-8, at most 1 MiB) with the columns of "
                       "'c4central devices import' (docs/protocol.md, 'Devices import'). Each row "
                       "is imported in its own transaction; the answer reports every row. Every "
                       "call is audited (device.import); a refusal of the role is a security event.",
        "parameters": [{"name": "filename", "in": "query", "required": False,
                        "description": "The file's name, quoted in the report and the audit log",
                        "schema": {"type": "string", "maxLength": 120}}],
        "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}},
        "responses": {
            "200": _json(_obj(["source", "counts", "rows"], {
                "source": {"type": "string"},
                "counts": {"type": "object", "additionalProperties": {"type": "integer"},
                           "description": "Rows by outcome: imported, updated, unchanged, refused"},
                "rows": {"type": "array", "items": _obj(
                    ["line", "device_id", "outcome", "reason", "changed"], {
                    "line": {"type": "integer", "description": "Line of the file (header: 1)"},
                    "device_id": {"type": "string"},
                    "outcome": {"type": "string",
                                "enum": ["imported", "updated", "unchanged", "refused"]},
                    "reason": {"type": "string", "description": "Why a row was refused"},
                    "changed": {"type": "array", "items": {"type": "string"},
                                "description": "For an updated row: the fields it changed "
                                               "(device_* for her device's)"}})}}),
                "The row-by-row report"),
            "400": _error("Not a readable devices file (not UTF-8, empty, missing columns); "
                          "nothing imported"),
            "401": UNAUTHORIZED,
            "403": _error("Role may not import devices (audited, security event)"),
            "413": _error("File larger than 1 MiB; nothing imported"),
            "415": _error("Body is not text/csv; nothing imported")}}},
    "/api/v1/media/{name}": {"get": {
        "summary": "A WhatsApp media file the central downloaded and checked (photo, voice note, "
                   "document); its name is on the chat_media timeline event",
        "parameters": [{"name": "name", "in": "path", "required": True,
                        "description": "<sha256 of the file>.<extension>",
                        "schema": {"type": "string"}}],
        "responses": {
            "200": {"description": "The file (images inline, other kinds as an attachment)",
                    "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}},
            "400": _error("Not a stored media name"),
            "401": UNAUTHORIZED,
            "404": _error("No such file on this central")}}},
    "/api/v1/jurisdiction": {"get": {
        "summary": "The jurisdiction this central locates incidents with: its sectors, "
                   "cuadrantes and colonias as GeoJSON; any logged-in account",
        "description": "The FeatureCollection loaded from the central's --jurisdiction file "
                       "(one Polygon per cuadrante with the properties sector, cuadrante, "
                       "colonia and optionally sector_name). Consoles draw their map, roster "
                       "sectors and home picker from it and cache it. It is not personal data: "
                       "every role may read it and reads are not audited. The ETag is the "
                       "document's version (sha256 of its canonical JSON); send it back in "
                       "If-None-Match to get 304 while it has not changed.",
        "parameters": [{"name": "If-None-Match", "in": "header", "required": False,
                        "description": "The ETag of the copy the client holds",
                        "schema": {"type": "string"}}],
        "responses": {
            "200": {"description": "The jurisdiction (ETag: its version)",
                    "headers": {"ETag": {"schema": {"type": "string"},
                                         "description": "\"<sha256 hex>\""}},
                    "content": {"application/geo+json": {"schema": _ref("FeatureCollection")}}},
            "304": {"description": "The copy named in If-None-Match is current",
                    "headers": {"ETag": {"schema": {"type": "string"}}}},
            "401": UNAUTHORIZED,
            "404": _error("This central has no jurisdiction (start it with --jurisdiction FILE)")}}},
    "/api/v1/calls": {"post": {
        "summary": "Screen pop: the telephone system posts a call as it is answered; service "
                   "accounts of role telephony only",
        "description": "Idempotent by call_id: the first post answers 201 with the new record, "
                       "every later one 200 with the stored record (its body is ignored). The "
                       "call reaches the consoles on the feed (entity call) with her history. "
                       "See docs/telephony.md.",
        "requestBody": {"required": True, "content": {JSON: {"schema": _ref("ScreenPop")}}},
        "responses": {
            "200": _json(_obj(["call", "created"], {"call": _ref("Call"),
                                                    "created": {"type": "boolean"}}),
                         "A call already recorded: the stored record"),
            "201": _json(_obj(["call", "created"], {"call": _ref("Call"),
                                                    "created": {"type": "boolean"}}),
                         "Recorded"),
            "400": _json(_obj(["error", "reason"], {
                "error": {"type": "string"},
                "reason": {"type": "string", "enum": [
                    "bad_body", "unknown_field", "bad_call_id", "bad_number", "bad_time",
                    "bad_location", "bad_field", "too_long"]}}),
                "A field is wrong (the message names it); nothing was recorded"),
            "401": UNAUTHORIZED,
            "403": _error("Not the telephone system's account (a security event)"),
            "413": _error("Body too large")}}},
    "/api/v1/calls/{id}": {"get": _get(
        "One call as the reader's role receives it on the feed (need-to-know: operators while "
        "the call or its incident is open); audited (call.read)", _json(_ref("Call"), "The call"),
        params=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        more={"403": _error("Need-to-know: not for this role now"),
              "404": _error("No such call")})},
    "/api/v1/cases/{id}/interventions": {"get": _get(
        "Her case's interventions, oldest first, each as the reader's role may hold it "
        "([interventions] of access.toml: operators and shift leads only that one happened, "
        "while her case has an open incident); audited (interventions.read)",
        _json(_obj(["case_id", "interventions"], {
            "case_id": {"type": "string"},
            "interventions": {"type": "array", "items": _ref("Intervention")}}), "Interventions"),
        params=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        more={"403": _error("Role may not read interventions"), "404": _error("No such case")})},
    "/api/v1/referrals": {"get": _get(
        "The specialist desk's queue, newest first; the roles of access.toml's [[records]] "
        "(supervisor, psicologa, abogada); audited (referrals.read)",
        _json(_obj(["referrals"], {"referrals": {"type": "array", "items": _ref("Referral")}}),
              "Referrals"),
        params=[{"name": "status", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": ["waiting", "all"]}}],
        more={"400": BAD_QUERY, "403": _error("Role may not read the desk's queue")})},
    "/api/v1/banavim/export": {"get": _get(
        "BANAVIM records of one case's registrations, or of every case marked and not yet "
        "registered (docs/banavim.md); supervisor, psicologa, abogada; audited (banavim.export)",
        {"description": "Every record complete: JSON {records, left_out: []} or the CSV",
         "content": {JSON: {"schema": _obj(["records", "left_out"], {
             "records": {"type": "array", "items": {"type": "object"}},
             "left_out": {"type": "array", "maxItems": 0}})},
             "text/csv": {"schema": {"type": "string"}}}},
        params=[{"name": "case_id", "in": "query", "required": False,
                 "schema": {"type": "string"}},
                {"name": "format", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": ["json", "csv"]}}],
        more={"400": BAD_QUERY, "403": _error("Role may not export BANAVIM records"),
              "404": _error("No such case"), "409": _error("The case is not marked for BANAVIM"),
              "422": _json(_obj(["error", "reason", "records", "left_out"], {
                  "error": {"type": "string"}, "reason": {"type": "string"},
                  "records": {"type": "array", "items": {"type": "object"}},
                  "csv": {"type": "string"},
                  "left_out": {"type": "array", "items": _obj(
                      ["case_id", "incident_id", "missing"], {
                          "case_id": {"type": "string"}, "incident_id": {"type": "string"},
                          "missing": {"type": "array", "items": {"type": "object"}}})}}),
                  "Some record lacks a required field: the complete ones, and which were left "
                  "out and why"),
              "503": _error("No usable BANAVIM field map at this central")})},
    "/api/v1/institutions": {"get": _get(
        "The institutions women are referred to (contact data, what each needs, overdue hours)",
        _json(_obj(["institutions"], {"institutions": {"type": "array",
                                                       "items": _ref("Institution")}}),
              "The catalogue"),
        more={"403": _error("Not a person at a console")})},
    "/api/v1/institution-referrals": {"get": _get(
        "Referrals to institutions, newest first; the roles of access.toml's [[records]] "
        "(supervisor, psicologa, abogada); audited (institution_referrals.read)",
        _json(_obj(["institution_referrals"], {"institution_referrals": {
            "type": "array", "items": _ref("InstitutionReferral")}}), "Referrals"),
        params=[{"name": "case_id", "in": "query", "required": False,
                 "schema": {"type": "string"}},
                {"name": "overdue", "in": "query", "required": False,
                 "description": "true: only those still enviada longer than their institution allows",
                 "schema": {"type": "string", "enum": ["true", "false"]}}],
        more={"400": BAD_QUERY, "403": _error("Role may not read referrals to institutions")})},
    "/api/v1/places": {"get": {
        "summary": "The jurisdiction's streets, colonias and landmarks for the location search; "
                   "any logged-in account",
        "description": "{format: c4-places/1, files: {streets, colonias, landmarks}}: the CSV "
                       "files beside the central's jurisdiction file (maps/README.md). ETag: "
                       "sha256 of the document; If-None-Match → 304.",
        "parameters": [{"name": "If-None-Match", "in": "header", "required": False,
                        "schema": {"type": "string"}}],
        "responses": {
            "200": {"description": "The places (ETag: their version)",
                    "headers": {"ETag": {"schema": {"type": "string"}}},
                    "content": {JSON: {"schema": _obj(["format", "files"], {
                        "format": {"type": "string", "enum": ["c4-places/1"]},
                        "files": {"type": "object",
                                  "additionalProperties": {"type": "string"}}})}}},
            "304": {"description": "The copy named in If-None-Match is current",
                    "headers": {"ETag": {"schema": {"type": "string"}}}},
            "401": UNAUTHORIZED,
            "404": _error("This central has no places beside its jurisdiction")}}},
    "/api/v1/security-events": {"get": _get(
        "Security events (failed logins, refused commands, unknown devices); supervisors and admins",
        _json(_obj(["events", "last_id"], {"events": {"type": "array", "items": _ref("SecurityEvent")},
                                          "last_id": {"type": "integer"}}), "Events after 'since'"),
        params=[SINCE, LIMIT], more={"400": BAD_QUERY, "403": _error("Role may not read them")})},
    "/api/v1/users": {"get": _get(
        "Names and roles of the accounts, for the shift roster; shift leads, supervisors and "
        "admins (a refusal is audited and a security event)",
        _json(_obj(["users"], {"users": {"type": "array", "items": _obj(["name", "role"], {
            "name": {"type": "string"}, "role": {"type": "string"}})}}), "Accounts by name"),
        more={"403": _error("Role may not read the accounts")})},
    "/api/v1/audit": {"get": _get(
        "The audit log, newest first; supervisors and admins (a refusal is itself audited)",
        {"description": "Matching entries (format=json) or CSV with a header row (format=csv)",
         "content": {JSON: {"schema": _obj(["entries", "count", "next_before"], {
             "entries": {"type": "array", "items": _ref("AuditEntry")},
             "count": {"type": "integer", "minimum": 0},
             "next_before": {"type": ["integer", "null"],
                             "description": "Pass as 'before' for the next (older) page"}})},
                     "text/csv": {"schema": {"type": "string"}}}},
        params=[{"name": name, "in": "query", "required": False, "description": text,
                 "schema": {"type": "string", "maxLength": 120}} for name, text in (
                    ("actor", "User name"), ("incident", "Incident id"),
                    ("action", "Action, or its prefix before a dot ('command' matches command.*)"),
                    ("since", "From this time: epoch seconds or ISO 8601 (UTC if no zone)"),
                    ("until", "Up to this time (inclusive): epoch seconds or ISO 8601"))]
               + [{"name": "before", "in": "query", "required": False,
                   "description": "Only entries with a smaller seq (paging)",
                   "schema": {"type": "integer", "minimum": 0, "maximum": MAX_SEQ}},
                  LIMIT,
                  {"name": "format", "in": "query", "required": False,
                   "schema": {"type": "string", "enum": ["json", "csv"]}}],
        more={"400": BAD_QUERY,
              "403": _error("Role may not read the audit log (recorded as a security event)")})},
}


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (a fresh dict each call)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "c4central console API", "version": __version__,
                 "description": "Console ↔ central protocol of c4console; see docs/protocol.md. "
                                "Times are UTC epoch seconds."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": copy.deepcopy(PATHS),
        "components": {"schemas": copy.deepcopy(SCHEMAS),
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                      "description": "Token from POST /auth/login"}}},
    }
