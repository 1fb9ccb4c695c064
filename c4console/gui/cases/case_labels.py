"""Operator-facing names of the case's words (risk levels, sex, why a record matched),
through Qt's translation system, and the colours of the risk levels."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from c4console.core.cases.vocabulary import RiskLevel, Sex

_t = QCoreApplication

# Background, text colour: alto and extremo must stand out at a glance.
RISK_COLOURS: dict[RiskLevel, tuple[str, str]] = {
    RiskLevel.NO_APRECIADO: ("#e0e0e0", "#212121"),
    RiskLevel.BAJO: ("#c8e6c9", "#1b5e20"),
    RiskLevel.MEDIO: ("#fff59d", "#5d4037"),
    RiskLevel.ALTO: ("#ef6c00", "#ffffff"),
    RiskLevel.EXTREMO: ("#b71c1c", "#ffffff"),
}


def risk_label(level: RiskLevel | str | None) -> str:
    """Name of a risk level (None: never assessed)."""
    if not level:
        return _t.translate("CaseLabels", "sin evaluar")
    return {
        RiskLevel.NO_APRECIADO: _t.translate("CaseLabels", "no apreciado"),
        RiskLevel.BAJO: _t.translate("CaseLabels", "bajo"),
        RiskLevel.MEDIO: _t.translate("CaseLabels", "medio"),
        RiskLevel.ALTO: _t.translate("CaseLabels", "ALTO"),
        RiskLevel.EXTREMO: _t.translate("CaseLabels", "EXTREMO"),
    }[RiskLevel(level)]


def risk_badge(level: RiskLevel | str | None) -> str:
    """The level as rich text: a coloured badge (bold for alto and extremo)."""
    text = _t.translate("CaseLabels", "Riesgo: {0}").format(risk_label(level))
    if not level:
        return text
    bg, fg = RISK_COLOURS[RiskLevel(level)]
    weight = "bold" if RiskLevel(level).raises_priority else "normal"
    return (f'<span style="background-color:{bg}; color:{fg}; font-weight:{weight};">'
            f"&nbsp;{text}&nbsp;</span>")


def sex_label(sex: Sex | str) -> str:
    """Name of a sex as BANAVIM records it."""
    return {
        Sex.MUJER: _t.translate("CaseLabels", "Mujer"),
        Sex.HOMBRE: _t.translate("CaseLabels", "Hombre"),
        Sex.OTRO: _t.translate("CaseLabels", "Otro"),
        Sex.NO_REGISTRADO: _t.translate("CaseLabels", "No registrado"),
    }[Sex(sex)]


def reason_label(reason: str) -> str:
    """Why a prior incident, a possible duplicate or a suggested case matched."""
    return {
        "same_case": _t.translate("CaseLabels", "misma persona"),
        "linked": _t.translate("CaseLabels", "misma persona"),
        "beneficiary": _t.translate("CaseLabels", "misma beneficiaria"),
        "same_number": _t.translate("CaseLabels", "mismo número"),
        "number": _t.translate("CaseLabels", "mismo número"),
        "whatsapp": _t.translate("CaseLabels", "mismo WhatsApp"),
        "same_device": _t.translate("CaseLabels", "mismo dispositivo"),
        "device": _t.translate("CaseLabels", "mismo dispositivo"),
        "same_address": _t.translate("CaseLabels", "mismo domicilio (50 m)"),
        "address": _t.translate("CaseLabels", "mismo domicilio (50 m)"),
        "nearby": _t.translate("CaseLabels", "cerca (200 m, 10 min)"),
    }.get(reason, reason)


def reasons_text(reasons, distance_m: float | None = None) -> str:
    """Several reasons in one phrase, with the distance when there is one."""
    text = ", ".join(dict.fromkeys(reason_label(r) for r in reasons or ()))
    if distance_m is not None:
        text += _t.translate("CaseLabels", " a {0:.0f} m").format(distance_m)
    return text
