"""Fault injection at a larger count than `make test`: several runs of 2 × 300 commands
with SIGKILLs and a chaos proxy; prints the counts (lost / duplicated / diverged must be 0)."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from tests.faults.scenario import run_fault_injection

RUNS = 3
STEPS = 300


def run(_qapp) -> dict:
    """Sum the counts over the runs."""
    totals: dict = {"runs": 0, "commands_saved": 0, "kills": 0, "cuts": 0, "lost": 0,
                    "duplicated": 0, "diverged": 0, "outcome_mismatch": 0, "seconds": 0.0}
    per_run = []
    for seed in range(RUNS):
        folder = Path(tempfile.mkdtemp(prefix=f"c4faults-{seed}-"))
        r = asyncio.run(run_fault_injection(folder, steps=STEPS, pace=0.03, seed=100 + seed,
                                            time_limit=300))
        per_run.append(r.as_dict())
        totals["runs"] += 1
        totals["kills"] += sum(r.kills.values())
        for k in ("commands_saved", "cuts", "lost", "duplicated", "diverged", "outcome_mismatch",
                  "seconds"):
            totals[k] += getattr(r, k)
    return {"totals": totals, "per_run": per_run}
