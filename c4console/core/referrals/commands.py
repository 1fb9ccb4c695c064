"""The referral commands (pure), registered in :func:`c4console.core.commands.decide`:

- ``refer_to_institution``: her case is referred to an institution of the catalogue with
  a reason, the items shared and an urgency (an ``institution_referral`` record, status
  ``enviada``);
- ``set_institution_referral_status``: the institution confirmed receipt, attended her,
  the referral is closed, or it was rejected (with a reason).

Each writes one entry of her case timeline (``kind="institution_referral"``, group
``interventions``, no text: the reason stays in the referral, which only its readers get).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from c4console.core.cases.records import CaseTimelineEntry
from c4console.core.command_kit import Context, Decision, Handler, text_field
from c4console.core.referrals.catalogue import Institution
from c4console.core.referrals.records import InstitutionReferral
from c4console.core.referrals.rules import change_status, find_institution, new_referral
from c4console.core.refused import Refused

ENTITY = "institution_referral"
DESKS = ("psicologica", "juridica")
# A referral id travels in URLs and in the letter's file name: letters, digits and . _ : -
REFERRAL_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def timeline_entry(ctx: Context, referral: InstitutionReferral, institution_name: str
                   ) -> CaseTimelineEntry:
    """Her case timeline's entry for a referral made or moved now (the contracts' shape)."""
    return CaseTimelineEntry(
        id=ctx.new_id(), case_id=referral.case_id, at=ctx.now, kind="institution_referral",
        actor=ctx.actor, text="", group="interventions",
        data={"referral_id": referral.id, "institution_id": referral.institution_id,
              "institution_name": institution_name, "status": referral.status,
              "urgency": referral.urgency})


def _desk(cmd: Mapping[str, Any]) -> str:
    desk = cmd.get("desk", "")
    if desk not in ("", *DESKS):
        raise Refused("bad_command", f"desk must be one of {', '.join(DESKS)} (or absent)")
    return str(desk)


def refer_to_institution(cmd, incidents, units, ctx: Context) -> Decision:
    """A new referral of her case (see module docstring)."""
    case_id = text_field(cmd, "case_id", limit=128)
    case = ctx.case(case_id)
    if case is None:
        raise Refused("not_found", f"case {case_id} does not exist")
    if case.merged_into:
        raise Refused("merged", f"case {case_id} was merged into {case.merged_into}: refer that one")
    institution = find_institution(ctx.institutions, cmd.get("institution_id"))
    rid = cmd.get("referral_id") or ctx.new_id()
    if not isinstance(rid, str) or not REFERRAL_ID.match(rid):
        raise Refused("bad_command", "field 'referral_id' must be 1-64 letters, digits, '.', "
                                     "'_', ':' or '-'")
    if ctx.record(ENTITY, rid) is not None:
        raise Refused("exists", f"referral {rid} already exists")
    referral = new_referral(referral_id=rid, case_id=case.id, institution=institution,
                            reason=cmd.get("reason"), shared=cmd.get("shared"),
                            urgency=cmd.get("urgency", "normal"), by=ctx.actor, at=ctx.now)
    referral = referral.evolve(desk=_desk(cmd))
    return Decision(True, records=[referral, timeline_entry(ctx, referral, institution.name)])


def set_institution_referral_status(cmd, incidents, units, ctx: Context) -> Decision:
    """The referral's next status (see :func:`c4console.core.referrals.rules.change_status`)."""
    rid = text_field(cmd, "referral_id", limit=64)
    referral = ctx.record(ENTITY, rid)
    if referral is None:
        raise Refused("not_found", f"referral {rid} does not exist")
    moved = change_status(referral, cmd.get("status"), by=ctx.actor, at=ctx.now,
                          reason=cmd.get("reason"))
    institution: Institution | None = (ctx.institutions.get(referral.institution_id)
                                       if ctx.institutions is not None else None)
    name = institution.name if institution else referral.institution_id
    return Decision(True, records=[moved, timeline_entry(ctx, moved, name)])


HANDLERS: dict[str, Handler] = {
    "refer_to_institution": refer_to_institution,
    "set_institution_referral_status": set_institution_referral_status,
}
