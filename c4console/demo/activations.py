"""What emergency the demo produces next, and when (pure: decisions from a random source).

Most events are Botón Seguro activations (half of them from women with prior incidents,
so the console shows a history): a beneficiary's device sends
``alarm=sos`` from near her home, then a few positions as she walks away (so the
console shows her live position beside the confirmed one). About one event in
four is instead a citizen reporting by 911 or WhatsApp, which a console would
create as an incident with ``create_incident``.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from c4console.core.geo import Jurisdiction
from c4console.demo.data import DemoBeneficiary, Words
from c4console.demo.patrols import destination

SPREAD = 0.5  # the gap between events is the mean ± 50 %
CITIZEN_SHARE = 0.25
GPS_SCATTER_M = 35.0  # how far from home a panic fix may land
WALK_KMH = 5.0
CHANNELS = ("call_911", "whatsapp")
# Of the panic alarms, this share comes from women with prior incidents, so the detail
# panel shows a history (her earlier incidents, the repeat flag) in most demo sessions.
HISTORY_SHARE = 0.5


def next_delay(rng: random.Random, mean_s: float) -> float:
    """Seconds until the next event: uniform within ``mean_s`` ± 50 %."""
    return rng.uniform(mean_s * (1 - SPREAD), mean_s * (1 + SPREAD))


@dataclass(frozen=True, slots=True)
class PanicAlarm:
    """A Botón Seguro activation: the device, where it fired, and her walk afterwards."""

    beneficiary: DemoBeneficiary
    lat: float
    lon: float
    walk_bearing: float


@dataclass(frozen=True, slots=True)
class CitizenReport:
    """A 911 call or WhatsApp chat, as the ``create_incident`` command's fields."""

    incident_id: str
    channel: str
    lat: float
    lon: float
    address: str
    caller: str

    def command(self) -> dict:
        """The ``create_incident`` command (without its idempotency key)."""
        return {"type": "create_incident", "incident_id": self.incident_id, "channel": self.channel,
                "lat": round(self.lat, 6), "lon": round(self.lon, 6), "address": self.address,
                "caller": self.caller}


Event = PanicAlarm | CitizenReport


def scatter(rng: random.Random, lat: float, lon: float, jurisdiction: Jurisdiction,
            radius_m: float = GPS_SCATTER_M) -> tuple[float, float]:
    """A GPS-like fix within ``radius_m`` of the point, in the same cuadrante (else the point)."""
    home = jurisdiction.locate(lat, lon)
    new_lat, new_lon = destination(lat, lon, rng.uniform(0, 360), rng.uniform(0, radius_m))
    if home is not None and jurisdiction.locate(new_lat, new_lon) != home:
        return lat, lon  # a fix across the colonia line would confuse the demo's story
    return new_lat, new_lon


def panic_alarm(rng: random.Random, beneficiaries: Sequence[DemoBeneficiary],
                jurisdiction: Jurisdiction) -> PanicAlarm:
    """A random beneficiary's activation near her home; half of them from a woman with
    prior incidents (HISTORY_SHARE)."""
    with_history = [b for b in beneficiaries if b.prior_incidents]
    ben = rng.choice(with_history if with_history and rng.random() < HISTORY_SHARE
                     else beneficiaries)
    lat, lon = scatter(rng, ben.home_lat, ben.home_lon, jurisdiction)
    return PanicAlarm(ben, lat, lon, rng.uniform(0, 360))


def walk(alarm: PanicAlarm, elapsed_s: float) -> tuple[float, float]:
    """Where she is ``elapsed_s`` simulated seconds after the activation (walking away)."""
    return destination(alarm.lat, alarm.lon, alarm.walk_bearing, WALK_KMH / 3.6 * max(0.0, elapsed_s))


def _phone(rng: random.Random) -> str:
    n = rng.randrange(1_000_000, 10_000_000)
    return f"+52 686 {n // 10_000:03d} {n % 10_000:04d}"


def citizen_report(rng: random.Random, jurisdiction: Jurisdiction, words: Words) -> CitizenReport:
    """A 911 call or WhatsApp chat from a random point of the jurisdiction."""
    south, west, north, east = jurisdiction.bounds()
    while True:
        lat, lon = rng.uniform(south, north), rng.uniform(west, east)
        place = jurisdiction.locate(lat, lon)
        if place is not None:
            break
    channel = rng.choice(CHANNELS)
    name = f"{rng.choice(words.given_names)} {rng.choice(words.surnames)}"
    phone = _phone(rng)
    caller = f"{name}, WhatsApp {phone}" if channel == "whatsapp" else f"{name}, {phone}"
    address = f"{rng.choice(words.streets)} {rng.randint(100, 2999)}, Col. {place.colonia}"
    # The client makes the id, so a resent command cannot create the incident twice. Not
    # drawn from ``rng``: a rerun with the same --seed against the same central must not
    # collide with the incidents of the first run.
    return CitizenReport(str(uuid.uuid4()), channel, lat, lon, address, caller)


def next_event(rng: random.Random, beneficiaries: Sequence[DemoBeneficiary],
               jurisdiction: Jurisdiction, words: Words) -> Event:
    """The next emergency: usually a panic alarm, one in four a citizen report."""
    if not beneficiaries or rng.random() < CITIZEN_SHARE:
        return citizen_report(rng, jurisdiction, words)
    return panic_alarm(rng, beneficiaries, jurisdiction)

