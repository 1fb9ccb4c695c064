"""The follow-up's words at the console: a visit's situation, outcomes, call results, a
unit's kind and a place's kind (written out as _t.translate("FollowUp", …) for lupdate)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

_t = QCoreApplication


def visit_state_label(state: str) -> str:
    """A visit's situation (visit_rows.visit_state)."""
    return {
        "planned": _t.translate("FollowUp", "Planeada"),
        "gps": _t.translate("FollowUp", "Comprobada por GPS"),
        "manual": _t.translate("FollowUp", "Registrada a mano"),
        "missed": _t.translate("FollowUp", "No realizada"),
    }.get(state, state)


def outcome_label(outcome: str) -> str:
    """The crew's outcome of a visit."""
    return {
        "presente_sin_novedad": _t.translate("FollowUp", "Presente, sin novedad"),
        "no_estaba": _t.translate("FollowUp", "No estaba"),
        "incidente": _t.translate("FollowUp", "Incidente"),
    }.get(outcome, outcome)


def call_result_label(result: str) -> str:
    """A follow-up call's result."""
    return {
        "reached": _t.translate("FollowUp", "Se habló con ella"),
        "not_reached": _t.translate("FollowUp", "No contestó"),
        "asks_help": _t.translate("FollowUp", "Pide ayuda"),
    }.get(result, result)


def unit_kind_label(kind: str) -> str:
    """A unit's kind (resources/catalogue/unit_kinds.csv), short for the board."""
    return {
        "general": _t.translate("FollowUp", "General"),
        "fuerza_rosa": _t.translate("FollowUp", "Fuerza Rosa"),
        "transito": _t.translate("FollowUp", "Tránsito"),
        "proximidad": _t.translate("FollowUp", "Proximidad"),
    }.get(kind, kind)


def place_kind_label(kind: str) -> str:
    """The kind of place a visit goes to."""
    return {
        "home": _t.translate("FollowUp", "Domicilio"),
        "work": _t.translate("FollowUp", "Trabajo"),
        "school": _t.translate("FollowUp", "Escuela"),
        "other": _t.translate("FollowUp", "Otro"),
    }.get(kind, kind)


def overdue_kind_label(kind: str) -> str:
    """What is overdue: a visit or a call."""
    return {"visit": _t.translate("FollowUp", "Visita"),
            "call": _t.translate("FollowUp", "Llamada")}.get(kind, kind)
