"""A referral's rules (pure): making one, moving its status, and which wait too long.

Status moves only forward along enviada → recibida → atendida → cerrada (a step may be
skipped: an institution may confirm receipt and attention at once), or to rechazada —
with a reason — from enviada or recibida. cerrada and rechazada are final. Every refusal
is a :class:`~c4console.core.refused.Refused` with a stable reason code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from c4console.core.referrals.catalogue import Institution, InstitutionCatalogue
from c4console.core.referrals.records import InstitutionReferral, StatusChange
from c4console.core.referrals.vocabulary import (
    ENVIADA,
    FINAL,
    FORWARD,
    MAX_REASON,
    RECHAZADA,
    REJECTABLE,
    SHARE_ITEMS,
    STATUSES,
    URGENCIES,
)
from c4console.core.refused import Refused


def check_reason(reason: object, *, field: str = "reason", required: bool = True) -> str:
    """The stripped reason text (refused ``reason_required`` when empty and required,
    ``too_long`` over MAX_REASON characters, ``bad_command`` if not a string)."""
    if reason is None:
        if required:
            raise Refused("reason_required", f"say why (field {field!r} is missing)")
        return ""
    if not isinstance(reason, str):
        raise Refused("bad_command", f"field {field!r} must be a string")
    if required and not reason.strip():
        raise Refused("reason_required", f"say why (field {field!r} is empty)")
    if len(reason) > MAX_REASON:
        raise Refused("too_long", f"field {field!r} is longer than {MAX_REASON} characters")
    return reason.strip()


def find_institution(catalogue: InstitutionCatalogue | None, institution_id: object) -> Institution:
    """The catalogue's institution (refused ``unknown_institution`` if it has none by that id)."""
    found = catalogue.get(institution_id) if (catalogue is not None and isinstance(
        institution_id, str)) else None
    if found is None:
        raise Refused("unknown_institution", f"institution {str(institution_id)[:64]!r} is not in "
                                             "the catalogue (resources/institutions/institutions.csv)")
    return found


def check_shared(shared: object, institution: Institution) -> tuple[str, ...]:
    """The items shared, in the vocabulary's order (refused ``bad_command`` for an unknown
    item or a non-list, ``needs_items`` when an item the institution needs is missing)."""
    if not isinstance(shared, list | tuple) or not all(isinstance(i, str) for i in shared):
        raise Refused("bad_command", "field 'shared' must list case items "
                                     f"({', '.join(SHARE_ITEMS)})")
    unknown = [i for i in shared if i not in SHARE_ITEMS]
    if unknown:
        raise Refused("bad_command", f"unknown shared items {unknown[:5]} (known: "
                                     f"{', '.join(SHARE_ITEMS)})")
    missing = [i for i in institution.needs if i not in shared]
    if missing:
        raise Refused("needs_items", f"{institution.name} needs to receive "
                                     f"{', '.join(missing)}: share them or refer her elsewhere")
    return tuple(i for i in SHARE_ITEMS if i in shared)


def new_referral(*, referral_id: str, case_id: str, institution: Institution, reason: object,
                 shared: object, urgency: object, by: str, at: float) -> InstitutionReferral:
    """A referral just sent (status ``enviada``), its inputs checked (see the module)."""
    text = check_reason(reason)
    if urgency not in URGENCIES:
        raise Refused("bad_command", f"urgency must be one of {', '.join(URGENCIES)}")
    items = check_shared(shared, institution)
    return InstitutionReferral(
        id=referral_id, case_id=case_id, institution_id=institution.id, reason=text,
        shared=items, created_by=by, created_at=at, urgency=str(urgency), status=ENVIADA,
        history=(StatusChange(ENVIADA, at, by),))


def change_status(referral: InstitutionReferral, status: object, *, by: str, at: float,
                  reason: object = None) -> InstitutionReferral:
    """The referral with its next status (refused ``bad_command`` for an unknown status,
    ``final`` when it is closed or rejected, ``backwards`` for the same or an earlier
    status, ``illegal_transition`` for rechazada after atendida, ``reason_required`` for
    rechazada without a reason)."""
    if status not in STATUSES:
        raise Refused("bad_command", f"status must be one of {', '.join(STATUSES)}")
    current = referral.status
    if current in FINAL:
        raise Refused("final", f"referral {referral.id} is {current}: it cannot change")
    if status == RECHAZADA:
        if current not in REJECTABLE:
            raise Refused("illegal_transition", f"referral {referral.id} is {current}: only a "
                                                "referral enviada or recibida can be rejected")
        text = check_reason(reason)
    else:
        if FORWARD.index(str(status)) <= FORWARD.index(current):
            raise Refused("backwards", f"referral {referral.id} is {current}: its status does "
                                       f"not go back to {status}")
        text = check_reason(reason, required=False)
    step = StatusChange(str(status), at, by, text)
    return referral.evolve(status=str(status), history=(*referral.history, step))


def overdue(referrals: Iterable[InstitutionReferral], catalogue: InstitutionCatalogue,
            now: float) -> Sequence[InstitutionReferral]:
    """The referrals still ``enviada`` longer than their institution allows for their
    urgency, longest waiting first (an institution no longer in the catalogue: its
    referral is flagged after the strictest wait of the catalogue, so it is not lost)."""
    strictest = {u: min(i.overdue_after_s(u) for i in catalogue) for u in URGENCIES}
    late = []
    for r in referrals:
        if r.status != ENVIADA:
            continue
        inst = catalogue.get(r.institution_id)
        limit = inst.overdue_after_s(r.urgency) if inst else strictest.get(r.urgency, 0.0)
        if now - r.status_since > limit:
            late.append(r)
    return sorted(late, key=lambda r: r.status_since)
