"""A panic device's test mode (pure): armed by a supervisor for her test call at delivery,
it makes that call a TEST incident on every path — the data alarm, an audio session that
arrives first, the SMS to her trusted contacts (a test texts no one).

The mode ends at the first of: the test call itself (one activation), its expiry
(``test_expires_at``, the arming time plus the central's window, default 30 min), or a
supervisor's ``cancel_device_test``. After it ends her next alarm is an emergency.
"""

from __future__ import annotations

from collections.abc import Mapping

from c4console.core.models import Device, Incident

DEFAULT_TEST_MINUTES = 30.0


def mode_ends_at(device: Device, *, window_s: float = DEFAULT_TEST_MINUTES * 60) -> float | None:
    """When the device's test mode ends (None: not armed). A record armed before expiry
    was stored gets the default window from its arming time."""
    if device.test_armed_at is None:
        return None
    if device.test_expires_at is not None:
        return device.test_expires_at
    return device.test_armed_at + window_s


def in_test_mode(device: Device, now: float) -> bool:
    """True while the device is armed for its test call and the mode has not expired."""
    until = mode_ends_at(device)
    return until is not None and now < until


def is_test_call(device: Device, open_incidents: Mapping[str, Incident], now: float) -> bool:
    """True if a new activation of ``device`` now (alarm or audio) is her test call.

    A real incident of hers already open always wins: the activation is that emergency's.
    """
    return in_test_mode(device, now) and not open_incidents


def disarmed(device: Device) -> Device:
    """The device with its test mode over (spent, expired or cancelled)."""
    return device.evolve(test_armed_at=None, test_armed_by="", test_expires_at=None)
