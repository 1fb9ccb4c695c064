"""The handover report's daily heartbeat check: devices that have not reported in 24 h
(core/device_health.py ``not_heard_in``), from the device health the console mirrors
(supervisors and shift leads hold it: resources/cases/access.toml [device_health])."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from c4console.core.device_health import HEARTBEAT_S, DeviceHealth

# Written out as _t.translate("HandoverReport", "…") so that pyside6-lupdate finds them.
_t = QCoreApplication


@dataclass(frozen=True, slots=True)
class SilentDevice:
    """A device not heard in 24 h: hers (with her name, if held) or a patrol's."""

    device_id: str
    kind: str
    who: str
    last_report_at: float | None


def silent_devices(health: Iterable[DeviceHealth], names: Mapping[str, str], now: float,
                   seconds: float = HEARTBEAT_S) -> list[SilentDevice]:
    """Devices not heard in ``seconds``, the longest silent first (never heard: first)."""
    rows = [SilentDevice(h.id, h.kind, names.get(h.beneficiary_id or "", h.beneficiary_id or ""),
                         h.last_report_at)
            for h in health if h.not_heard_in(now, seconds)]
    return sorted(rows, key=lambda r: (r.last_report_at is not None, r.last_report_at or 0.0, r.device_id))


def kind_label(kind: str) -> str:
    """Whose device it is, in words."""
    return (_t.translate("HandoverReport", "Botón de ella") if kind == "panic"
            else _t.translate("HandoverReport", "Rastreador de patrulla"))


def never_label() -> str:
    """A device never heard since it was registered."""
    return _t.translate("HandoverReport", "Nunca ha reportado")
