"""Orchestration: the position ticker, the emergency generator and the stream follower.

Three loops share one :class:`Simulator`:

- every ``tick_s`` each patrol moves (:mod:`.patrols`) and reports its position
  over OsmAnd, and a beneficiary who just pressed her button reports where she
  walks; a unit with planned follow-up visits (the Fuerza Rosa units, issue 13) drives
  to them, lingers and moves on (:mod:`.rounds`) unless it is answering an emergency;
- every ``alarm_every`` s (± 50 %) a new emergency (:mod:`.activations`);
- the change feed, to notice dispatches of our patrols and start a
  :func:`~c4console.demo.responses.respond` task for each, and to learn the units'
  planned visits (``patrol_visit``, which the simulator's operator account receives
  projected to what a crew needs; those planned before it started are read from
  ``GET /changes`` once).

A panic activation the central accepted also starts the device's ambient audio
(:class:`~c4console.demo.ambient.AmbientAudio`, ``--ambient-seconds``): an audio
session at the central and RTP speech for a bounded time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

from c4console.core.geo import Jurisdiction
from c4console.demo.activations import (
    CitizenReport,
    PanicAlarm,
    next_delay,
    next_event,
    panic_alarm,
    walk,
)
from c4console.demo.aggressor import DemoAggressor
from c4console.demo.aggressor import position as aggressor_position
from c4console.demo.ambient import AmbientAudio
from c4console.demo.data import DemoBeneficiary, DemoUnit, Words
from c4console.demo.patrols import Area, Fix, PatrolMotion
from c4console.demo.responses import Assignment, respond
from c4console.demo.rounds import MISS_SHARE, VisitRounds, advance_on_rounds
from c4console.demo.simulator_client import (
    BACKOFF_BASE_S,
    CentralUnavailable,
    LoginRefused,
    SimulatorClient,
    sleep_unless,
)
from c4console.sync.backoff import Backoff

log = logging.getLogger(__name__)

WALK_TICKS = 6  # positions a panic device sends after its alarm, one per tick
ALARM_RETRY_S = 30.0  # a real device keeps retrying an undelivered alarm
FIRST_ALARM_S = 5.0  # the first emergency (a panic alarm) comes at most this long after start
RESPONDING = ("assigned", "en_route", "on_scene")
FREE = ("available", "out_of_service")
ACTOR = "simulador"


@dataclass(frozen=True, slots=True)
class Settings:
    """The simulator's knobs (the command line's options)."""

    alarm_every: float = 20.0
    speedup: float = 1.0
    tick_s: float = 2.0
    miss_share: float = MISS_SHARE  # follow-up visits the crews miss


@dataclass
class _Walker:
    alarm: PanicAlarm
    elapsed_s: float = 0.0
    ticks_left: int = WALK_TICKS


class Simulator:
    """The demo's patrols and emergencies, driven against one central."""

    def __init__(self, client: SimulatorClient, settings: Settings, *, jurisdiction: Jurisdiction,
                 units: Sequence[DemoUnit], beneficiaries: Sequence[DemoBeneficiary], words: Words,
                 rng: random.Random, ambient: AmbientAudio | None = None,
                 aggressors: Sequence[DemoAggressor] = ()) -> None:
        self.client = client
        # Aggressors' trackers walking to her home (the central knows them only with the
        # demo's case history: a tracker it refuses is no longer driven).
        self.aggressors = {a.device_id: a for a in aggressors}
        self.aggressor_s = 0.0
        self.ambient = ambient  # None: activations carry no audio
        self.settings = settings
        self.jurisdiction = jurisdiction
        self.beneficiaries = list(beneficiaries)
        self.words = words
        self.rng = rng
        self.units = {u.unit_id: u for u in units}
        self.motions = {u.unit_id: PatrolMotion(u.lat, u.lon, self._area(u.sector), rng) for u in units}
        self.rounds = VisitRounds(rng, miss_share=settings.miss_share)
        self.assignments: dict[str, Assignment] = {}
        self.incidents: dict[str, dict[str, Any]] = {}  # open incidents' snapshots, by id
        self.walkers: list[_Walker] = []
        self.alarms_sent = 0
        self.reports_sent = 0
        self.failed = False
        self._tick_done = asyncio.Event()  # replaced by a fresh one after every tick

    def _area(self, sector: str) -> Area:
        cuads = [c for c in self.jurisdiction.cuadrantes if c.sector == sector]
        # A unit of a sector the map does not have patrols the whole jurisdiction.
        return Area(cuads or self.jurisdiction.cuadrantes)

    async def run(self, stop: asyncio.Event) -> None:
        """Simulate until ``stop`` is set, then end every task cleanly."""
        health = await self.client.wait_until_up(stop)
        if health is None:
            return
        try:
            await self.client.login()
        except (LoginRefused, CentralUnavailable) as e:
            # Without a login there is no stream and no command: a demo that only moved
            # markers would hide the problem.
            self.failed = True
            log.error("simulator cannot log in: %s (the demo accounts come with "
                      "`c4central serve --demo`)", e)
            return
        cursor = int(health.get("head", 0))
        await self._adopt_units()
        await self._adopt_visits(cursor)
        log.info("simulating %d patrols and %d panic devices; an emergency every ~%.0f s, speed-up ×%g",
                 len(self.units), len(self.beneficiaries), self.settings.alarm_every, self.settings.speedup)
        loops = [asyncio.create_task(self._tick_loop(stop), name="ticker"),
                 asyncio.create_task(self._emergency_loop(stop), name="emergencies"),
                 asyncio.create_task(self.client.follow(cursor, self._on_changes, stop), name="stream")]
        stopping = asyncio.create_task(stop.wait(), name="stop")
        try:
            await asyncio.wait([stopping, *loops], return_when=asyncio.FIRST_COMPLETED)
            for t in loops:
                if t.done() and not stop.is_set():
                    # A loop must only end on stop; carrying on without it would be a silent half-demo.
                    self.failed = True
                    exc = t.exception() if not t.cancelled() else None
                    log.error("%s loop ended unexpectedly: %r; stopping", t.get_name(), exc)
            stop.set()
        finally:
            stopping.cancel()
            tasks = loops + [a.task for a in self.assignments.values() if a.task is not None]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if self.ambient is not None:
                await self.ambient.close()
            log.info("simulator stopped: %d alarms, %d citizen reports sent", self.alarms_sent,
                     self.reports_sent)

    async def _adopt_units(self) -> None:
        # Continue from the central's picture: where our patrols are, and any
        # dispatch made while the simulator was not running.
        try:
            units = await self.client.units()
        except CentralUnavailable as e:
            log.warning("could not read units (%s); starting from units.csv", e)
            return
        for snap in units:
            motion = self.motions.get(snap.get("id"))
            if motion is None:
                continue
            if snap.get("lat") is not None and snap.get("lon") is not None:
                motion.lat, motion.lon = float(snap["lat"]), float(snap["lon"])
            self._on_unit(snap)

    async def _adopt_visits(self, upto: int) -> None:
        # The visits planned before the simulator started (the demo seed plans the day's).
        try:
            visits = await self.client.records("patrol_visit", upto)
        except (CentralUnavailable, ValueError) as e:
            log.warning("could not read the planned visits (%s); only new ones are driven to", e)
            return
        for data in visits:
            self.rounds.put(data)
        mine = [u for u in self.units if self.rounds.planned(u)]
        log.info("follow-up: %d planned visits for %d units", sum(
            len(self.rounds.planned(u)) for u in mine), len(mine))

    # -- positions ------------------------------------------------------------

    async def _tick_loop(self, stop: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        down = False
        while not await sleep_unless(stop, self.settings.tick_s):
            now = loop.time()
            dt, last = now - last, now
            at = time.time()  # the fixes' time: a visit's stay is judged by it
            sends = [self._send_fix(uid, self._advance(uid, motion, dt, at), at)
                     for uid, motion in self.motions.items()]
            sends += self._walk_fixes(dt)
            sends += self._aggressor_fixes(dt)
            results = await asyncio.gather(*sends, return_exceptions=True)
            done, self._tick_done = self._tick_done, asyncio.Event()
            done.set()
            failures = [r for r in results if isinstance(r, CentralUnavailable)]
            for r in results:
                if isinstance(r, BaseException) and not isinstance(r, CentralUnavailable):
                    log.error("position report failed: %r", r)
            # One line per outage, not one per patrol per tick.
            if failures and not down:
                log.warning("positions not delivered: %s", failures[0])
            elif not failures and down:
                log.info("positions delivered again")
            down = bool(failures)

    def _advance(self, unit_id: str, motion: PatrolMotion, dt: float, at: float) -> Fix:
        a = self.assignments.get(unit_id)
        if a is not None and a.task is not None and not a.task.done():
            self.rounds.interrupt(unit_id)  # an emergency first; the visit waits
            return motion.advance(dt, self.settings.speedup)
        before = self.rounds.current(unit_id)
        fix = advance_on_rounds(self.rounds, unit_id, motion, dt, at, self.settings.speedup)
        stop = self.rounds.current(unit_id)
        if stop is not None and stop != before:
            # The visit's id and time only: where she lives stays out of the log.
            log.info("%s heading to planned visit %s (due in %.0f min)", self.units[unit_id].callsign,
                     stop.visit_id, (stop.due_at - at) / 60)
        return fix

    def _send_fix(self, unit_id: str, fix: Fix, at: float) -> Coroutine[Any, Any, int]:
        unit = self.units[unit_id]
        return self.client.position(unit.device_id, fix.lat, fix.lon, speed_kmh=fix.speed_kmh,
                                    bearing=fix.bearing, at=at)

    def _walk_fixes(self, dt: float) -> list[Coroutine[Any, Any, int]]:
        sends = []
        for w in self.walkers:
            w.elapsed_s += dt * self.settings.speedup
            w.ticks_left -= 1
            lat, lon = walk(w.alarm, w.elapsed_s)
            sends.append(self.client.position(w.alarm.beneficiary.device_id, lat, lon, speed_kmh=5.0,
                                              bearing=w.alarm.walk_bearing))
        self.walkers = [w for w in self.walkers if w.ticks_left > 0]
        return sends

    def _aggressor_fixes(self, dt: float) -> list[Coroutine[Any, Any, int]]:
        self.aggressor_s += dt * self.settings.speedup
        return [self._aggressor_fix(a) for a in list(self.aggressors.values())]

    async def _aggressor_fix(self, a: DemoAggressor) -> int:
        status = await self.client.position(a.device_id, *aggressor_position(a, self.aggressor_s),
                                            speed_kmh=40.0)
        if status == 403:  # not registered at this central (no demo case history)
            log.info("aggressor tracker %s is not registered at the central; not driven", a.device_id)
            self.aggressors.pop(a.device_id, None)
        return status

    # -- emergencies ----------------------------------------------------------

    async def _emergency_loop(self, stop: asyncio.Event) -> None:
        # The first emergency is a panic alarm within a few seconds: someone trying the demo
        # (or a 20 s screenshot) sees the product's core at once, not after up to 1.5 × the mean.
        delay = min(FIRST_ALARM_S, next_delay(self.rng, self.settings.alarm_every))
        first = True
        while not await sleep_unless(stop, delay):
            if first and self.beneficiaries:
                event: Any = panic_alarm(self.rng, self.beneficiaries, self.jurisdiction)
            else:
                event = next_event(self.rng, self.beneficiaries, self.jurisdiction, self.words)
            first, delay = False, next_delay(self.rng, self.settings.alarm_every)
            try:
                if isinstance(event, PanicAlarm):
                    await self._panic(event, stop)
                else:
                    await self._citizen(event)
            except (CentralUnavailable, ValueError) as e:
                log.warning("emergency not delivered: %s", e)

    async def _panic(self, alarm: PanicAlarm, stop: asyncio.Event) -> None:
        ben = alarm.beneficiary
        backoff = Backoff(base=BACKOFF_BASE_S)
        deadline = asyncio.get_running_loop().time() + ALARM_RETRY_S
        while True:
            try:
                status = await self.client.position(ben.device_id, alarm.lat, alarm.lon, alarm="sos")
                break
            except CentralUnavailable:
                if asyncio.get_running_loop().time() > deadline or await sleep_unless(stop, backoff.next()):
                    raise
        self.alarms_sent += 1
        log.info("panic alarm: %s %s (device %s) at %.5f,%.5f, Col. %s -> HTTP %d", ben.beneficiary_id,
                 ben.name, ben.device_id, alarm.lat, alarm.lon, ben.colonia, status)
        if status == 200:
            self.walkers.append(_Walker(alarm))
            if self.ambient is not None:
                self.ambient.start(ben.device_id)

    async def _citizen(self, report: CitizenReport) -> None:
        result = await self.client.command(ACTOR, report.command())
        self.reports_sent += 1
        channel = "911 call" if report.channel == "call_911" else "WhatsApp chat"
        log.info("%s: incident %s at %s (%s) -> %s %s", channel, report.incident_id, report.address,
                 report.caller, result.outcome, result.reason)

    # -- change feed ----------------------------------------------------------

    async def _on_changes(self, changes: list[dict[str, Any]]) -> None:
        for change in changes:
            data = change.get("data") or {}
            if change.get("entity") == "incident":
                self._on_incident(data)
            elif change.get("entity") == "unit":
                self._on_unit(data)
            elif change.get("entity") == "patrol_visit":
                self.rounds.put(data if change.get("op") != "delete" else {"id": change.get("id")})

    def _on_incident(self, data: dict[str, Any]) -> None:
        iid = data.get("id")
        if not iid:
            return
        if data.get("status") in ("new", "acknowledged", "dispatched", "en_route", "on_scene"):
            self.incidents[iid] = data
        else:
            self.incidents.pop(iid, None)

    def _on_unit(self, snap: dict[str, Any]) -> None:
        uid = snap.get("id")
        if uid not in self.units:
            return  # not one of ours
        status, iid = snap.get("status"), snap.get("incident_id")
        current = self.assignments.get(uid)
        if current is not None and (current.task is None or current.task.done()):
            self.assignments.pop(uid, None)
            current = None
        if current is not None and (status in FREE or iid != current.incident_id):
            current.withdrawn.set()
        if status in RESPONDING and iid and (current is None or current.incident_id != iid):
            self._start(uid, iid, status, previous=current)

    def _start(self, uid: str, iid: str, phase: str, previous: Assignment | None) -> None:
        unit = self.units[uid]
        a = Assignment(unit, iid, phase, label=self.incidents.get(iid, {}).get("folio", ""))
        log.info("%s assigned to incident %s (%s)", unit.callsign, a.name, phase)
        a.task = asyncio.create_task(self._respond_after(a, previous), name=f"respond-{uid}")
        self.assignments[uid] = a

    async def _respond_after(self, a: Assignment, previous: Assignment | None) -> None:
        # One crew, one job at a time: let the withdrawn assignment wind down first.
        if previous is not None and previous.task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await previous.task
        await respond(a, self.motions[a.unit.unit_id], self.client, self._locate, self._after_tick,
                      speedup=self.settings.speedup, rng=self.rng)

    async def _after_tick(self) -> None:
        """Return once the next round of position reports has been sent."""
        await self._tick_done.wait()

    async def _locate(self, iid: str) -> tuple[float, float] | None:
        data = self.incidents.get(iid)
        if data is None:
            try:
                data = await self.client.incident(iid)
            except CentralUnavailable:
                data = None
        if not data:
            return None
        # The confirmed location is where the operator sends the unit; her live
        # position only when nothing was confirmed.
        for lat_key, lon_key in (("lat", "lon"), ("live_lat", "live_lon")):
            if data.get(lat_key) is not None and data.get(lon_key) is not None:
                return float(data[lat_key]), float(data[lon_key])
        return None
