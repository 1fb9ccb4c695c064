"""The sharing commands (pure), registered in :func:`c4console.core.commands.decide`:

- ``share_case``: her case shared with an agency (``case_id``, ``agency_id``, ``level``
  resumen|completo, ``reason``, optional ``ends_on`` YYYY-MM-DD) — a ``case_share`` record;
- ``revoke_case_share``: that share ends now (``share_id``, ``reason``);
- ``share_psych_notes``: the explicit second step (a psychologist, with a ``reason``) that lets a
  completo share carry her psychological notes; nothing else ever does.

Each one also writes an entry on her case timeline (group ``sharing``, see
:mod:`c4console.core.agencies.timeline`: the C4's share readers only, never a liaison), and
re-publishes her case, its timeline entries and the coordination meetings and tasks
on her case after the share record, in the same transaction: the feed gate judges them on the
share it has just seen, so a liaison's console receives her case (projected to the level) or
its delete, and the meetings and tasks with or without her case id, within the same feed
cycle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from c4console.core.agencies.records import C4_AGENCY, LEVELS, CaseShare
from c4console.core.agencies.timeline import PSYCH_NOTES_SHARED, REVOKED, SHARED, sharing_entry
from c4console.core.cases.records import CaseTimelineEntry
from c4console.core.command_kit import Context, Decision, Handler, text_field
from c4console.core.refused import Refused

ENTITY = "case_share"
SHARE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _ends_on(cmd: Mapping[str, Any], today: date | None) -> str:
    value = cmd.get("ends_on")
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or not DAY.match(value):
        raise Refused("bad_command", "field 'ends_on' must be a date YYYY-MM-DD (or absent)")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Refused("bad_command", f"ends_on {value!r} is not a calendar date") from None
    if today is not None and day < today:
        raise Refused("in_the_past", f"a share ending on {value} would end before today "
                                     f"({today.isoformat()}): give a later date or none")
    return value


def _republish(ctx: Context, case_id: str) -> list[Any]:
    """Her case, its timeline entries and the meetings and tasks on it, put again after the
    share: the gate judges them on the share just changed (granted at completo, withdrawn on
    revoke or expiry)."""
    case = ctx.case(case_id)
    return [*([case] if case is not None else []), *ctx.timeline_of(case_id),
            *ctx.coordination_of(case_id)]


def _entry(ctx: Context, share: CaseShare, kind: str, reason: str) -> CaseTimelineEntry:
    """Her timeline's entry for this step on ``share``, by the sender, now."""
    agency = ctx.agency(share.agency_id)
    return sharing_entry(share, kind, agency_name=agency.name if agency is not None else "",
                         reason=reason, actor=ctx.actor, at=ctx.now, new_id=ctx.new_id)


def share_case(cmd, incidents, units, ctx: Context) -> Decision:
    """A new share of her case with an agency (see module docstring)."""
    case_id = text_field(cmd, "case_id", limit=128)
    case = ctx.case(case_id)
    if case is None:
        raise Refused("not_found", f"case {case_id} does not exist")
    if case.merged_into:
        raise Refused("merged", f"case {case_id} was merged into {case.merged_into}: share that one")
    agency_id = text_field(cmd, "agency_id", limit=64)
    if agency_id == C4_AGENCY:
        raise Refused("own_agency", "the C4's own staff read her case by their role: a share is "
                                    "for another agency")
    if ctx.agency(agency_id) is None:
        raise Refused("unknown_agency", f"agency {agency_id} does not exist "
                                        "(c4central agencies list)")
    level = cmd.get("level")
    if level not in LEVELS:
        raise Refused("bad_command", f"level must be one of {', '.join(LEVELS)}")
    reason = text_field(cmd, "reason", limit=500)
    ends_on = _ends_on(cmd, ctx.today)
    sid = cmd.get("share_id") or ctx.new_id()
    if not isinstance(sid, str) or not SHARE_ID.match(sid):
        raise Refused("bad_command", "field 'share_id' must be 1-64 letters, digits, '.', '_', "
                                     "':' or '-'")
    if ctx.record(ENTITY, sid) is not None:
        raise Refused("exists", f"share {sid} already exists")
    share = CaseShare(id=sid, case_id=case.id, agency_id=agency_id, level=level, reason=reason,
                      created_by=ctx.actor, created_at=ctx.now, ends_on=ends_on)
    return Decision(True, records=[share, *_republish(ctx, case.id),
                                   _entry(ctx, share, SHARED, reason)])


def _share(cmd: Mapping[str, Any], ctx: Context) -> CaseShare:
    sid = text_field(cmd, "share_id", limit=64)
    share = ctx.record(ENTITY, sid)
    if share is None:
        raise Refused("not_found", f"share {sid} does not exist")
    if share.revoked_at is not None:
        raise Refused("revoked", f"share {sid} was already revoked")
    return share


def revoke_case_share(cmd, incidents, units, ctx: Context) -> Decision:
    """End a share now, with a reason."""
    share = _share(cmd, ctx)
    reason = text_field(cmd, "reason", limit=500)
    ended = share.evolve(revoked_at=ctx.now, revoked_by=ctx.actor, revoke_reason=reason)
    return Decision(True, records=[ended, *_republish(ctx, share.case_id),
                                   _entry(ctx, ended, REVOKED, reason)])


def share_psych_notes(cmd, incidents, units, ctx: Context) -> Decision:
    """The explicit step that lets a completo share in force carry her psychological notes."""
    share = _share(cmd, ctx)
    if share.level != "completo":
        raise Refused("level", "psychological notes go only with a completo share")
    if ctx.today is not None and not share.in_force(ctx.today):
        raise Refused("ended", f"share {share.id} has ended")
    reason = text_field(cmd, "reason", limit=500)
    if share.psych_notes:
        raise Refused("exists", f"share {share.id} already carries her psychological notes")
    stepped = share.evolve(psych_notes=True, psych_reason=reason, psych_by=ctx.actor)
    return Decision(True, records=[stepped, *_republish(ctx, share.case_id),
                                   _entry(ctx, stepped, PSYCH_NOTES_SHARED, reason)])


HANDLERS: dict[str, Handler] = {
    "share_case": share_case,
    "revoke_case_share": revoke_case_share,
    "share_psych_notes": share_psych_notes,
}
