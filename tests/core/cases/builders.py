"""Small builders of case records for the case tests (defaults a test overrides)."""

from __future__ import annotations

from datetime import date
from typing import Any

from c4console.core.cases import (
    Address,
    AddressKind,
    Aggressor,
    Case,
    Episode,
    PersonProfile,
    ProtectionOrder,
    RiskAssessment,
    RiskLevel,
    Sex,
    TrustedContact,
)
from c4console.core.enums import Channel, IncidentStatus, Priority
from c4console.core.models import Incident

TODAY = date(2026, 6, 1)
T = 1_780_000_000.0  # 2026-05-28, UTC
DAY = 86400.0
HOME = (32.648341, -115.490097)


def case(case_id: str = "C1", *, name: str = "Martha Leyva Rivera", sex: Sex = Sex.MUJER,
         born: str = "1988-03-14", **kw: Any) -> Case:
    """A case with one of everything, like a Botón Seguro beneficiary's."""
    fields: dict[str, Any] = dict(
        id=case_id, person=PersonProfile(name=name, sex=sex, date_of_birth=born,
                                         place_of_birth="Mexicali, B.C.",
                                         indigenous_language="", disability=""),
        created_at=T - 400 * DAY, updated_at=T - 10 * DAY, beneficiary_id="B0001",
        incident_ids=("I-old-1",), device_ids=("861234562249063",),
        phones=("+52 686 699 3671",), whatsapp=("5216866993671",),
        addresses=(Address(AddressKind.HOME, "Calle Michoacán 121", "Centro", *HOME),
                   Address(AddressKind.WORK, "Av. Reforma 500", "Centro", 32.6600, -115.4700)),
        orders=(ProtectionOrder("OP-2026-0037", "Juzgado Tercero de lo Familiar, Mexicali",
                                ("Auxilio policial de reacción inmediata",),
                                "2026-01-10", "2027-11-17"),
                ProtectionOrder("OP-2024-0002", "Juzgado Segundo", (), "2024-01-01", "2024-12-31")),
        trusted_contacts=(TrustedContact("Leticia Meza Valenzuela", "+52 686 122 7574", "prima"),),
        aggressors=(Aggressor("A1", "Sergio Ramírez Rivera", Sex.HOMBRE, 41, "expareja", True, True,
                              ("celos", "consumo de alcohol")),),
        episodes=(Episode("I-old-1", T - 60 * DAY, ("fisica", "psicologica"), ("familiar",), ("A1",)),),
        risk_assessments=(RiskAssessment("R1", {"amenaza_muerte": True}, RiskLevel.BAJO, 4, "sup1",
                                         T - 60 * DAY, "2026-05-01"),
                          RiskAssessment("R2", {"estrangulamiento": True}, RiskLevel.ALTO, 5, "sup2",
                                         T - 5 * DAY, "2026-06-02")),
    )
    fields.update(kw)
    return Case(**fields)


def incident(incident_id: str, at: float, *, caller: str = "", channel: Channel = Channel.CALL_911,
             lat: float | None = None, lon: float | None = None, device_id: str | None = None,
             beneficiary_id: str | None = None, status: IncidentStatus = IncidentStatus.NEW) -> Incident:
    """An incident with only what matching reads set."""
    return Incident(id=incident_id, folio=f"F-{incident_id}", type_code="30903", priority=Priority.ALTA,
                    channel=channel, status=status, created_at=at, lat=lat, lon=lon,
                    caller=caller, device_id=device_id, beneficiary_id=beneficiary_id)


def north_of(point: tuple[float, float], metres: float) -> tuple[float, float]:
    """The point ``metres`` due north (1° of latitude ≈ 111,195 m on this sphere)."""
    return point[0] + metres / 111_194.93, point[1]
