"""Device health (pure): what trackers say about themselves — battery, charging, signal,
tamper and power events, silence — the state a supervisor's board shows, and when a
device in use needs a call to her (a *task*, not an emergency).

Records on the change feed (need-to-know: ``resources/cases/access.toml`` [device_health]):

- :class:`DeviceHealth` (entity ``device_health``, id = the device id): last report,
  battery, charging, signal, last tamper/power event, the expected reporting interval
  and the open call task, if any.
- :class:`HealthTask` (entity ``health_task``): call her because her device went silent,
  low or was tampered with; closed when the device reports again (silence), its battery
  recovers (low battery) or the call is recorded (``record_health_call``).

States, worst first: tampered > silent (no report for longer than 3 × its interval) >
low battery (≤ 20 %) > ok. Times are UTC epoch seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from c4console.core.wire import _Wire

LOW_BATTERY_PERCENT = 20.0
SILENT_FACTOR = 3.0  # silent: no report for longer than its interval × this
DEFAULT_INTERVAL_S = 300.0  # a panic device reports every 5 minutes unless told otherwise
HEARTBEAT_S = 24 * 3600.0  # the daily check: not reported in 24 h
# Publish a new health snapshot for a plain position at most once per interval (the
# board's "last report" is that fresh); any change of state, battery band, charging,
# signal or event is published at once.
BATTERY_STEP = 5.0
# Traccar alarm names (event attributes.alarm) that are health events, not emergencies.
TAMPER_ALARMS = frozenset({"tampering", "removing", "powercut", "poweroff"})
LOW_BATTERY_ALARMS = frozenset({"lowbattery", "lowpower"})


class HealthState(StrEnum):
    """What the board says of a device, worst first in :data:`STATE_ORDER`."""

    OK = "ok"
    LOW_BATTERY = "low_battery"
    SILENT = "silent"
    TAMPERED = "tampered"


STATE_ORDER = (HealthState.TAMPERED, HealthState.SILENT, HealthState.LOW_BATTERY, HealthState.OK)


class BadHealthValue(ValueError):
    """A health value a tracker sent that cannot be true (the position is still kept)."""


def battery_level(raw: object) -> float | None:
    """A battery percentage 0–100 from a report (None if absent); raise BadHealthValue."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise BadHealthValue(f"batt={raw!r} is not a number")
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise BadHealthValue(f"batt={raw!r} is not a number") from None
    if not math.isfinite(value) or not 0.0 <= value <= 100.0:
        raise BadHealthValue(f"batt={raw!r} is outside 0–100 (a percentage): battery refused, "
                             "position kept")
    return value


@dataclass(frozen=True, slots=True)
class DeviceHealth(_Wire):
    """The latest health a device reported (id = the device id)."""

    id: str
    kind: str = "panic"  # the device's kind: "panic" (hers) or "unit" (a patrol's)
    beneficiary_id: str | None = None
    last_report_at: float | None = None  # arrival of the latest report (central clock)
    battery: float | None = None  # percent
    charging: bool | None = None
    signal: float | None = None  # as the tracker gives it (rssi, or 0–5 bars)
    # The latest tamper / power event (Traccar alarm name) and when; cleared by nothing
    # but a recorded call (the board keeps showing it until someone spoke with her).
    tamper_event: str = ""
    tampered_at: float | None = None
    offline_at: float | None = None  # Traccar's deviceOffline, if after the last report
    # The tracker's own low-battery alarm (Traccar lowBattery) with no level: low until a
    # level above the threshold arrives.
    low_battery_alarm: bool = False
    interval_s: float = DEFAULT_INTERVAL_S
    open_task_id: str = ""  # her open call task, if any
    # The state a recorded call already dealt with (a low battery she was told about does
    # not open a task at every report); cleared when the device is ok again.
    settled: str = ""
    updated_at: float = 0.0


    @property
    def in_use(self) -> bool:
        """A panic device given to a woman (a call task is about her)."""
        return self.kind == "panic" and bool(self.beneficiary_id)

    def silent_after(self) -> float:
        """Seconds without a report after which the device counts as silent."""
        return self.interval_s * SILENT_FACTOR

    def state(self, now: float) -> HealthState:
        """ok / low battery / silent / tampered, the worst that holds at ``now``."""
        if self.tampered_at is not None:
            return HealthState.TAMPERED
        if self.last_report_at is None or now - self.last_report_at > self.silent_after():
            return HealthState.SILENT
        if self.charging:
            return HealthState.OK
        if (self.battery is not None and self.battery <= LOW_BATTERY_PERCENT) or (
                self.battery is None and self.low_battery_alarm):
            return HealthState.LOW_BATTERY
        return HealthState.OK

    def not_heard_in(self, now: float, seconds: float = HEARTBEAT_S) -> bool:
        """True if the device has not reported in ``seconds`` (the daily heartbeat check)."""
        return self.last_report_at is None or now - self.last_report_at > seconds


