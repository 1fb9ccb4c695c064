"""The central's one enforcement point of need-to-know: every change a console receives
(stream, backlog, ``GET /changes``) and every personal record a read endpoint returns
passes through :class:`FeedGate` with the reader's role.

The rules are data (``resources/access/personal_records.toml``, applied by
:mod:`c4console.core.need_to_know`); this module keeps the one piece of state they need —
which women have an open incident — in feed order: the hub hands it every change before
it queues them for the clients, and it is seeded from the open incidents at start.

A reader is a role and, for a liaison of another agency (role ``enlace``, issue 15), her
agency: the gate keeps the case shares in feed order too (:class:`AgencyShares`) and gives a
liaison only her agency's shares and the cases shared with it while a share is in force
(:func:`c4console.core.agencies.feed.liaison_view`). Every other role's path is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from c4console.core.agencies.feed import LIAISON, AgencyShares, CaseLevels, liaison_case, liaison_view
from c4console.core.cases.need_to_know import AccessPolicy
from c4console.core.changes import Change
from c4console.core.need_to_know import (
    OpenCases,
    RecordPolicy,
    feed_view,
    open_ground,
    view_records,
)


class FeedGate:
    """Filters changes and records for a reader's role (see module docstring)."""

    def __init__(self, policy: RecordPolicy, today: Callable[[], date] = date.today, *,
                 cases: AccessPolicy | None = None) -> None:
        self.policy = policy
        self.today = today  # the C4's calendar date: which of her orders are in force
        self.open_cases = OpenCases()
        self.seen_seq = 0  # every incident (and share) change up to here is in open_cases/shares
        # Cases shared with other agencies (issue 15); a liaison's case fields per share level
        # (no case policy given: a liaison receives no case).
        self.shares = AgencyShares()
        self.levels = CaseLevels(cases)

    def seed(self, open_incidents: Iterable[dict[str, Any]], head: int) -> None:
        """Start from the open incidents as of ``head`` (central start)."""
        for inc in open_incidents:
            self.open_cases.see(inc)
        self.seen_seq = max(self.seen_seq, head)

    def seed_cases(self, cases: Iterable[dict[str, Any]]) -> None:
        """The cases of the open incidents at start (wire form, whole): an intervention's
        ground is her case's."""
        for case in cases:
            self.open_cases.see_case(case)

    def seed_shares(self, shares: Iterable[dict[str, Any]]) -> None:
        """Every case share at start (wire form, whole): a liaison's feed follows them."""
        for share in shares:
            self.shares.see(share)

    def observe(self, changes: list[Change]) -> None:
        """Changes in seq order, as the hub publishes them (each once)."""
        fresh = [c for c in changes if c.seq > self.seen_seq]
        if fresh:
            self.open_cases.see_changes(fresh)
            self.shares.see_changes(fresh)
            self.seen_seq = fresh[-1].seq

    def view(self, role: str, changes: list[Change], agency: str = "") -> list[Change]:
        """``changes`` as ``role`` may receive them: same seqs; a personal record the role
        may not hold becomes a ``delete`` of it. A page read ahead of the live feed is
        judged on the incident changes it carries. A liaison (``enlace``) of ``agency``
        receives only what is shared with her agency."""
        if role == LIAISON:
            return self._liaison(changes, agency)
        return feed_view(changes, role, self.open_cases, self.policy,
                         looked_ahead_to=self.seen_seq, today=self.today())

    def _liaison(self, changes: list[Change], agency: str) -> list[Change]:
        return liaison_view(changes, agency, self.shares, self.levels, self.today(),
                            looked_ahead_to=self.seen_seq)

    def shared_case(self, agency: str, case: dict[str, Any]) -> dict[str, Any] | None:
        """Her case (wire dict) as a liaison of ``agency`` may read it now, or None."""
        if not agency:
            return None
        return liaison_case(case, agency, self.shares, self.levels, self.today())

    def records(self, role: str, entity: str, rows: list[dict[str, Any]], agency: str = ""
                ) -> list[dict[str, Any]]:
        """A read endpoint's records of ``entity`` as ``role`` may see them (a liaison: her
        agency's shares and the cases shared with it, nothing else)."""
        if role == LIAISON:
            if entity == "case":
                return [c for c in (self.shared_case(agency, r) for r in rows) if c is not None]
            if entity == "case_share":
                return [r for r in rows if agency and r.get("agency_id") == agency]
            return []
        return view_records(entity, rows, role, self.open_cases, self.policy, self.today())

    def grounds(self, entity: str, data: dict[str, Any]) -> bool:
        """Whether a reader has the open-incident ground for this case or history now."""
        return bool(open_ground(entity, data, str(data.get("id", "")), self.open_cases))
