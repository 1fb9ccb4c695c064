"""The console's state holds referrals to institutions and her case timeline's entries from
the feed (issue 12): her referrals newest first, a withdrawal (need-to-know) takes them out,
and the local cache gives them back at the next start."""

from __future__ import annotations

import time

from c4console.core.cases.records import CaseTimelineEntry
from c4console.core.changes import Change
from c4console.core.referrals.rules import new_referral
from c4console.resources import load_catalogue, load_institutions
from c4console.store.cache import LocalCache
from c4console.sync.state import ConsoleState
from tests.cache_files import TEST_KEY

NOW = time.time()


def referral_change(seq: int, rid: str, at: float) -> Change:
    r = new_referral(referral_id=rid, case_id="case-1", institution=load_institutions().get(
        "casa_rosa"), reason="apoyo", shared=["contacto"], urgency="normal", by="psicologa1", at=at)
    return Change(seq, at, "institution_referral", rid, "upsert", r.to_wire())


def test_referrals_and_timeline_entries_are_held_withdrawn_and_cached(tmp_path):
    entry = CaseTimelineEntry(id="e1", case_id="case-1", at=NOW, kind="institution_referral",
                              actor="psicologa1", group="interventions",
                              data={"referral_id": "r1", "status": "enviada"})
    changes = [referral_change(1, "r1", NOW - 60), referral_change(2, "r2", NOW),
               Change(3, NOW, "case_timeline", "e1", "upsert", entry.to_wire())]
    state = ConsoleState(load_catalogue(), "psicologa1")
    touched = state.apply_changes(changes)
    assert touched.institution_referrals == {"r1", "r2"} and touched.case_timelines == {"case-1"}
    assert [r.id for r in state.institution_referrals_of("case-1")] == ["r2", "r1"]
    assert state.case_timeline["e1"].data == {"referral_id": "r1", "status": "enviada"}
    cache = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
    cache.apply(changes)
    again = ConsoleState(load_catalogue(), "psicologa1")
    again.load({e: cache.load(e) for e in ("institution_referral", "case_timeline")}, 3, [])
    assert set(again.institution_referrals) == {"r1", "r2"} and set(again.case_timeline) == {"e1"}
    touched = state.apply_changes([Change(4, NOW, "institution_referral", "r1", "delete", {})])
    assert touched.institution_referrals == {"r1"} and "r1" not in state.institution_referrals
