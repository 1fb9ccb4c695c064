"""The words the *Mesas de coordinación* tool shows: a meeting's state, a case's view at the
table, and the central's refusals of the meeting commands in plain Spanish (the wire's reason
codes and English messages are for logs and tests), through Qt's translation system."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

_t = QCoreApplication


def state_label(signed: bool) -> str:
    """A meeting's minutes: borrador until the chair signs, then firmada."""
    return _t.translate("MeetingLabels", "Firmada") if signed else _t.translate("MeetingLabels", "Borrador")


def view_label(view: str) -> str:
    """How a case is reviewed at the table."""
    return {"completo": _t.translate("MeetingLabels", "Vista completa (compartido con todas)"),
            "reducido": _t.translate("MeetingLabels", "Vista reducida (solo referencia)")}.get(view, view)


def refusal_text(reason: str) -> str:
    """Why the central refused a meeting command, as a person reads it."""
    texts = {
        "not_shared": _t.translate(
            "MeetingLabels", "El caso no está compartido con todas las instituciones de la mesa: "
                  "compártalo primero o revíselo en vista reducida."),
        "not_found": _t.translate("MeetingLabels", "No existe ese caso, mesa o tarea en la central."),
        "exists": _t.translate("MeetingLabels", "Eso ya está registrado en la mesa."),
        "not_reviewed": _t.translate("MeetingLabels", "Primero agregue el caso a la mesa."),
        "agency_not_present": _t.translate(
            "MeetingLabels", "Esa institución no está en la mesa: registre su asistencia primero."),
        "due_before_meeting": _t.translate(
            "MeetingLabels", "La tarea no puede vencer antes de la fecha de la mesa."),
        "unknown_agency": _t.translate("MeetingLabels", "La central no conoce esa institución."),
        "unknown_account": _t.translate(
            "MeetingLabels", "No existe esa cuenta: déjela vacía si la persona no tiene cuenta."),
        "signed": _t.translate(
            "MeetingLabels", "La minuta ya está firmada y no cambia: regístrelo en la próxima mesa."),
        "not_chair": _t.translate("MeetingLabels", "Solo quien preside la mesa firma la minuta."),
        "not_held": _t.translate("MeetingLabels", "La minuta se firma el día de la mesa o después."),
        "forbidden": _t.translate("MeetingLabels", "Su rol no puede hacer esto."),
        "bad_command": _t.translate("MeetingLabels", "Faltan datos o alguno no es válido."),
    }
    return texts.get(reason, _t.translate("MeetingLabels", "La central no lo aceptó."))
