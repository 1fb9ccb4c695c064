"""Who may do what: the one table of roles for commands and restricted reads.

The central checks every command against the caller's role before deciding it
(a console hiding a button is not security). The core stays pure: it judges
what a command does to the records; this module judges who may send it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """Roles of the people who log in (stored on the user, stable wire values)."""

    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    SHIFT_LEAD = "shift_lead"
    ADMIN = "admin"


EVERYONE = frozenset(Role)
LEADS = frozenset({Role.SHIFT_LEAD, Role.ADMIN})
OVERSIGHT = frozenset({Role.SUPERVISOR, Role.ADMIN})

# Command type → roles allowed to send it. Every role can work an incident: a
# supervisor or shift lead covering a desk must not be locked out of the queue.
COMMAND_ROLES: dict[str, frozenset[Role]] = {
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
VALUE_ROLES: dict[tuple[str, str, str], frozenset[Role]] = {
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

# Moving a patrol to another sector: the shift's leads.
COMMAND_ROLES["reassign_unit"] = LEADS

# Editing a beneficiary's record (person, protection order, trusted contacts): oversight.
COMMAND_ROLES["update_beneficiary"] = OVERSIGHT

# The shift roster (who works when, with which patrols and sectors): the shift's leads.
COMMAND_ROLES["set_shift"] = LEADS

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

# (command type, field) → roles that may send the command without that field.
FIELD_REQUIRED: dict[tuple[str, str], frozenset[Role]] = {
    ("open_case", "incident_id"): OVERSIGHT,  # others open a case only from an incident
}

# Reads that not every role may make (endpoint name → roles).
READ_ROLES: dict[str, frozenset[Role]] = {
    "security_events": OVERSIGHT,
    # Names and roles of the accounts, for the roster editor.
    "users": LEADS | OVERSIGHT,
}

REFUSED_REASON = "forbidden"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a role may not send a command (``reason`` is always ``forbidden``)."""

    message: str
    reason: str = REFUSED_REASON


def _names(roles: frozenset[Role]) -> str:
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


# Commands that take a patrol away from the incident it works (unit_id names the patrol).
# unit_status only when it frees the unit: en route / on scene are the crew's progress on
# that same incident (the radio, or the demo's simulated crews), not a taking.
PATROL_COMMANDS = frozenset({"dispatch", "unit_status", "reassign_unit"})
RELEASING_STATUSES = frozenset({"available", "out_of_service"})


def patrol_refusal(role: str, actor: str, cmd: Mapping[str, Any],
                   incidents: Mapping[str, Any], units: Mapping[str, Any]) -> Refusal | None:
    """None unless an operator would take a patrol from another operator's open incident.

    An operator may not dispatch elsewhere, release (``unit_status`` available or out of
    service) or move a unit working an open incident owned by someone else; shift leads,
    supervisors and admins may (they rearrange the room). Needs the records, so the
    central calls it inside the command's transaction, after :func:`command_refusal`.
    ``incidents``/``units`` map ids to core.models records.
    """
    kind = cmd.get("type")
    if role != Role.OPERATOR or kind not in PATROL_COMMANDS:
        return None
    if kind == "unit_status" and cmd.get("status") not in RELEASING_STATUSES:
        return None
    unit_id = cmd.get("unit_id")
    unit = units.get(unit_id) if isinstance(unit_id, str) else None
    if unit is None or not unit.incident_id:
        return None
    inc = incidents.get(unit.incident_id)
    if inc is None or not inc.is_open or not inc.owner or inc.owner == actor:
        return None
    if cmd.get("type") == "dispatch" and cmd.get("incident_id") == inc.id:
        return None  # not elsewhere: the core answers it (already dispatched)
    return Refusal(f"unit {unit.callsign} works incident {inc.folio}, owned by {inc.owner}: "
                   f"an operator may not take it ({kind}); ask {inc.owner} or the "
                   f"shift lead")


def may_read(role: str, what: str) -> bool:
    """True if ``role`` may make the restricted read ``what`` (unlisted reads are open)."""
    return what not in READ_ROLES or role in READ_ROLES[what]


def read_roles(what: str) -> str:
    """The roles allowed to make a read, for error messages."""
    return _names(READ_ROLES.get(what, EVERYONE))
