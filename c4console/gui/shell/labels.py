"""Operator-facing names of the core's enumerations, through Qt's translation system.

Source strings are Spanish (the operators' language); English comes from
resources/translations/c4console_en.ts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from c4console.core.enums import Channel, IncidentStatus, Priority, UnitStatus

# Each string is written out as QCoreApplication.translate("Labels", "…") so that
# pyside6-lupdate finds it.
_t = QCoreApplication


def status_label(s: IncidentStatus) -> str:
    """Name of an incident status."""
    return {
        IncidentStatus.NEW: _t.translate("Labels", "Nueva"),
        IncidentStatus.ACKNOWLEDGED: _t.translate("Labels", "Atendida"),
        IncidentStatus.DISPATCHED: _t.translate("Labels", "Despachada"),
        IncidentStatus.EN_ROUTE: _t.translate("Labels", "En camino"),
        IncidentStatus.ON_SCENE: _t.translate("Labels", "En sitio"),
        IncidentStatus.CLOSED: _t.translate("Labels", "Cerrada"),
        IncidentStatus.CANCELLED: _t.translate("Labels", "Cancelada"),
        IncidentStatus.FALSE_ALARM: _t.translate("Labels", "Falsa alarma"),
        IncidentStatus.TEST: _t.translate("Labels", "Prueba"),
    }[s]


def unit_status_label(s: UnitStatus) -> str:
    """Name of a unit status."""
    return {
        UnitStatus.AVAILABLE: _t.translate("Labels", "Disponible"),
        UnitStatus.ASSIGNED: _t.translate("Labels", "Asignada"),
        UnitStatus.EN_ROUTE: _t.translate("Labels", "En camino"),
        UnitStatus.ON_SCENE: _t.translate("Labels", "En sitio"),
        UnitStatus.OUT_OF_SERVICE: _t.translate("Labels", "Fuera de servicio"),
    }[s]


def role_label(role: str) -> str:
    """Name of an account's role (as the central names it: operator, supervisor…)."""
    return {
        "operator": _t.translate("Labels", "Operación"),
        "supervisor": _t.translate("Labels", "Supervisión"),
        "shift_lead": _t.translate("Labels", "Jefatura de turno"),
        "admin": _t.translate("Labels", "Administración"),
        "psicologa": _t.translate("Labels", "Psicología"),
        "abogada": _t.translate("Labels", "Asesoría jurídica"),
        "enlace": _t.translate("Labels", "Enlace de otra institución"),
        "especialista": _t.translate("Labels", "Psicología y asesoría jurídica"),
    }.get(role, _t.translate("Labels", "rol sin confirmar"))


def channel_label(c: Channel) -> str:
    """Name of a channel."""
    return {
        Channel.PANIC_BUTTON: _t.translate("Labels", "Botón de pánico"),
        Channel.CALL_911: _t.translate("Labels", "Llamada 911"),
        Channel.WHATSAPP: _t.translate("Labels", "WhatsApp"),
        Channel.PHONE: _t.translate("Labels", "Teléfono"),
        Channel.WALK_IN: _t.translate("Labels", "Presencial"),
        Channel.AGGRESSOR_TRACKER: _t.translate("Labels", "Rastreador del agresor"),
    }[c]


def priority_label(p: Priority) -> str:
    """Name of a priority."""
    return {
        Priority.ALTA: _t.translate("Labels", "ALTA"),
        Priority.MEDIA: _t.translate("Labels", "MEDIA"),
        Priority.BAJA: _t.translate("Labels", "BAJA"),
    }[p]


def timer_label(name: str) -> str:
    """Name of a Norma Técnica 911 target."""
    return {
        "minimum_data": _t.translate("Labels", "Datos mínimos (90 s)"),
        "unit_assigned": _t.translate("Labels", "Unidad asignada (120 s)"),
        "on_scene": _t.translate("Labels", "Unidad en sitio (10 min)"),
    }.get(name, name)


def event_label(kind: str) -> str:
    """Name of a timeline event kind."""
    return {
        "created": _t.translate("Labels", "Alta del incidente"),
        "acknowledged": _t.translate("Labels", "Atendida por operador"),
        "dispatched": _t.translate("Labels", "Unidad despachada"),
        "status": _t.translate("Labels", "Cambio de estado"),
        "closed": _t.translate("Labels", "Cierre"),
        "note": _t.translate("Labels", "Nota"),
        "classified": _t.translate("Labels", "Reclasificada"),
        "reactivated": _t.translate("Labels", "Nueva activación del botón"),
        "unit_released": _t.translate("Labels", "Unidad liberada"),
        "audio_started": _t.translate("Labels", "Audio en vivo: grabando"),
        "audio_ended": _t.translate("Labels", "Audio en vivo: grabación cerrada"),
        "sms_sent": _t.translate("Labels", "SMS enviado a contacto de confianza"),
        "sms_delivery": _t.translate("Labels", "Reporte de entrega de SMS"),
        "sms_retry": _t.translate("Labels", "SMS: reintento"),
        "sms_failed": _t.translate("Labels", "SMS no entregado"),
        "sms_skipped": _t.translate("Labels", "SMS no enviado: sin contacto de confianza"),
        "call_taken": _t.translate("Labels", "Llamada tomada"),
        "call_linked": _t.translate("Labels", "Llamada vinculada (duplicado)"),
        "reclassified": _t.translate("Labels", "Reclasificado"),
        "handed_to_specialists": _t.translate("Labels", "Turnado a especialistas"),
        "transfer_needed": _t.translate("Labels", "Fuera de la jurisdicción: transferir"),
    }.get(kind, kind)


