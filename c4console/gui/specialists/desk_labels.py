"""Names of the specialist desk's words (intervention kinds, channels, timing categories,
desks) through Qt's translation system."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

_t = QCoreApplication


def kind_label(kind: str) -> str:
    """An intervention's kind."""
    return {"psicologica": _t.translate("DeskLabels", "Psicológica"),
            "juridica": _t.translate("DeskLabels", "Jurídica"),
            "ambas": _t.translate("DeskLabels", "Psicológica y jurídica")}.get(kind, kind)


def channel_label(channel: str) -> str:
    """How an intervention (or a follow-up) is given."""
    return {"llamada_911": _t.translate("DeskLabels", "Llamada 911"),
            "linea_telefonica": _t.translate("DeskLabels", "Línea telefónica"),
            "whatsapp": _t.translate("DeskLabels", "WhatsApp"),
            "videollamada": _t.translate("DeskLabels", "Videollamada"),
            "presencial": _t.translate("DeskLabels", "Presencial")}.get(channel, channel)


def timing_label(timing: str) -> str:
    """The timing category relative to the violent episode."""
    return {"previa": _t.translate("DeskLabels", "Acompañamiento previo"),
            "12_48h": _t.translate("DeskLabels", "12 a 48 h después del episodio"),
            "subsecuente": _t.translate("DeskLabels", "Subsecuente"),
            "seguimiento": _t.translate("DeskLabels", "Seguimiento")}.get(timing, timing)


def desk_label(desk: str) -> str:
    """One of the desks a referral asks for."""
    return {"psicologica": _t.translate("DeskLabels", "psicológica"),
            "juridica": _t.translate("DeskLabels", "jurídica")}.get(desk, desk)
