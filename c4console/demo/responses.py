"""One patrol answering one incident, as its crew would report it on the radio.

en route → drive to the incident → on scene → attend for a while → close. Every
step is a command naming the unit, sent on the crew's behalf by the simulator's
account (the central records the logged-in user as the actor). The operator stays in
charge: if she withdraws the unit or closes the incident first, the crew notices
(``withdrawn``) and goes back to patrolling.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from c4console.core.geo import haversine_m
from c4console.demo.data import DemoUnit
from c4console.demo.patrols import PatrolMotion
from c4console.demo.simulator_client import CentralUnavailable, SimulatorClient

log = logging.getLogger(__name__)

SCENE_S = (30.0, 90.0)  # simulated seconds the crew spends on scene

Locator = Callable[[str], Awaitable[tuple[float, float] | None]]
TickWaiter = Callable[[], Awaitable[None]]


@dataclass
class Assignment:
    """A unit's current incident and the phase it was in when the simulator noticed it."""

    unit: DemoUnit
    incident_id: str
    phase: str  # assigned | en_route | on_scene (as the central reported the unit)
    label: str = ""  # the folio, for the log
    withdrawn: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task | None = None

    @property
    def name(self) -> str:
        """How the log names the incident: its folio if known, else its id."""
        return self.label or self.incident_id


async def respond(assignment: Assignment, motion: PatrolMotion, client: SimulatorClient, locate: Locator,
                  after_tick: TickWaiter, *, speedup: float, rng: random.Random) -> None:
    """Play the crew's part for ``assignment``; returns when done or withdrawn.

    ``after_tick()`` returns when the next round of position reports has been sent.
    """
    unit, name = assignment.unit, assignment.name
    try:
        await _respond(assignment, motion, client, locate, after_tick, speedup, rng)
    except CentralUnavailable as e:
        log.warning("%s: central unreachable while attending incident %s (%s); back on patrol",
                    unit.callsign, name, e)
    except ValueError as e:  # the central refused the request itself (HTTP 400): a bug here
        log.error("%s: request about incident %s refused: %s", unit.callsign, name, e)
    finally:
        motion.wander()


async def _respond(a: Assignment, motion: PatrolMotion, client: SimulatorClient, locate: Locator,
                   after_tick: TickWaiter, speedup: float, rng: random.Random) -> None:
    unit, name = a.unit, a.name
    target = await locate(a.incident_id)
    if a.phase == "assigned" and not await _report(a, client, "en_route"):
        return
    if a.phase in ("assigned", "en_route"):
        if target is None:
            log.info("%s: incident %s has no location; reporting on scene where the unit is",
                     unit.callsign, name)
        else:
            km = haversine_m(motion.lat, motion.lon, *target) / 1000
            log.info("%s en route to incident %s (%.1f km)", unit.callsign, name, km)
            motion.drive_to(*target)
            while not motion.arrived:
                if await _withdrawn(a, None, after_tick()):
                    return
            # The fix that arrived may still be on its way: let that round of reports
            # finish so the central has the unit at the scene before it hears "on scene".
            if await _withdrawn(a, None, after_tick()):
                return
        motion.hold()
        if not await _report(a, client, "on_scene"):
            return
    motion.hold()
    log.info("%s on scene of incident %s", unit.callsign, name)
    if await _withdrawn(a, rng.uniform(*SCENE_S) / speedup):
        return
    result = await client.command(unit.callsign, {
        "type": "close", "incident_id": a.incident_id, "status": "closed",
        "disposition": f"Atendido en sitio por unidad {unit.callsign}"})
    if result.accepted:
        log.info("%s closed incident %s", unit.callsign, name)
        return
    log.info("%s could not close incident %s (%s); reporting available", unit.callsign, name, result.reason)
    freed = await client.command(unit.callsign, {"type": "unit_status", "unit_id": unit.unit_id,
                                                 "status": "available"})
    if not freed.accepted and freed.reason != "no_change":
        log.warning("%s: available refused: %s (%s)", unit.callsign, freed.reason, freed.message)


async def _report(a: Assignment, client: SimulatorClient, status: str) -> bool:
    """Send unit_status; True to carry on (accepted, or the central already had it)."""
    if a.withdrawn.is_set():
        return False
    result = await client.command(a.unit.callsign, {"type": "unit_status", "unit_id": a.unit.unit_id,
                                                    "status": status})
    if result.accepted or result.reason == "no_change":
        return True
    log.info("%s: %s refused for incident %s: %s (%s); back on patrol", a.unit.callsign, status,
             a.name, result.reason, result.message)
    return False


async def _withdrawn(a: Assignment, seconds: float | None, other: Awaitable[None] | None = None) -> bool:
    """Wait ``seconds`` (or for ``other``); True if the operator withdrew the unit meanwhile."""
    waits = {asyncio.ensure_future(a.withdrawn.wait())}
    if other is not None:
        waits.add(asyncio.ensure_future(other))
    try:
        await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waits:
            w.cancel()
    if not a.withdrawn.is_set():
        return False
    log.info("%s withdrawn from incident %s; back on patrol", a.unit.callsign, a.name)
    return True
