"""Who may do what: the one table of roles for commands and restricted reads.

The central checks every command and restricted read against this table before
answering (a console hiding a button is not security); the console asks the same
table which tools to show a role, so the two never disagree. Pure: no records,
no I/O — the check that needs the records (an operator taking another operator's
patrol) stays at the central (central/permissions.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """Roles of the accounts that log in (stored on the user, stable wire values)."""

    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    SHIFT_LEAD = "shift_lead"
    ADMIN = "admin"
    # The telephony gateway's service account: it opens (and ends) the live audio
    # sessions of panic devices and may do nothing a person at a console does.
    AUDIO_GATEWAY = "audio_gateway"
    # The telephone system's (PBX's) service account: it posts 911 screen pops
    # (POST /api/v1/calls) and may do nothing a person at a console does.
    TELEPHONY = "telephony"
    # The specialist desk (issue 12): psychological and legal first intervention. They log
    # in to the same console and work the desk's queue and her case; they dispatch nothing.
    PSICOLOGA = "psicologa"
    ABOGADA = "abogada"
    # One account holding both desks (psychological and legal): reads what each reads.
    ESPECIALISTA = "especialista"
    # A liaison of another agency (issue 15): reads only the cases shared with her agency, at
    # the level shared; no queue, no map of patrols, no audio, no command of the C4's work.
    ENLACE = "enlace"


# Whoever works incidents at a console (never the service accounts, never the desk).
EVERYONE = frozenset({Role.OPERATOR, Role.SUPERVISOR, Role.SHIFT_LEAD, Role.ADMIN})
SPECIALISTS = frozenset({Role.PSICOLOGA, Role.ABOGADA, Role.ESPECIALISTA})
LIAISONS = frozenset({Role.ENLACE})
PEOPLE = EVERYONE | SPECIALISTS | LIAISONS  # every person who logs in to a console
LEADS = frozenset({Role.SHIFT_LEAD, Role.ADMIN})
OVERSIGHT = frozenset({Role.SUPERVISOR, Role.ADMIN})

# Command type → roles allowed to send it. Every role can work an incident: a
# supervisor or shift lead covering a desk must not be locked out of the queue.
COMMAND_ROLES: dict[str, frozenset[str]] = {
    "acknowledge": EVERYONE,
    "dispatch": EVERYONE,
    "set_status": EVERYONE,
    "close": EVERYONE,
    "add_note": EVERYONE,
    "classify": EVERYONE,
    "create_incident": EVERYONE,
    "unit_status": EVERYONE,
    "add_bookmark": OVERSIGHT,  # bookmarks on recordings: whoever reviews them
}

# (command type, field, value) → roles: narrower rules for one value of a field.
# Taking a patrol out of service removes it from every dispatch: shift leads only.
VALUE_ROLES: dict[tuple[str, str, str], frozenset[str]] = {
    ("unit_status", "status", "out_of_service"): LEADS,
}

# The central's own WhatsApp gateway submits with the pseudo-role "gateway" (no account can
# have it): only it records what a citizen wrote (chat_message direction in) and opens the
# incident of a new conversation; everyone at a console sends the replies (direction out).
GATEWAY = "gateway"
COMMAND_ROLES["chat_message"] = EVERYONE | {GATEWAY}
COMMAND_ROLES["create_incident"] = COMMAND_ROLES["create_incident"] | {GATEWAY}
VALUE_ROLES[("chat_message", "direction", "in")] = frozenset({GATEWAY})

# Arming a delivered panic device for its test activation: the registry's people.
COMMAND_ROLES["start_device_test"] = OVERSIGHT
# Ending that test mode early (from the registry): the same people.
COMMAND_ROLES["cancel_device_test"] = OVERSIGHT

# A call to her about her device's health (silent, low, tampered): whoever makes it.
COMMAND_ROLES["record_health_call"] = EVERYONE

# A panic device's life (core/device_lifecycle_commands.py): the registry's people ask for a
# device for her, deliver it (with her training), record her test call, put it in use and
# take it back (returned, lost, broken); only a supervisor approves it after her case
# analysis, or withdraws a request. (The specialist desk's roles have no accounts yet; a
# request from the desk reaches the registry through a supervisor.)
SUPERVISORS = frozenset({Role.SUPERVISOR})
for _kind in ("request_device", "deliver_device", "record_device_test", "put_device_in_use",
              "end_device_use", "restock_device"):
    COMMAND_ROLES[_kind] = OVERSIGHT
COMMAND_ROLES["approve_device"] = SUPERVISORS
COMMAND_ROLES["withdraw_device_request"] = SUPERVISORS

# Moving a patrol to another sector: the shift's leads.
COMMAND_ROLES["reassign_unit"] = LEADS

# Editing a beneficiary's record (person, protection order, trusted contacts): oversight.
COMMAND_ROLES["update_beneficiary"] = OVERSIGHT

# The shift roster (who works when, with which patrols and sectors): the shift's leads.
COMMAND_ROLES["set_shift"] = LEADS

# Unlocking a login locked after failed attempts (an operator shut out mid-shift): the leads.
COMMAND_ROLES["unlock_login"] = LEADS

# The case (expediente): supervisors and admins edit it, assess her risk and record
# episodes; anyone at a console may open one from her incident ("abrir expediente") and
# confirm a suggested link (the case fields each role then *sees* are need-to-know's,
# resources/cases/access.toml). Operators and shift leads open a case only from an
# incident: FIELD_REQUIRED below.
COMMAND_ROLES["open_case"] = EVERYONE
COMMAND_ROLES["link_incident"] = EVERYONE
COMMAND_ROLES["update_case"] = OVERSIGHT
COMMAND_ROLES["assess_risk"] = OVERSIGHT
COMMAND_ROLES["record_episode"] = OVERSIGHT

# A protection order's exclusion zones, the distance to keep from her and the aggressor's
# tracker (core/zones): the people who keep her case — supervisors and admins (no
# specialist role has an account yet). Operators send nothing of it; they *read* an
# order's zones and his position only while its proximity incident is open
# (resources/cases/access.toml [exclusion_zones]).
COMMAND_ROLES["set_exclusion_zones"] = OVERSIGHT

# Live audio sessions (POST /audio-sessions): the gateway's service account opens them;
# supervisors and admins also for a device test activation (its incident is a test).
AUDIO_SESSION_OPEN = frozenset({Role.AUDIO_GATEWAY})
AUDIO_SESSION_OPEN_TEST = OVERSIGHT
# Ending a live recording: the gateway, the shift's leads, and the incident's owner.
AUDIO_SESSION_END = LEADS | {Role.AUDIO_GATEWAY}
# The call intake (issue 11): whoever works incidents takes a call, links it to an open
# incident, reclassifies and hands a call to the specialist desk.
for _kind in ("take_call", "link_call", "reclassify_incident", "hand_to_specialists"):
    COMMAND_ROLES[_kind] = EVERYONE

# The specialist desk (issue 12, core/specialists/commands.py): the specialists record their
# interventions and schedule (or cancel) the next contact. Each desk records its own kind:
# a psychological intervention a psychologist, a legal one a lawyer, both only one account
# holding both desks (especialista).
PSYCHOLOGISTS = frozenset({Role.PSICOLOGA, Role.ESPECIALISTA})
LAWYERS = frozenset({Role.ABOGADA, Role.ESPECIALISTA})
for _kind in ("record_intervention", "schedule_follow_up", "cancel_follow_up"):
    COMMAND_ROLES[_kind] = SPECIALISTS
VALUE_ROLES[("record_intervention", "kind", "psicologica")] = PSYCHOLOGISTS
VALUE_ROLES[("record_intervention", "kind", "juridica")] = LAWYERS
VALUE_ROLES[("record_intervention", "kind", "ambas")] = frozenset({Role.ESPECIALISTA})
# BANAVIM registration (issue 12, core/banavim/commands.py): the people who keep her case
# — supervisors and the specialist desk — mark a case for BANAVIM and record its folio.
BANAVIM_ROLES = frozenset({Role.SUPERVISOR}) | SPECIALISTS
for _kind in ("mark_for_banavim", "record_banavim_folio"):
    COMMAND_ROLES[_kind] = BANAVIM_ROLES
# Referrals of her case to an institution (canalización, issue 12): the specialist desk
# refers her and records what the institution answered; supervisors too (they keep her
# case). Operators and shift leads never see a referral (resources/cases/access.toml).
for _kind in ("refer_to_institution", "set_institution_referral_status"):
    COMMAND_ROLES[_kind] = SPECIALISTS | SUPERVISORS
# Follow-up of protection orders (issue 13, core/follow_up). Her plan (its intervals, the
# places visited, the GPS proof radius) is set and changed by a supervisor, with a reason
# (admins too, as for her case). The shift's leads plan the visits onto units and move
# them (another unit or time, like a dispatch). A visit made without GPS proof is recorded
# by hand, and its outcome added, by whoever works the shift's desk (operators for the
# crew on the radio, shift leads). Interviews and follow-up calls are recorded by whoever
# makes them: anyone at a console, the specialist desk included.
COMMAND_ROLES["set_follow_plan"] = OVERSIGHT
for _kind in ("plan_visits", "move_visit"):
    COMMAND_ROLES[_kind] = LEADS | OVERSIGHT
for _kind in ("record_visit", "visit_outcome"):
    COMMAND_ROLES[_kind] = EVERYONE
for _kind in ("record_interview", "record_follow_call"):
    COMMAND_ROLES[_kind] = EVERYONE | SPECIALISTS

# Sharing her case with another agency (issue 15, core/agencies): a supervisor or the
# specialist desk shares and revokes; only a psychologist (or the account holding both
# desks) takes the separate, explicit step that lets her psychological notes go with it.
for _kind in ("share_case", "revoke_case_share"):
    COMMAND_ROLES[_kind] = SUPERVISORS | SPECIALISTS
COMMAND_ROLES["share_psych_notes"] = PSYCHOLOGISTS

# Coordination meetings (issue 15, core/coordination): supervisors and the specialist desk
# convene a meeting and record its minutes (the chair signs them); a task is marked done by
# the C4's staff or by a liaison of the task's own agency — the only command a liaison sends
# (the central checks her agency before the core decides: central/coordination/guard.py).
for _kind in ("schedule_meeting", "record_attendance", "add_case_to_meeting", "record_agreement",
              "assign_task", "sign_minutes"):
    COMMAND_ROLES[_kind] = SUPERVISORS | SPECIALISTS
COMMAND_ROLES["complete_task"] = SUPERVISORS | SPECIALISTS | LIAISONS

# (command type, field) → roles that may send the command without that field.
FIELD_REQUIRED: dict[tuple[str, str], frozenset[str]] = {
    ("open_case", "incident_id"): OVERSIGHT,  # others open a case only from an incident
}

# Reads that not every role may make (read name → roles).
READ_ROLES: dict[str, frozenset[str]] = {
    "security_events": OVERSIGHT,
    # Names and roles of the accounts, for the roster editor (and the shift handover).
    "users": LEADS | OVERSIGHT,
    # The audit log (GET /audit, JSON and CSV).
    "audit": OVERSIGHT,
    # The list of recorded audio sessions (GET /recordings).
    "recordings": OVERSIGHT,
    # Replaying or exporting one recording (GET /recordings/{id}/…).
    "replay": OVERSIGHT,
    # The shift handover report (made at the console from what it mirrors): whoever runs
    # or oversees a shift.
    "handover_report": LEADS | OVERSIGHT,
    # Importing delivered panic devices from a CSV (POST /devices/import): the registry's people.
    "device_import": OVERSIGHT,
    # The device health board (every device's battery, signal, last report): whoever plans
    # the follow-up of her device. The central sends the records only to these roles
    # (resources/cases/access.toml [device_health]); everyone sees the call tasks they get.
    "device_health": LEADS | OVERSIGHT,
    # Posting a screen pop (POST /api/v1/calls): the telephone system's service account only.
    "screen_pop": frozenset({Role.TELEPHONY}),
    # The change feed (GET /changes, the stream) and the call intake's reads: people only.
    "feed": PEOPLE,
    # A live audio session waiting for her alarm (her call came first; no incident yet):
    # the shift's leads and supervisors see and hear it, like her incident's audio once
    # it opens; the gateway that opened it too. Operators meet it on her incident.
    "waiting_audio": LEADS | OVERSIGHT | {Role.AUDIO_GATEWAY},
    # Every protection order's exclusion zones and the aggressors' trackers, at any time
    # (the access table gives operators and shift leads an order only while its proximity
    # incident is open).
    "exclusion_zones": OVERSIGHT,
    # The BANAVIM export (GET /api/v1/banavim/export, c4central banavim export): her
    # victim profile, episode, aggressors, orders and services — the same people who mark
    # and register it (issue 12).
    "banavim_export": BANAVIM_ROLES,
    # The follow-up's overdue list and counts (GET /follow-up/…; the handover report and
    # the monthly statistics): whoever plans and oversees the follow-up.
    "follow_up": LEADS | OVERSIGHT,
    # Who at another agency read which of her cases, when (GET /cases/{id}/agency-reads).
    "agency_reads": SUPERVISORS | SPECIALISTS,
    # A meeting's agenda and its minutes as PDF (GET /meetings/{id}/agenda, minutes.pdf): the
    # C4's people who convene and record meetings, and admins (issue 15). A liaison is refused.
    "meetings": SUPERVISORS | SPECIALISTS | frozenset({Role.ADMIN}),
    # The period report (GET /reports/period, c4central report; issue 14): the figures a
    # C4 publishes, counted from every case and incident of the period.
    "period_report": OVERSIGHT,
    # The open-data export (GET /reports/open-data, c4central open-data; issue 14): counts
    # per colonia and month with small cells suppressed, made to be published — read by
    # those who decide to publish it.
    "open_data": OVERSIGHT,
    # The observatory (GET /observatory, c4central observatory; issue 14): where and when
    # incidents happen, counted per cuadrante, colonia, hour and month — no record shown.
    "observatory": OVERSIGHT,
    # The WhatsApp QR posters for the sectors the observatory's ranking points to
    # (GET /observatory/posters.pdf).
    "observatory_posters": OVERSIGHT,
    # The agencies with their accounts and shares in force (GET /agencies; issue 15): the
    # admin window, and whoever shares her case with one of them.
    "agencies": OVERSIGHT | SPECIALISTS,
    # Adding an agency or changing its contact (POST /agencies, PATCH /agencies/{id}).
    "agency_admin": frozenset({Role.ADMIN}),
}

# What a console reads from the central at start beside the feed (the jurisdiction its map
# draws, the location search's places). A liaison's console reads neither: the central
# answers her only her shared cases and the feed (central/liaison_guard.py).
START_READS = ("jurisdiction", "places")


def start_reads(role: str) -> frozenset[str]:
    """The start-up reads a console of ``role`` makes (the one place that decides it)."""
    return frozenset() if role in LIAISONS else frozenset(START_READS)

REFUSED_REASON = "forbidden"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a role may not send a command (``reason`` is always ``forbidden``)."""

    message: str
    reason: str = REFUSED_REASON


