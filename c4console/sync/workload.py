"""A deterministic scripted workload of operator commands (fault-injection tests, benchmarks).

Keys are UUID5 of (console, step), so a console restarted after a crash makes the
same command with the same key for the same step: the outbox refuses the copy,
the central answers it as a duplicate, and nothing is applied twice.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from typing import Any

NAMESPACE = uuid.UUID("6f1c4b7e-2d0a-4c1e-9a7b-3c2d1e0f4a5b")
SHARED_INCIDENTS = 4  # incidents every console races on


def key(console: str, step: int) -> str:
    """The idempotency key of one step."""
    return str(uuid.uuid5(NAMESPACE, f"{console}/{step}"))


def incident_id(owner: str, n: int) -> str:
    """A client-made incident id."""
    return str(uuid.uuid5(NAMESPACE, f"incident/{owner}/{n}"))


def steps(console: str, count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """The commands of one console, in order.

    Mostly its own incidents (create, note, acknowledge, note, close), plus races
    with the other consoles on a few shared incidents (everyone acknowledges and
    closes them; exactly one of each wins).
    """
    rng = random.Random(f"{seed}/{console}")
    own = 0
    shared = 0
    step = 0
    block = 0
    while step < count:
        block += 1
        if block % 5 == 1 and shared < SHARED_INCIDENTS:
            # Every console creates the same shared incident (one wins) and acknowledges it.
            sid = incident_id("shared", shared)
            shared += 1
            script = [
                {"type": "create_incident", "incident_id": sid, "channel": "call_911",
                 "lat": 32.6245, "lon": -115.4523, "caller": f"compartido {shared}"},
                {"type": "acknowledge", "incident_id": sid},
            ]
        else:
            iid = incident_id(console, own)
            own += 1
            lat = 32.60 + rng.random() * 0.06
            lon = -115.49 + rng.random() * 0.08
            script = [
                {"type": "create_incident", "incident_id": iid, "channel": "call_911", "lat": lat,
                 "lon": lon, "caller": f"{console}-{own}"},
                {"type": "add_note", "incident_id": iid, "text": f"{console} nota A {own}"},
                {"type": "acknowledge", "incident_id": iid},
                {"type": "add_note", "incident_id": iid, "text": f"{console} nota B {own}"},
                {"type": "close", "incident_id": iid, "status": "closed",
                 "disposition": "Atendido"},
            ]
        for cmd in script:
            if step >= count:
                return
            yield {"key": key(console, step), **cmd}
            step += 1
