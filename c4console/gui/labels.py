"""Operator-facing names of the core's enumerations, through Qt's translation system.

Source strings are Spanish (the operators' language); English comes from
resources/translations/c4console_en.ts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from c4console.core.enums import Channel, IncidentStatus, Priority, UnitStatus


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def status_label(s: IncidentStatus) -> str:
    """Name of an incident status."""
    return {
        IncidentStatus.NEW: _t("Nueva"),
        IncidentStatus.ACKNOWLEDGED: _t("Atendida"),
        IncidentStatus.DISPATCHED: _t("Despachada"),
        IncidentStatus.EN_ROUTE: _t("En camino"),
        IncidentStatus.ON_SCENE: _t("En sitio"),
        IncidentStatus.CLOSED: _t("Cerrada"),
        IncidentStatus.CANCELLED: _t("Cancelada"),
        IncidentStatus.FALSE_ALARM: _t("Falsa alarma"),
        IncidentStatus.TEST: _t("Prueba"),
    }[s]


def unit_status_label(s: UnitStatus) -> str:
    """Name of a unit status."""
    return {
        UnitStatus.AVAILABLE: _t("Disponible"),
        UnitStatus.ASSIGNED: _t("Asignada"),
        UnitStatus.EN_ROUTE: _t("En camino"),
        UnitStatus.ON_SCENE: _t("En sitio"),
        UnitStatus.OUT_OF_SERVICE: _t("Fuera de servicio"),
    }[s]


def channel_label(c: Channel) -> str:
    """Name of a channel."""
    return {
        Channel.PANIC_BUTTON: _t("Botón de pánico"),
        Channel.CALL_911: _t("Llamada 911"),
        Channel.WHATSAPP: _t("WhatsApp"),
        Channel.PHONE: _t("Teléfono"),
        Channel.WALK_IN: _t("Presencial"),
    }[c]


def priority_label(p: Priority) -> str:
    """Name of a priority."""
    return {Priority.ALTA: _t("ALTA"), Priority.MEDIA: _t("MEDIA"), Priority.BAJA: _t("BAJA")}[p]


def timer_label(name: str) -> str:
    """Name of a Norma Técnica 911 target."""
    return {
        "minimum_data": _t("Datos mínimos (90 s)"),
        "unit_assigned": _t("Unidad asignada (120 s)"),
        "on_scene": _t("Unidad en sitio (10 min)"),
    }.get(name, name)


def event_label(kind: str) -> str:
    """Name of a timeline event kind."""
    return {
        "created": _t("Alta del incidente"),
        "acknowledged": _t("Atendida por operador"),
        "dispatched": _t("Unidad despachada"),
        "status": _t("Cambio de estado"),
        "closed": _t("Cierre"),
        "note": _t("Nota"),
        "classified": _t("Reclasificada"),
        "reactivated": _t("Nueva activación del botón"),
        "unit_released": _t("Unidad liberada"),
    }.get(kind, kind)


def rejection_label(reason: str) -> str:
    """Sentence for a central's rejection reason."""
    return {
        "already_acknowledged": _t("Otra operadora ya atendió este incidente"),
        "already_dispatched": _t("El incidente ya tiene unidad asignada"),
        "unit_unavailable": _t("La unidad ya no está disponible"),
        "not_acknowledged": _t("Primero hay que atender el incidente"),
        "illegal_transition": _t("Cambio de estado no permitido"),
        "terminal": _t("El incidente ya está cerrado"),
        "not_found": _t("No existe en la central"),
        "bad_command": _t("Datos inválidos"),
        "panic_is_not_silent_call": _t("Una activación de pánico nunca es llamada muda"),
    }.get(reason, reason)


def format_elapsed(seconds: float) -> str:
    """m:ss, or h:mm:ss past an hour."""
    s = max(0, int(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"
