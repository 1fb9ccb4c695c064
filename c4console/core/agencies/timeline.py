"""Her case timeline's entries for the sharing of her case (pure, issue 15).

Every share, revocation, psych-notes step and end date reached leaves one
``case_timeline`` entry, so the C4 reads on her case, in order with everything else, who
gave which agency what and why. The entries are of the ``sharing`` group
(``resources/cases/access.toml``): the roles that read the shares themselves receive them
(``[case_share] readers``); no liaison ever does — not even of the agency named — since an
agency must not learn which other agencies hold her case (the table's invariant keeps the
group from every liaison rule, and so from :func:`c4console.core.agencies.feed.liaison_view`).

An entry's ``data`` carries only the share's own facts: ``share_id``, ``agency_id``,
``agency_name``, ``level``, ``reason`` (the step's own: the share's, the revocation's or the
psych-notes step's; empty for an end date reached) and ``ends_on``.
"""

from __future__ import annotations

from collections.abc import Callable

from c4console.core.agencies.records import CaseShare
from c4console.core.cases.records import CaseTimelineEntry

GROUP = "sharing"
SHARED = "case_shared"
REVOKED = "case_share_revoked"
PSYCH_NOTES_SHARED = "case_share_psych_notes"
EXPIRED = "case_share_expired"
KINDS = (SHARED, REVOKED, PSYCH_NOTES_SHARED, EXPIRED)
EXPIRY_ACTOR = "central"  # the end-date sweep: no person ended it


def sharing_entry(share: CaseShare, kind: str, *, agency_name: str, reason: str, actor: str,
                  at: float, new_id: Callable[[], str]) -> CaseTimelineEntry:
    """The timeline entry of one step on ``share`` (``kind``: one of :data:`KINDS`), by
    ``actor`` at ``at``; ``agency_name`` as the C4 knows the agency (its id if unknown)."""
    if kind not in KINDS:
        raise ValueError(f"not a sharing timeline kind: {kind}")
    return CaseTimelineEntry(
        id=new_id(), case_id=share.case_id, at=at, kind=kind, actor=actor, text="", group=GROUP,
        data={"share_id": share.id, "agency_id": share.agency_id,
              "agency_name": agency_name or share.agency_id, "level": share.level,
              "reason": reason, "ends_on": share.ends_on})