def event_detail(kind: str, text: str, data: dict | None) -> str:
    """What follows an event's name on the timeline: its text, or for a closed
    recording its length, segments, losses and session (to find it as evidence)."""
    if kind == "audio_ended" and data:
        secs = int(data.get("duration_s") or 0)
        return _t.translate("Labels", "{0}:{1:02d} · {2} segmentos · {3} paquetes perdidos · "
                                      "sesión {4} ({5})").format(
            secs // 60, secs % 60, data.get("segments") or 0, data.get("lost") or 0,
            str(data.get("session_id", ""))[:8], data.get("reason") or text)
    if kind == "reclassified" and data:
        return _t.translate("Labels", "{0} {1} → {2} {3}: {4}").format(
            data.get("from_type", ""), data.get("from_priority", ""), data.get("to_type", ""),
            data.get("to_priority", ""), text)
    if kind == "handed_to_specialists" and data:
        desks = ", ".join(desk_label(d) for d in data.get("desks") or ())
        return f"{desks}: {text}" if text else desks
    return text


def desk_label(desk: str) -> str:
    """Name of a specialist desk (the referral's ``desks``)."""
    return {
        "psicologica": _t.translate("Labels", "atención psicológica"),
        "juridica": _t.translate("Labels", "atención jurídica"),
    }.get(desk, desk)


def command_label(kind: str) -> str:
    """Name of a command type."""
    return {
        "acknowledge": _t.translate("Labels", "Atender"),
        "dispatch": _t.translate("Labels", "Despachar"),
        "set_status": _t.translate("Labels", "Cambiar estado"),
        "close": _t.translate("Labels", "Cerrar"),
        "add_note": _t.translate("Labels", "Nota"),
        "classify": _t.translate("Labels", "Reclasificar"),
        "create_incident": _t.translate("Labels", "Crear incidente"),
        "unit_status": _t.translate("Labels", "Estado de unidad"),
        "reassign_unit": _t.translate("Labels", "Cambiar de sector"),
        "set_shift": _t.translate("Labels", "Guardar turno"),
        "unlock_login": _t.translate("Labels", "Desbloquear acceso"),
        "open_case": _t.translate("Labels", "Abrir expediente"),
        "update_case": _t.translate("Labels", "Editar expediente"),
        "assess_risk": _t.translate("Labels", "Evaluación de riesgo"),
        "link_incident": _t.translate("Labels", "Vincular al expediente"),
        "record_episode": _t.translate("Labels", "Registrar episodio"),
        "take_call": _t.translate("Labels", "Tomar llamada"),
        "link_call": _t.translate("Labels", "Vincular llamada"),
        "reclassify_incident": _t.translate("Labels", "Reclasificar"),
        "hand_to_specialists": _t.translate("Labels", "Turnar a especialistas"),
        # The follow-up of protection orders (issue 13).
        "set_follow_plan": _t.translate("Labels", "Plan de seguimiento"),
        "plan_visits": _t.translate("Labels", "Planear visitas"),
        "move_visit": _t.translate("Labels", "Mover visita"),
        "record_visit": _t.translate("Labels", "Visita sin GPS"),
        "visit_outcome": _t.translate("Labels", "Resultado de visita"),
        "record_interview": _t.translate("Labels", "Entrevista"),
        "record_follow_call": _t.translate("Labels", "Llamada de seguimiento"),
    }.get(kind, kind)