@dataclass(frozen=True, slots=True)
class HealthTask(_Wire):
    """A call the C4 owes her: her device went silent, low or was tampered with."""

    id: str
    device_id: str
    reason: str  # a HealthState value other than ok
    opened_at: float
    beneficiary_id: str = ""  # not sent to a call role (access.toml [device_health])
    risk_rank: int = -1  # her risk level's rank (0 no apreciado … 4 extremo; -1 unknown)
    risk_level: str = ""
    # Whom to call: her name and registry phone when the task opened (an operator working
    # the task receives these and nothing else of her; access.toml [device_health]).
    name: str = ""
    phone: str = ""
    status: str = "open"  # "open" | "closed"
    closed_at: float | None = None
    closed_by: str = ""
    close_reason: str = ""  # "reported" | "battery_recovered" | "call_recorded"
    note: str = ""
    updated_at: float = 0.0


    @property
    def is_open(self) -> bool:
        """True until the device reported again or the call was recorded."""
        return self.status == "open"


def task_order(task: HealthTask) -> tuple[int, float]:
    """Sort key: highest risk first, then the oldest."""
    return (-task.risk_rank, task.opened_at)


def worth_publishing(old: DeviceHealth | None, new: DeviceHealth, now: float) -> bool:
    """True if ``new`` tells the board something ``old`` did not (a plain report of the
    same health is published at most once per interval, so 1 Hz trackers do not flood
    the feed)."""
    if old is None:
        return True
    if (old.charging, old.signal, old.tamper_event, old.tampered_at, old.offline_at,
            old.open_task_id, old.beneficiary_id, old.low_battery_alarm, old.settled) != (
            new.charging, new.signal, new.tamper_event, new.tampered_at, new.offline_at,
            new.open_task_id, new.beneficiary_id, new.low_battery_alarm, new.settled):
        return True
    if old.state(now) != new.state(now):
        return True
    if (old.battery is None) != (new.battery is None) or (
            old.battery is not None and new.battery is not None
            and abs(old.battery - new.battery) >= BATTERY_STEP):
        return True
    return old.last_report_at is None or (new.last_report_at or 0) - old.last_report_at >= old.interval_s


def task_reason(health: DeviceHealth, now: float) -> HealthState | None:
    """Why her device needs a call now (None: it does not, it is not in use, or a recorded
    call already dealt with this state)."""
    if not health.in_use:
        return None
    state = health.state(now)
    return None if state is HealthState.OK or state.value == health.settled else state


def closes_task(task: HealthTask, health: DeviceHealth, now: float) -> str:
    """Why a new report closes the task ("" if it does not): a silent device that reports
    again; a low battery that recovered (or is charging). A tamper needs a call."""
    if not task.is_open:
        return ""
    state = health.state(now)
    if task.reason == HealthState.SILENT and state is not HealthState.SILENT:
        return "reported"
    if task.reason == HealthState.LOW_BATTERY and state not in (HealthState.LOW_BATTERY,
                                                                 HealthState.SILENT):
        return "battery_recovered"
    return ""
