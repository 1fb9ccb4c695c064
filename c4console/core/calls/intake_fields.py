"""The call-taker form's fields as a command carries them, each checked with a stable
reason (pure): the narrative, the persons involved, weapons, children present, the
priority and its override, the callback number."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from c4console.core.catalogue import Catalogue, IncidentType
from c4console.core.enums import Priority
from c4console.core.refused import Refused

MAX_NARRATIVE = 10_000
MAX_REASON = 300
MAX_PERSONS = 20
MAX_WEAPONS = 10
MAX_WEAPON_CHARS = 60
PERSON_ROLES = ("victim", "aggressor", "witness", "caller")


def narrative(cmd: Mapping[str, Any], *, required: bool = False) -> str:
    """The narrative (at most 10,000 characters)."""
    value = cmd.get("narrative")
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise Refused("bad_command", "field 'narrative' is required here")
        return ""
    if not isinstance(value, str):
        raise Refused("bad_command", "field 'narrative' must be a string")
    if len(value) > MAX_NARRATIVE:
        raise Refused("too_long", f"the narrative has {len(value)} characters; at most "
                                  f"{MAX_NARRATIVE} are kept in one entry")
    return value.strip()


def incident_type(cmd: Mapping[str, Any], catalogue: Catalogue, name: str = "type_code"
                  ) -> IncidentType:
    """The CNIE type named by ``name`` (refused ``unknown_type`` if not in the catalogue)."""
    code = cmd.get(name)
    if not isinstance(code, str) or not code.strip():
        raise Refused("bad_command", f"field {name!r} must be a CNIE incident type code")
    if code.strip() not in catalogue.types:
        raise Refused("unknown_type", f"incident type {code.strip()[:20]!r} is not in the "
                                      "catalogue (resources/catalogue/incident_types.csv)")
    return catalogue.get(code.strip())


def priority(cmd: Mapping[str, Any], itype: IncidentType) -> tuple[Priority, str]:
    """(the priority, the override's reason): the type's priority unless ``priority``
    names another one, which needs ``priority_reason``."""
    raw = cmd.get("priority")
    if raw is None or raw == itype.priority.value:
        return itype.priority, ""
    try:
        chosen = Priority(raw)
    except ValueError:
        raise Refused("bad_command", f"priority {str(raw)[:20]!r} is not ALTA, MEDIA or BAJA") from None
    reason = cmd.get("priority_reason")
    if not isinstance(reason, str) or not reason.strip():
        raise Refused("reason_required", f"priority {chosen.value} differs from the type's "
                                         f"{itype.priority.value}: say why (priority_reason)")
    if len(reason) > MAX_REASON:
        raise Refused("too_long", f"priority_reason is longer than {MAX_REASON} characters")
    return chosen, reason.strip()


def persons(cmd: Mapping[str, Any], case_exists: Any) -> list[dict[str, Any]]:
    """The persons involved: ``[{role, name, case_id?}]`` (role victim, aggressor,
    witness or caller); a ``case_id`` must name an existing case."""
    value = cmd.get("persons", [])
    if not isinstance(value, list) or len(value) > MAX_PERSONS:
        raise Refused("bad_command", f"field 'persons' must be a list of at most {MAX_PERSONS}")
    out = []
    for n, person in enumerate(value):
        if not isinstance(person, Mapping):
            raise Refused("bad_command", f"persons[{n}] must be an object {{role, name, case_id}}")
        role = person.get("role")
        if role not in PERSON_ROLES:
            raise Refused("bad_command", f"persons[{n}].role must be one of "
                                         f"{', '.join(PERSON_ROLES)}")
        name = person.get("name", "")
        if not isinstance(name, str) or len(name) > 200:
            raise Refused("bad_command", f"persons[{n}].name must be a text of at most 200 "
                                         "characters")
        entry: dict[str, Any] = {"role": role, "name": name.strip()}
        case_id = person.get("case_id")
        if case_id is not None:
            if not isinstance(case_id, str) or not case_exists(case_id):
                raise Refused("not_found", f"persons[{n}].case_id {str(case_id)[:64]!r} is not "
                                           "a case")
            entry["case_id"] = case_id
        out.append(entry)
    return out


def weapons(cmd: Mapping[str, Any]) -> tuple[str, ...]:
    """Weapons mentioned (``["arma blanca"]``; ``true`` for unspecified ones)."""
    value = cmd.get("weapons", [])
    if value is True:
        return ("sin especificar",)
    if value is False or value is None:
        return ()
    if (not isinstance(value, list) or len(value) > MAX_WEAPONS
            or not all(isinstance(w, str) and 0 < len(w.strip()) <= MAX_WEAPON_CHARS for w in value)):
        raise Refused("bad_command", f"field 'weapons' must be a list of at most {MAX_WEAPONS} "
                                     f"names of {MAX_WEAPON_CHARS} characters, or true/false")
    return tuple(dict.fromkeys(w.strip() for w in value))


def flag(cmd: Mapping[str, Any], name: str) -> bool:
    """A yes/no field (absent: no)."""
    value = cmd.get(name, False)
    if not isinstance(value, bool):
        raise Refused("bad_command", f"field {name!r} must be true or false")
    return value