def rejection_label(reason: str) -> str:
    """Sentence for a central's rejection reason."""
    return {
        "already_acknowledged": _t.translate("Labels", "Otra operadora ya atendió este incidente"),
        "already_dispatched": _t.translate("Labels", "El incidente ya tiene unidad asignada"),
        "unit_unavailable": _t.translate("Labels", "La unidad ya no está disponible"),
        "not_acknowledged": _t.translate("Labels", "Primero hay que atender el incidente"),
        "illegal_transition": _t.translate("Labels", "Cambio de estado no permitido"),
        "terminal": _t.translate("Labels", "El incidente ya está cerrado"),
        "not_found": _t.translate("Labels", "No existe en la central"),
        "bad_command": _t.translate("Labels", "Datos inválidos"),
        "panic_is_not_silent_call": _t.translate("Labels", "Una activación de pánico nunca es llamada muda"),
        "forbidden": _t.translate("Labels", "Su rol no permite esta acción"),
        "no_change": _t.translate("Labels", "La unidad ya estaba en ese estado"),
        "no_assignment": _t.translate("Labels", "La unidad no tiene incidente asignado"),
        "unit_busy": _t.translate("Labels", "La unidad está atendiendo un incidente"),
        "unknown_sector": _t.translate("Labels", "El sector no existe en la jurisdicción"),
        "test_activation": _t.translate("Labels", "Es una activación de prueba: no se despacha"),
        "empty_name": _t.translate("Labels", "El nombre no puede quedar vacío"),
        "bad_phone": _t.translate("Labels", "Teléfono inválido"),
        "bad_date": _t.translate("Labels", "Fecha inválida (AAAA-MM-DD)"),
        "order_dates": _t.translate("Labels", "La vigencia termina antes de empezar"),
        "bad_position": _t.translate("Labels", "Ubicación inválida"),
        "bad_contact": _t.translate("Labels", "Contacto de confianza inválido"),
        "bad_period": _t.translate("Labels", "Periodo de turno inválido (máximo 24 h)"),
        # The case (expediente): the central's message (shown below) names the detail.
        "exists": _t.translate("Labels", "Ya existe un expediente con ese identificador"),
        "merged": _t.translate("Labels", "El expediente fue fusionado con otro: use ese"),
        "future_birth_date": _t.translate("Labels", "La fecha de nacimiento no puede ser futura"),
        "order_ends_before_start": _t.translate("Labels",
                                                "La orden de protección termina antes de empezar"),
        "unknown_violence_type": _t.translate("Labels", "Tipo de violencia desconocido"),
        "unknown_modality": _t.translate("Labels", "Modalidad de violencia desconocida"),
        "unknown_relationship": _t.translate("Labels", "Relación con el agresor desconocida"),
        "unknown_aggressor": _t.translate("Labels", "El agresor no está en el expediente"),
        "unknown_risk_item": _t.translate("Labels", "Pregunta de riesgo desconocida"),
        "bad_risk_answer": _t.translate("Labels", "Respuesta de riesgo inválida (sí, no o no sé)"),
        "duplicate_case": _t.translate("Labels", "Esa persona ya tiene expediente: vincule el "
                                                 "incidente a ese expediente en lugar de abrir otro"),
        "incident_not_found": _t.translate("Labels", "El incidente no existe o no está en el "
                                                     "expediente"),
        "already_linked": _t.translate("Labels", "El incidente ya está en el expediente"),
        "unavailable": _t.translate("Labels", "La central no puede atender esta acción ahora"),
        # The call-taker's form (issue 11).
        "unknown_type": _t.translate("Labels", "El tipo de incidente no está en el catálogo"),
        "too_long": _t.translate("Labels", "El texto es demasiado largo"),
        "reason_required": _t.translate("Labels", "Falta el motivo del cambio"),
        "bad_number": _t.translate("Labels", "Número telefónico inválido"),
        "bad_location": _t.translate("Labels", "Ubicación inválida"),
        "call_closed": _t.translate("Labels", "La llamada ya fue tomada, vinculada o turnada"),
        # The follow-up of protection orders (issue 13).
        "bad_interval": _t.translate("Labels", "Intervalo inválido (debe ser mayor que cero)"),
        "bad_radius": _t.translate("Labels", "Radio de comprobación fuera de 20 a 1,000 m"),
        "bad_dwell": _t.translate("Labels", "Tiempo de permanencia inválido"),
        "no_home_point": _t.translate("Labels", "Su domicilio no está ubicado en el mapa"),
        "unknown_order": _t.translate("Labels", "La orden de protección no está en el expediente"),
        "unit_out_of_service": _t.translate("Labels", "La unidad está fuera de servicio"),
        "no_unit": _t.translate("Labels", "No hay unidad a la cual asignar la visita"),
        "visit_not_made": _t.translate("Labels", "La visita no se ha hecho: no tiene resultado "
                                                 "todavía"),
        "visit_done": _t.translate("Labels", "La visita ya se hizo"),
        "bad_outcome": _t.translate("Labels", "Resultado de visita desconocido"),
        "incident_required": _t.translate("Labels", "Falta el incidente de la visita"),
        "bad_result": _t.translate("Labels", "Resultado de llamada desconocido"),
        "help_not_routed": _t.translate("Labels", "Pide ayuda: falta el incidente o la canalización"),
        "not_configured": _t.translate("Labels", "La central no tiene seguimiento configurado"),
    }.get(reason, reason)


def format_elapsed(seconds: float) -> str:
    """m:ss, or h:mm:ss past an hour."""
    s = max(0, int(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def error_text(error: BaseException) -> str:
    """What went wrong, for a panel's message line: "no connection yet" in the
    operator's language, else the error's own sentence (the central's, usually)."""
    from c4console.sync.central_api import NotConnected

    if isinstance(error, NotConnected):
        return _t.translate("Labels", "sin conexión con la central")
    # The first line: a database error goes on with the statement and its parameters.
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
