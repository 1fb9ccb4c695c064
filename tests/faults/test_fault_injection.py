"""Kill the central and the consoles at random, cut and delay their connections:
nothing a console showed as saved is lost, nothing is applied twice, all converge."""

from __future__ import annotations

import asyncio
import json

from tests.faults.scenario import run_fault_injection


def test_nothing_lost_nothing_doubled_everything_converges(tmp_path):
    report = asyncio.run(run_fault_injection(tmp_path, steps=120, pace=0.05, seed=11))
    print("fault injection:", json.dumps(report.as_dict()))
    assert report.commands_saved == 240
    assert report.kills["central"] >= 2 and report.kills["A"] >= 1 and report.kills["B"] >= 1
    assert report.cuts >= 1
    assert (report.lost, report.duplicated, report.diverged, report.outcome_mismatch) == (0, 0, 0, 0)
    assert report.accepted > 150 and report.rejected >= 8  # the shared-incident races
