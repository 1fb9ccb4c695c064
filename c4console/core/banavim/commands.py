"""BANAVIM's commands (pure), registered in :func:`c4console.core.commands.decide`:

- ``mark_for_banavim`` {case_id, incident_id?}: her case (or one episode of it: the
  incident id of one of her episodes) is to be registered in BANAVIM; a
  ``banavim_registration`` record appears (refused if already marked);
- ``record_banavim_folio`` {case_id, incident_id?, folio, registered_on?}: BANAVIM
  registered it with that folio on that day (default today). Refused for a case (or
  episode) not marked, one already registered, or a folio already recorded for any case
  (the refusal names that case).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from c4console.core.banavim.registration import BanavimRegistration, registration_id
from c4console.core.cases.records import Case
from c4console.core.command_kit import Context, Decision, Handler, text_field
from c4console.core.refused import Refused

ENTITY = "banavim_registration"
MAX_FOLIO = 40
FOLIO = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_.-]*")  # letters, digits and separators


def _case(cmd: Mapping[str, Any], ctx: Context) -> Case:
    case_id = text_field(cmd, "case_id", limit=64)
    case = ctx.case(case_id)
    if case is None:
        raise Refused("not_found", f"case {case_id} does not exist")
    if case.merged_into:
        raise Refused("merged", f"case {case_id} was merged into case {case.merged_into}: "
                                "register that one")
    return case


def _episode(cmd: Mapping[str, Any], case: Case) -> str | None:
    incident_id = text_field(cmd, "incident_id", required=False, limit=64) or None
    if incident_id is not None and incident_id not in {e.incident_id for e in case.episodes}:
        raise Refused("not_an_episode", f"incident {incident_id} is not an episode of case "
                                        f"{case.id} (record the episode in her case first)")
    return incident_id


def _registration(ctx: Context, case: Case, incident_id: str | None
                  ) -> BanavimRegistration | None:
    return ctx.record(ENTITY, registration_id(case.id, incident_id))


def _what(case_id: str, incident_id: str | None) -> str:
    return f"case {case_id}" + (f" (episode {incident_id})" if incident_id else "")


def mark_for_banavim(cmd, incidents, units, ctx: Context) -> Decision:
    """Mark her case (or an episode of it) for BANAVIM registration."""
    case = _case(cmd, ctx)
    incident_id = _episode(cmd, case)
    found = _registration(ctx, case, incident_id)
    if found is not None:
        state = f"registered with folio {found.folio}" if found.registered else "marked"
        raise Refused("already_marked", f"{_what(case.id, incident_id)} is already {state} "
                                        f"for BANAVIM")
    return Decision(True, records=[BanavimRegistration(
        id=registration_id(case.id, incident_id), case_id=case.id, incident_id=incident_id,
        marked_by=ctx.actor, marked_at=ctx.now)])


def _registered_on(cmd: Mapping[str, Any], ctx: Context) -> str:
    raw = cmd.get("registered_on")
    if raw is None:
        return ctx.today.isoformat() if ctx.today else ""
    try:
        day = date.fromisoformat(raw) if isinstance(raw, str) and len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise Refused("bad_command", "field 'registered_on' must be a date YYYY-MM-DD")
    if ctx.today is not None and day > ctx.today:
        raise Refused("future_date", f"registered_on {raw} is in the future")
    return day.isoformat()


def record_banavim_folio(cmd, incidents, units, ctx: Context) -> Decision:
    """Record BANAVIM's folio (and day) of a marked case or episode."""
    case = _case(cmd, ctx)
    incident_id = _episode(cmd, case)
    folio = text_field(cmd, "folio", limit=MAX_FOLIO)
    if not FOLIO.fullmatch(folio):
        raise Refused("bad_folio", "folio must be BANAVIM's folio: letters, digits and - / _ .")
    registered_on = _registered_on(cmd, ctx)
    found = _registration(ctx, case, incident_id)
    if found is None:
        raise Refused("not_marked", f"{_what(case.id, incident_id)} is not marked for BANAVIM: "
                                    "mark it and export its record first")
    holder = ctx.banavim_folio(folio)
    if holder is not None:
        raise Refused("folio_taken", f"BANAVIM folio {folio} is already recorded for "
                                     f"{_what(holder.case_id, holder.incident_id)}")
    if found.registered:
        raise Refused("already_registered", f"{_what(case.id, incident_id)} is already "
                                            f"registered with folio {found.folio}")
    return Decision(True, records=[found.evolve(
        folio=folio, registered_on=registered_on, registered_at=ctx.now,
        registered_by=ctx.actor)])


HANDLERS: dict[str, Handler] = {
    "mark_for_banavim": mark_for_banavim,
    "record_banavim_folio": record_banavim_folio,
}
