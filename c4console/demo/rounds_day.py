"""Fuerza Rosa rounds in simulated time: the speed-up that runs a day without waiting.

The live simulator (:mod:`.simulator`) moves its units every couple of wall-clock seconds
and stamps each fix with the time it is sent. :func:`drive_rounds` runs the same rounds
(:func:`~c4console.demo.rounds.advance_on_rounds`) in simulated time instead: every
``tick_s`` of simulated time each unit moves and reports its position through the real
OsmAnd gateway with the simulated time as the fix's ``timestamp`` — the central's GPS
proof judges a stay by those timestamps, so a day takes as long as its posts. The
central must accept those times (its clock at or after them: a test moves it along with
``on_tick``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence

from c4console.demo.data import DemoUnit
from c4console.demo.patrols import PatrolMotion
from c4console.demo.rounds import VisitRounds, advance_on_rounds
from c4console.demo.simulator_client import SimulatorClient


async def drive_rounds(client: SimulatorClient, rounds: VisitRounds, units: Sequence[DemoUnit],
                       motions: Mapping[str, PatrolMotion], *, start: float, end: float,
                       tick_s: float = 30.0, on_tick: Callable[[float], None] | None = None
                       ) -> list[int]:
    """Drive ``units`` on their rounds from ``start`` to ``end`` (epoch seconds, simulated),
    one fix per unit every ``tick_s``; ``on_tick(t)`` is called before the fixes of time
    ``t`` are sent. Returns the HTTP status of every fix (units in parallel, each unit's
    fixes in time order)."""
    if tick_s <= 0:
        raise ValueError("tick_s must be positive")
    statuses: list[int] = []
    t = start
    while t + tick_s <= end:
        t += tick_s
        if on_tick is not None:
            on_tick(t)
        sends = []
        for unit in units:
            fix = advance_on_rounds(rounds, unit.unit_id, motions[unit.unit_id], tick_s, t)
            sends.append(client.position(unit.device_id, fix.lat, fix.lon, speed_kmh=fix.speed_kmh,
                                         bearing=fix.bearing, at=t))
        statuses += await asyncio.gather(*sends)
    return statuses
