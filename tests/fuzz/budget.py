"""How long each fuzz target runs: a short, reproducible pass inside `make test`, a timed
pass in `make fuzz`.

`make test` runs every target for ``C4_FUZZ_EXAMPLES`` examples (default 60) from a fixed seed,
replaying the cases kept in ``tests/fuzz/corpus`` (read-only). `make fuzz` sets
``C4_FUZZ_SECONDS``: each target then runs rounds of fresh random examples until its time is
up, and every failing case Hypothesis finds is saved (shrunk) into the corpus, where the next
`make test` replays it: a found case becomes a regression test once the corpus is committed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, seed, settings
from hypothesis.database import DirectoryBasedExampleDatabase, ReadOnlyDatabase

CORPUS = Path(__file__).with_name("corpus")
ROUND = 500  # examples per round of a timed run (the round's cases are shrunk before the next)


def _database() -> Any:
    folder = DirectoryBasedExampleDatabase(str(CORPUS))
    return folder if timed() else ReadOnlyDatabase(folder)


def timed() -> float:
    """Seconds per target for a timed run (`make fuzz`), 0 inside `make test`."""
    return float(os.environ.get("C4_FUZZ_SECONDS", "0") or 0)


def run(target: Callable[[], None]) -> int:
    """Run a Hypothesis-decorated ``target`` for this mode's budget; returns the rounds run.
    A failing example raises (after shrinking) like any Hypothesis test."""
    common = {"deadline": None, "database": _database(), "print_blob": True,
              "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much,
                                        HealthCheck.data_too_large]}
    seconds = timed()
    if not seconds:
        examples = int(os.environ.get("C4_FUZZ_EXAMPLES", "60"))
        # A fixed seed (not derandomize, which would turn the corpus off): the same examples
        # on every machine, after the corpus's kept cases.
        seed(0xC4)(settings(max_examples=examples, **common)(target))()
        return 1
    end = time.monotonic() + seconds
    rounds = 0
    one_round = settings(max_examples=ROUND, **common)(target)  # settings mark the function: once
    while time.monotonic() < end:  # a time budget: Hypothesis itself counts examples only
        one_round()  # each call draws fresh random examples
        rounds += 1
    return rounds