def _names(roles: frozenset[str]) -> str:
    return ", ".join(r.value for r in Role if r in roles)


def command_refusal(role: str, cmd: Mapping[str, Any]) -> Refusal | None:
    """None if ``role`` may send ``cmd``; else the refusal.

    A command type the table does not know is let through: core.commands.decide
    answers it ``unknown_command``, which tells the client more than "forbidden".
    """
    kind = cmd.get("type")
    if not isinstance(kind, str) or kind not in COMMAND_ROLES:
        return None
    if role not in COMMAND_ROLES[kind]:
        return Refusal(f"role {role} may not send {kind} (allowed: {_names(COMMAND_ROLES[kind])})")
    for (rule_kind, field), free in FIELD_REQUIRED.items():
        if rule_kind == kind and cmd.get(field) is None and role not in free:
            return Refusal(f"role {role} may send {kind} only with {field} "
                           f"(without it: {_names(free)})")
    for (rule_kind, field, value), roles in VALUE_ROLES.items():
        if rule_kind == kind and cmd.get(field) == value and role not in roles:
            return Refusal(f"role {role} may not send {kind} with {field}={value} "
                           f"(allowed: {_names(roles)})")
    return None


def may_send(role: str, kind: str, **fields: Any) -> bool:
    """True if ``role`` may send a command of type ``kind`` with ``fields`` (the value
    rules apply to the fields given: ``may_send(r, "unit_status", status="out_of_service")``)."""
    return command_refusal(role, {"type": kind, **fields}) is None


def may_read(role: str, what: str) -> bool:
    """True if ``role`` may make the restricted read ``what`` (unlisted reads are open)."""
    return what not in READ_ROLES or role in READ_ROLES[what]


def read_roles(what: str) -> str:
    """The roles allowed to make a read, for error messages."""
    return _names(READ_ROLES.get(what, EVERYONE))


def sorted_read_roles(what: str) -> str:
    """The roles allowed to make a read in alphabetical order (the wording some
    refusals have always used)."""
    return ", ".join(sorted(str(r) for r in READ_ROLES.get(what, EVERYONE)))
