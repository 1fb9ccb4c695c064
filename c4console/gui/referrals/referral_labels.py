"""The words the console shows for the referral vocabulary (wire values are Spanish codes),
through Qt's translation system."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

_t = QCoreApplication


def status_label(status: str) -> str:
    """A referral status as shown."""
    return {"enviada": _t.translate("ReferralLabels", "Enviada"),
            "recibida": _t.translate("ReferralLabels", "Recibida"),
            "atendida": _t.translate("ReferralLabels", "Atendida"),
            "cerrada": _t.translate("ReferralLabels", "Cerrada"),
            "rechazada": _t.translate("ReferralLabels", "Rechazada")}.get(status, status)


def urgency_label(urgency: str) -> str:
    """An urgency as shown."""
    return {"normal": _t.translate("ReferralLabels", "Normal"),
            "urgente": _t.translate("ReferralLabels", "Urgente")}.get(urgency, urgency)


def item_label(item: str) -> str:
    """A case item a referral may share, as shown."""
    return {"contacto": _t.translate("ReferralLabels", "Cómo contactarla (teléfonos, WhatsApp)"),
            "domicilio": _t.translate("ReferralLabels", "Domicilio"),
            "ordenes": _t.translate("ReferralLabels", "Órdenes de protección"),
            "nivel_riesgo": _t.translate("ReferralLabels", "Nivel de riesgo"),
            "agresor": _t.translate("ReferralLabels", "Persona agresora"),
            "episodios": _t.translate("ReferralLabels", "Episodios de violencia"),
            "datos_generales": _t.translate("ReferralLabels", "Datos generales (sexo, nacimiento)"),
            }.get(item, item)
