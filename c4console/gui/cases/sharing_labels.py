"""The words of sharing her case (issue 15): the levels and what each gives, the central's
refusals of the sharing commands in plain Spanish (the wire's reason codes and English
messages are for logs and tests), how another agency's read came, and a Spanish label for
each kind of her case timeline's entries (a share's with its agency, reason and end date) —
through Qt's translation system."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from c4console.core.agencies.timeline import EXPIRED, PSYCH_NOTES_SHARED, REVOKED, SHARED
from c4console.core.agencies.timeline import KINDS as SHARING_KINDS
from c4console.core.cases.records import CaseTimelineEntry

_t = QCoreApplication


def level_label(level: str) -> str:
    """A share's level by name."""
    return {"resumen": _t.translate("SharingLabels", "Resumen"),
            "completo": _t.translate("SharingLabels", "Completo")}.get(level, level)


def level_description(level: str) -> str:
    """One line saying what a level gives the agency (resources/cases/access.toml: the
    liaison's coordination_summary and coordination_full rules)."""
    return {
        "resumen": _t.translate(
            "SharingLabels", "Resumen: nombre, nivel de riesgo, órdenes de protección vigentes y tareas "
                 "abiertas."),
        "completo": _t.translate(
            "SharingLabels", "Completo: además sus datos, domicilios, agresores, contactos de confianza, "
                 "historial e intervenciones; nunca las notas psicológicas sin el paso aparte."),
    }.get(level, "")


def refusal_text(reason: str) -> str:
    """Why the central refused a sharing command, as a person reads it."""
    texts = {
        "unknown_agency": _t.translate("SharingLabels", "La central no conoce esa institución."),
        "own_agency": _t.translate(
            "SharingLabels",
            "El personal del C4 ya ve el caso por su rol: se comparte con otra institución."),
        "in_the_past": _t.translate(
            "SharingLabels", "La fecha de término ya pasó: indique una fecha de hoy en adelante o ninguna."),
        "bad_command": _t.translate("SharingLabels", "Falta el motivo o algún dato no es válido."),
        "not_found": _t.translate(
            "SharingLabels", "La central no encuentra ese expediente o ese compartido."),
        "merged": _t.translate(
            "SharingLabels", "Este expediente se fusionó con otro: compártalo desde el expediente vigente."),
        "exists": _t.translate("SharingLabels", "Eso ya está registrado."),
        "revoked": _t.translate("SharingLabels", "Ese compartido ya fue retirado."),
        "level": _t.translate(
            "SharingLabels", "Las notas psicológicas solo van con un compartido de nivel completo."),
        "ended": _t.translate("SharingLabels", "Ese compartido ya terminó."),
        "forbidden": _t.translate("SharingLabels", "Su rol no puede hacer esto."),
    }
    return texts.get(reason, _t.translate("SharingLabels", "La central no lo aceptó."))


def field_label(field: str) -> str:
    """A field of her case, as a read lists it, in words (the field's own name if unknown)."""
    return {
        "name": _t.translate("SharingLabels", "nombre"),
        "sex": _t.translate("SharingLabels", "sexo"),
        "date_of_birth": _t.translate("SharingLabels", "fecha de nacimiento"),
        "age": _t.translate("SharingLabels", "edad"),
        "age_group": _t.translate("SharingLabels", "grupo de edad"),
        "place_of_birth": _t.translate("SharingLabels", "lugar de nacimiento"),
        "indigenous_language": _t.translate("SharingLabels", "lengua indígena"),
        "disability": _t.translate("SharingLabels", "discapacidad"),
        "beneficiary_id": _t.translate("SharingLabels", "número en el padrón"),
        "phones": _t.translate("SharingLabels", "teléfonos"),
        "whatsapp": _t.translate("SharingLabels", "WhatsApp"),
        "addresses": _t.translate("SharingLabels", "domicilios"),
        "orders": _t.translate("SharingLabels", "órdenes de protección"),
        "orders_in_force": _t.translate("SharingLabels", "órdenes vigentes"),
        "risk_level": _t.translate("SharingLabels", "nivel de riesgo"),
        "risk_assessments": _t.translate("SharingLabels", "evaluaciones de riesgo"),
        "reassess_on": _t.translate("SharingLabels", "próxima evaluación"),
        "aggressors": _t.translate("SharingLabels", "agresores"),
        "aggressor_names": _t.translate("SharingLabels", "nombres de agresores"),
        "trusted_contacts": _t.translate("SharingLabels", "contactos de confianza"),
        "trusted_contact_names": _t.translate("SharingLabels", "nombres de contactos de confianza"),
        "incident_ids": _t.translate("SharingLabels", "incidentes"),
        "device_ids": _t.translate("SharingLabels", "dispositivos"),
        "episodes": _t.translate("SharingLabels", "episodios"),
    }.get(field, field)


