"""The case commands (pure): open a case, edit it, assess her risk, link an incident to
it, record an episode of violence. Registered in :func:`c4console.core.commands.decide`.

Every handler builds the whole new case first and validates it
(:func:`~c4console.core.cases.validation.validate_case`) before returning it: a refusal
leaves nothing half-saved. Refusal reasons are those of ``validation`` plus
``bad_command``, ``not_found`` (no such case), ``exists`` (case id taken),
``already_linked`` and ``merged`` (a merged case is kept for its history, not edited).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from c4console.core.cases.case_catalogues import CaseCatalogues
from c4console.core.cases.case_index import CaseIndex
from c4console.core.cases.facts import facts_of
from c4console.core.cases.records import (
    Address,
    Aggressor,
    Case,
    Episode,
    PersonProfile,
    ProtectionOrder,
    TrustedContact,
)
from c4console.core.cases.refusals import CaseRefused
from c4console.core.cases.validation import validate_case, validate_episode, validate_link
from c4console.core.command_kit import Context, Decision, Handler, Refused, text_field
from c4console.core.enums import Channel

MAX_ITEMS = 50  # of each list a case holds (phones, addresses, orders…)
# update_case: command field → the record each item of it is.
_LISTS: dict[str, type] = {"addresses": Address, "orders": ProtectionOrder,
                           "aggressors": Aggressor, "trusted_contacts": TrustedContact}
_TEXTS = ("phones", "whatsapp", "device_ids")


def _catalogues(ctx: Context) -> CaseCatalogues:
    if ctx.case_catalogues is None or ctx.today is None:
        raise Refused("unavailable", "the case catalogues are not loaded here")
    return ctx.case_catalogues


def _case(cmd: Mapping[str, Any], ctx: Context) -> Case:
    cid = text_field(cmd, "case_id", limit=64)
    case = ctx.case(cid)
    if case is None:
        raise Refused("not_found", f"case {cid} does not exist")
    if case.merged_into:
        raise Refused("merged", f"case {cid} was merged into {case.merged_into}; edit that one")
    return case


def _parse(kind: type, value: Any, what: str) -> Any:
    """A record from its wire dict; a malformed one is refused, not raised."""
    if not isinstance(value, dict):
        raise Refused("bad_command", f"{what} must be an object")
    try:
        return kind.from_wire(value)
    except (TypeError, ValueError) as e:
        raise Refused("bad_command", f"{what}: {e}") from None


def _items(cmd: Mapping[str, Any], name: str) -> list[Any]:
    value = cmd[name]
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise Refused("bad_command", f"field {name!r} must be a list of at most {MAX_ITEMS} items")
    return value


def _edits(cmd: Mapping[str, Any]) -> dict[str, Any]:
    """The case fields the command sets (only those it carries)."""
    out: dict[str, Any] = {}
    if "person" in cmd:
        out["person"] = _parse(PersonProfile, cmd["person"], "person")
    for name, kind in _LISTS.items():
        if name in cmd:
            out[name] = tuple(_parse(kind, v, f"{name}[{n}]")
                              for n, v in enumerate(_items(cmd, name)))
    for name in _TEXTS:
        if name in cmd:
            values = _items(cmd, name)
            if not all(isinstance(v, str) and v.strip() and len(v) <= 64 for v in values):
                raise Refused("bad_command", f"field {name!r} must list non-empty texts")
            out[name] = tuple(dict.fromkeys(v.strip() for v in values))
    return out


def _validated(case: Case, ctx: Context) -> Case:
    cats = _catalogues(ctx)
    validate_case(case, cats, ctx.today or date.today(), CaseIndex(ctx.case_candidates(case)))
    return case


def _refused(e: CaseRefused) -> Decision:
    message = str(e)
    if e.candidate is not None:
        message = f"{message} (candidate {e.candidate.id})"
    return Decision.refuse(e.reason, message)


def _open_case(cmd, incidents, units, ctx) -> Decision:
    """A new case: from an incident (``incident_id``: "abrir expediente"; the incident is
    linked and its number becomes hers) or from the registry (no incident). ``person`` is
    required; refused ``duplicate_case`` naming the case to merge with instead."""
    cid = text_field(cmd, "case_id", limit=64) if "case_id" in cmd else ctx.new_id()
    if ctx.case(cid) is not None:
        raise Refused("exists", f"case {cid} already exists")
    if "person" not in cmd:
        raise Refused("bad_command", "field 'person' (at least her name) is required")
    edits = _edits(cmd)
    case = Case(id=cid, person=edits.pop("person"), created_at=ctx.now, updated_at=ctx.now,
                **edits)
    iid = cmd.get("incident_id")
    if iid is not None:
        validate_link(text_field(cmd, "incident_id", limit=64), incidents)
        inc = incidents[iid]
        facts = facts_of(inc)
        numbers = {}
        if facts.number:
            numbers = ({"whatsapp": (*case.whatsapp, inc.caller)} if inc.channel is Channel.WHATSAPP
                       else {"phones": (*case.phones, inc.caller)})
        case = replace(case, incident_ids=(*case.incident_ids, inc.id),
                       device_ids=tuple(dict.fromkeys((*case.device_ids, *(
                           [inc.device_id] if inc.device_id else [])))),
                       beneficiary_id=inc.beneficiary_id or case.beneficiary_id, **numbers)
    try:
        return Decision(True, cases=[_validated(case, ctx)])
    except CaseRefused as e:
        return _refused(e)


def _update_case(cmd, incidents, units, ctx) -> Decision:
    """Edit her profile, numbers, addresses, orders, aggressors, contacts or devices: only
    the fields the command carries change; the whole case is validated again."""
    case = _case(cmd, ctx)
    edits = _edits(cmd)
    if not edits:
        raise Refused("bad_command", "update_case changes nothing: give at least one field")
    new = replace(case, **edits, updated_at=ctx.now)
    try:
        return Decision(True, cases=[_validated(new, ctx)])
    except CaseRefused as e:
        return _refused(e)


def _assess_risk(cmd, incidents, units, ctx) -> Decision:
    """A signed risk assessment from ``answers`` (item → true/false/null); the level comes
    from the questionnaire, the reassessment date from the level."""
    case = _case(cmd, ctx)
    cats = _catalogues(ctx)
    answers = cmd.get("answers")
    if not isinstance(answers, dict) or not answers:
        raise Refused("bad_command", "field 'answers' must map risk items to true, false or null")
    note = text_field(cmd, "note", required=False, limit=2000)
    try:
        assessment = cats.risk.assess(answers, assessment_id=ctx.new_id(), assessed_by=ctx.actor,
                                      at=ctx.now, today=ctx.today or date.today(), note=note)
    except CaseRefused as e:
        return _refused(e)
    return Decision(True, cases=[replace(case, risk_assessments=(*case.risk_assessments, assessment),
                                         updated_at=ctx.now)])


def _link_incident(cmd, incidents, units, ctx) -> Decision:
    """A person confirms that an incident (a suggested one) is hers."""
    case = _case(cmd, ctx)
    iid = text_field(cmd, "incident_id", limit=64)
    try:
        validate_link(iid, incidents)
    except CaseRefused as e:
        return _refused(e)
    if iid in case.incident_ids:
        raise Refused("already_linked", f"incident {iid} is already in case {case.id}")
    return Decision(True, cases=[replace(case, incident_ids=(*case.incident_ids, iid),
                                         updated_at=ctx.now)])


def _record_episode(cmd, incidents, units, ctx) -> Decision:
    """Types and modalities of violence (and aggressors) of one incident of hers; a second
    episode for the same incident replaces the first."""
    case = _case(cmd, ctx)
    cats = _catalogues(ctx)
    iid = text_field(cmd, "incident_id", limit=64)
    if iid not in case.incident_ids:
        raise Refused("incident_not_found", f"incident {iid} is not in case {case.id}: link it first")
    inc = incidents.get(iid)
    lists: dict[str, tuple[str, ...]] = {}
    for name in ("types", "modalities", "aggressor_ids"):
        values = cmd.get(name, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise Refused("bad_command", f"field {name!r} must be a list of codes")
        lists[name] = tuple(values)
    if not lists["types"]:
        raise Refused("bad_command", "an episode needs at least one type of violence")
    episode = Episode(iid, inc.created_at if inc else ctx.now, **lists)
    try:
        validate_episode(episode, cats, {a.id for a in case.aggressors})
    except CaseRefused as e:
        return _refused(e)
    episodes = (*(e for e in case.episodes if e.incident_id != iid), episode)
    return Decision(True, cases=[replace(case, episodes=episodes, updated_at=ctx.now)])


HANDLERS: dict[str, Handler] = {
    "open_case": _open_case,
    "update_case": _update_case,
    "assess_risk": _assess_risk,
    "link_incident": _link_incident,
    "record_episode": _record_episode,
}
