"""The specialist desk's commands (pure), registered in :func:`c4console.core.commands.decide`:

- ``record_intervention``: a psychological, legal or combined intervention with her (who
  may record which kind: ``core/access.py`` VALUE_ROLES). It answers a waiting referral
  (``referral_id``: the referral becomes ``attended``) or fulfils a scheduled follow-up
  (``follow_up_id``: it becomes ``done``); its timing category is proposed by
  :func:`.timing.propose_timing` unless the specialist gives one. Her case's timeline gets
  one ``intervention`` entry (group ``interventions``: never the notes).
- ``schedule_follow_up``: the next contact with her (day and time, channel).
- ``cancel_follow_up``: a scheduled follow-up that will not happen.

Bad input is refused naming the field; nothing is stored then (one transaction).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from c4console.core.calls.records import REFERRAL_WAITING, Referral
from c4console.core.cases.records import Case, CaseTimelineEntry
from c4console.core.command_kit import Context, Decision, Handler, number, text_field
from c4console.core.refused import Refused
from c4console.core.specialists.records import (
    CHANNELS,
    FOLLOW_UP_CANCELLED,
    FOLLOW_UP_DONE,
    FOLLOW_UP_SCHEDULED,
    KINDS,
    REFERRAL_ATTENDED,
    TIMINGS,
    DeskFollowUp,
    Intervention,
)
from c4console.core.specialists.timing import propose_timing

MAX_DURATION_S = 12 * 3600.0
CLOCK_SKEW_S = 300.0  # a console's clock may run this far ahead of the central's
MAX_TEXT = 4000
MAX_LINK = 500
MAX_FOLLOW_UP_AHEAD_S = 366 * 86400.0
MAX_ID = 64
PSYCH_KINDS = frozenset({"psicologica", "ambas"})  # kinds whose notes are psychological


def _choice(cmd: Mapping[str, Any], name: str, allowed: tuple[str, ...]) -> str:
    value = cmd.get(name)
    if value not in allowed:
        raise Refused("bad_command", f"field {name!r} must be one of {', '.join(allowed)}"
                                     f" (got {str(value)[:40]!r})")
    return str(value)


def _time(cmd: Mapping[str, Any], name: str) -> float:
    value = number(cmd, name)
    if value is None:
        raise Refused("bad_command", f"field {name!r} is required (seconds since the epoch)")
    return value


def _case(cmd: Mapping[str, Any], ctx: Context) -> Case:
    cid = text_field(cmd, "case_id", limit=MAX_ID)
    case = ctx.case(cid)
    if case is None:
        raise Refused("not_found", f"case {cid} does not exist (field 'case_id')")
    if case.merged_into:
        raise Refused("merged", f"case {cid} was merged into {case.merged_into}; use that one")
    return case


def _new_or_given_id(cmd: Mapping[str, Any], name: str, ctx: Context, entity: str) -> str:
    rid = cmd.get(name)
    if rid is None:
        return ctx.new_id()
    if not isinstance(rid, str) or not rid.strip() or len(rid) > MAX_ID:
        raise Refused("bad_command", f"field {name!r} must be a string of at most {MAX_ID} "
                                     "characters")
    if ctx.record(entity, rid) is not None:
        raise Refused("exists", f"{entity} {rid} already exists (field {name!r})")
    return rid


# The desks (issue 11's referral.desks) an intervention of each kind answers.
DESKS_OF_KIND = {"psicologica": {"psicologica"}, "juridica": {"juridica"},
                 "ambas": {"psicologica", "juridica"}}


def _referral(cmd: Mapping[str, Any], ctx: Context, case: Case, kind: str) -> Referral | None:
    if cmd.get("referral_id") is None:
        return None
    rid = text_field(cmd, "referral_id", limit=MAX_ID)
    referral = ctx.record("referral", rid)
    if referral is None:
        raise Refused("not_found", f"referral {rid} does not exist (field 'referral_id')")
    if referral.status != REFERRAL_WAITING:
        raise Refused("referral_closed", f"referral {rid} is already {referral.status}")
    if referral.case_id and referral.case_id != case.id:
        raise Refused("bad_command", f"referral {rid} is for case {referral.case_id}, "
                                     f"not {case.id} (field 'referral_id')")
    if not DESKS_OF_KIND[kind] & set(referral.desks):
        raise Refused("bad_command", f"referral {rid} was handed to the "
                                     f"{' and '.join(referral.desks)} desk, not to a {kind} "
                                     "intervention (field 'referral_id')")
    if not DESKS_OF_KIND[kind] & set(referral.pending_desks):
        raise Refused("referral_closed", f"the {' and '.join(referral.attended_desks)} desk "
                                         f"already answered referral {rid}")
    return referral


def _answered(referral: Referral, kind: str) -> Referral:
    """The referral once this kind's desks answered it: attended when no desk it was handed
    to is left waiting (each desk answers its own part of a referral handed to both)."""
    attended = tuple(d for d in referral.desks
                     if d in referral.attended_desks or d in DESKS_OF_KIND[kind])
    done = set(attended) >= set(referral.desks)
    return referral.evolve(attended_desks=attended,
                           status=REFERRAL_ATTENDED if done else referral.status)


def _follow_up(cmd: Mapping[str, Any], ctx: Context, case: Case) -> DeskFollowUp | None:
    if cmd.get("follow_up_id") is None:
        return None
    fid = text_field(cmd, "follow_up_id", limit=MAX_ID)
    follow_up = ctx.record("desk_follow_up", fid)
    if follow_up is None:
        raise Refused("not_found", f"follow-up {fid} does not exist (field 'follow_up_id')")
    if follow_up.status != FOLLOW_UP_SCHEDULED:
        raise Refused("follow_up_closed", f"follow-up {fid} is already {follow_up.status}")
    if follow_up.case_id != case.id:
        raise Refused("bad_command", f"follow-up {fid} is for case {follow_up.case_id}, "
                                     f"not {case.id} (field 'follow_up_id')")
    return follow_up


def _episode(cmd: Mapping[str, Any], incidents, case: Case) -> tuple[str | None, float | None]:
    """The episode's incident and when the episode happened: the command's ``episode_at``
    (what she says), else her case's episode record for that incident, else the incident's
    creation."""
    iid = None
    if cmd.get("episode_incident_id") is not None:
        iid = text_field(cmd, "episode_incident_id", limit=MAX_ID)
        if iid not in case.incident_ids and iid not in incidents:
            raise Refused("not_found", f"incident {iid} does not exist (field "
                                       "'episode_incident_id')")
    at = number(cmd, "episode_at")
    if at is None and iid is not None:
        episode = next((e for e in case.episodes if e.incident_id == iid), None)
        inc = incidents.get(iid)
        at = episode.occurred_at if episode else (inc.created_at if inc else None)
    return iid, at


def record_intervention(cmd, incidents, units, ctx: Context) -> Decision:
    """An intervention with her (see module docstring)."""
    case = _case(cmd, ctx)
    kind = _choice(cmd, "kind", KINDS)
    channel = _choice(cmd, "channel", CHANNELS)
    started, ended = _time(cmd, "started_at"), _time(cmd, "ended_at")
    if ended < started:
        raise Refused("bad_time", "field 'ended_at' is before 'started_at': an intervention "
                                  "cannot end before it starts")
    if ended - started > MAX_DURATION_S:
        raise Refused("bad_time", f"the intervention lasts {(ended - started) / 3600:.1f} h "
                                  "(fields 'started_at'/'ended_at'): over 12 h is not one "
                                  "intervention")
    if ended > ctx.now + CLOCK_SKEW_S:
        raise Refused("bad_time", "field 'ended_at' is in the future: record it when it ends")
    iid = _new_or_given_id(cmd, "intervention_id", ctx, "intervention")
    referral = _referral(cmd, ctx, case, kind)
    follow_up = _follow_up(cmd, ctx, case)
    episode_iid, episode_at = _episode(cmd, incidents, case)
    if episode_at is not None and episode_at > started + CLOCK_SKEW_S:
        raise Refused("bad_time", "field 'episode_at' is after the intervention started")
    prior = [i for i in ctx.interventions_of(case.id)
             if episode_iid is not None and i.episode_incident_id == episode_iid]
    proposed = propose_timing(episode_at, prior, started, follow_up)
    timing = proposed if cmd.get("timing") is None else _choice(cmd, "timing", TIMINGS)
    texts = {name: text_field(cmd, name, required=False, limit=MAX_TEXT)
             for name in ("notes", "next_steps", "outcome")}
    intervention = Intervention(
        id=iid, case_id=case.id, kind=kind, channel=channel, timing=timing,
        started_at=started, ended_at=ended, duration_s=round(ended - started, 3), by=ctx.actor,
        recorded_at=ctx.now, episode_incident_id=episode_iid, episode_at=episode_at,
        referral_id=referral.id if referral else None,
        follow_up_id=follow_up.id if follow_up else None,
        video_link=text_field(cmd, "video_link", required=False, limit=MAX_LINK),
        timing_proposed=proposed if proposed != timing else "", **texts)
    entry = CaseTimelineEntry(
        id=ctx.new_id(), case_id=case.id, at=ctx.now, kind="intervention", actor=ctx.actor,
        text="", group="interventions",
        data={"intervention_id": iid, "kind": kind, "channel": channel, "timing": timing,
              "started_at": started, "ended_at": ended, "duration_s": intervention.duration_s,
              "by": ctx.actor})
    records: list[Any] = [intervention, entry]
    if kind in PSYCH_KINDS and texts["notes"]:
        # Her psychological notes as a timeline entry of their own group: the psychologists
        # read them on her case, and an agency only after a completo share's explicit
        # share_psych_notes step (core/agencies/feed.py); every other reader gets a delete.
        records.append(CaseTimelineEntry(
            id=ctx.new_id(), case_id=case.id, at=ctx.now, kind="psych_notes", actor=ctx.actor,
            text=texts["notes"], group="psych_notes", data={"intervention_id": iid}))
    if follow_up is not None:
        records.append(follow_up.evolve(status=FOLLOW_UP_DONE, done_by_intervention=iid))
    referrals = [_answered(referral, kind)] if referral is not None else []
    return Decision(True, records=records, referrals=referrals)


def schedule_follow_up(cmd, incidents, units, ctx: Context) -> Decision:
    """The next contact with her: ``case_id``, ``due_at`` (not in the past, within a year),
    ``channel``, an optional ``note``."""
    case = _case(cmd, ctx)
    due = _time(cmd, "due_at")
    if due < ctx.now - CLOCK_SKEW_S:
        raise Refused("bad_time", "field 'due_at' is in the past: schedule the next contact "
                                  "from now on")
    if due > ctx.now + MAX_FOLLOW_UP_AHEAD_S:
        raise Refused("bad_time", "field 'due_at' is more than a year ahead")
    channel = _choice(cmd, "channel", CHANNELS)
    fid = _new_or_given_id(cmd, "follow_up_id", ctx, "desk_follow_up")
    follow_up = DeskFollowUp(id=fid, case_id=case.id, due_at=due, channel=channel,
                             scheduled_by=ctx.actor, scheduled_at=ctx.now,
                             note=text_field(cmd, "note", required=False, limit=MAX_TEXT))
    return Decision(True, records=[follow_up])


def cancel_follow_up(cmd, incidents, units, ctx: Context) -> Decision:
    """A scheduled follow-up that will not happen (``follow_up_id``, optional ``note``)."""
    fid = text_field(cmd, "follow_up_id", limit=MAX_ID)
    follow_up = ctx.record("desk_follow_up", fid)
    if follow_up is None:
        raise Refused("not_found", f"follow-up {fid} does not exist (field 'follow_up_id')")
    if follow_up.status != FOLLOW_UP_SCHEDULED:
        raise Refused("follow_up_closed", f"follow-up {fid} is already {follow_up.status}")
    note = text_field(cmd, "note", required=False, limit=MAX_TEXT)
    return Decision(True, records=[follow_up.evolve(status=FOLLOW_UP_CANCELLED,
                                                    note=note or follow_up.note)])


HANDLERS: dict[str, Handler] = {
    "record_intervention": record_intervention,
    "schedule_follow_up": schedule_follow_up,
    "cancel_follow_up": cancel_follow_up,
}