def read_via_label(via: str) -> str:
    """How another agency's read reached her: opened by id, or delivered to its console."""
    return {"read": _t.translate("SharingLabels", "consulta"),
            "feed": _t.translate("SharingLabels", "recibido en su consola")}.get(via, via)


def _sharing_label(entry: CaseTimelineEntry) -> str | None:
    """A sharing entry's kind with its agency ("Compartido con DIF (resumen)"); None for
    another kind."""
    data: dict[str, Any] = entry.data or {}
    agency = str(data.get("agency_name") or data.get("agency_id") or "")
    if entry.kind == SHARED:
        return _t.translate("SharingLabels", "Compartido con {0} ({1})").format(
            agency, level_label(str(data.get("level", ""))).lower())
    texts = {
        REVOKED: _t.translate("SharingLabels", "Acceso retirado a {0}"),
        PSYCH_NOTES_SHARED: _t.translate("SharingLabels", "Notas psicológicas compartidas con {0}"),
        EXPIRED: _t.translate("SharingLabels", "Venció el acceso de {0}"),
    }
    return texts[entry.kind].format(agency) if entry.kind in texts else None


def _sharing_detail(entry: CaseTimelineEntry) -> str:
    """A sharing entry's reason and end date ("motivo … · hasta …")."""
    data: dict[str, Any] = entry.data or {}
    parts = []
    if data.get("reason"):
        parts.append(_t.translate("SharingLabels", "motivo: {0}").format(data["reason"]))
    if data.get("ends_on") and entry.kind in (SHARED, EXPIRED):
        parts.append(_t.translate("SharingLabels", "hasta {0}").format(data["ends_on"]))
    return " · ".join(parts)


def timeline_label(entry: CaseTimelineEntry) -> str:
    """The kind of a timeline entry in Spanish (a sharing entry's with its agency)."""
    sharing = _sharing_label(entry)
    if sharing is not None:
        return sharing
    return {
        "intervention": _t.translate("SharingLabels", "Intervención"),
        "psych_notes": _t.translate("SharingLabels", "Notas psicológicas"),
        "institution_referral": _t.translate("SharingLabels", "Canalización"),
        "patrol_visit": _t.translate("SharingLabels", "Visita de patrulla"),
        "interview": _t.translate("SharingLabels", "Entrevista de seguimiento"),
        "follow_up_call": _t.translate("SharingLabels", "Llamada de seguimiento"),
        "coordination_task_done": _t.translate("SharingLabels", "Tarea de coordinación hecha"),
    }.get(entry.kind, entry.kind)


def timeline_detail(entry: CaseTimelineEntry, *, psych_allowed: bool) -> str:
    """What an entry says beyond its kind: the task's note, the institution, the desk, a
    share's reason and end date.
    Psychological notes' text only to the roles that read them (``psych_allowed``): the feed
    gives them to no one else, and this keeps it so if a cache ever held one."""
    data: dict[str, Any] = entry.data or {}
    if entry.kind == "psych_notes":
        return entry.text if psych_allowed else ""
    if entry.kind == "institution_referral":
        return " · ".join(str(x) for x in (data.get("institution_name"), data.get("status")) if x)
    if entry.kind == "intervention":
        return " · ".join(str(x) for x in (data.get("kind"), data.get("channel")) if x)
    if entry.kind in SHARING_KINDS:
        return _sharing_detail(entry)
    if entry.kind == "patrol_visit":
        unit = data.get("unit_id")
        return _t.translate("SharingLabels", "comprobada por GPS ({0})").format(unit) if unit else ""
    return entry.text
