"""The fixed words of a case: risk levels, sex, kinds of address (stable wire values).

The open-ended vocabularies (types and modalities of violence, relationships, age
groups, risk items) are catalogues in ``resources/cases/``; see :mod:`.catalogues`.
The labels people read come from the GUI's translation layer, never from here.
"""

from __future__ import annotations

from enum import StrEnum


class RiskLevel(StrEnum):
    """Risk levels in the published VioGén style, lowest first."""

    NO_APRECIADO = "no_apreciado"
    BAJO = "bajo"
    MEDIO = "medio"
    ALTO = "alto"
    EXTREMO = "extremo"

    @property
    def rank(self) -> int:
        """0 for no apreciado … 4 for extremo (higher is more dangerous)."""
        return _RISK_ORDER.index(self)

    @property
    def raises_priority(self) -> bool:
        """True for the levels that make any incident of hers ALTA."""
        return self.rank >= RiskLevel.ALTO.rank


_RISK_ORDER = list(RiskLevel)


class Sex(StrEnum):
    """Sex as BANAVIM records it, plus 'not recorded'."""

    MUJER = "mujer"
    HOMBRE = "hombre"
    OTRO = "otro"
    NO_REGISTRADO = ""


class AddressKind(StrEnum):
    """Where an address of hers is."""

    HOME = "home"
    WORK = "work"
    SCHOOL = "school"
    OTHER = "other"
