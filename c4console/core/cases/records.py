"""The records of a case (expediente): the person, her addresses, orders, aggressors,
episodes of violence, risk assessments and the case's timeline.

Frozen dataclasses with ``to_wire``/``from_wire`` like :mod:`c4console.core.models`.
Times are UTC epoch seconds (floats); calendar dates (birth, orders, reassessment) are
ISO ``YYYY-MM-DD`` strings, ``""`` when not recorded. Collections are tuples here and
lists on the wire.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from c4console.core.cases.vocabulary import AddressKind, RiskLevel, Sex
from c4console.core.wire import _Wire, as_lists


def iso_date(text: str) -> date | None:
    """The date of an ISO ``YYYY-MM-DD`` string, None for ``""`` (raises ValueError if bad)."""
    return date.fromisoformat(text) if text else None



class _Record(_Wire):
    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (lists for tuples, nested records as dicts)."""
        return as_lists(asdict(self))  # type: ignore[call-overload]


def _many(kind: type[_Wire], items: Any) -> tuple:
    return tuple(i if isinstance(i, kind) else kind.from_wire(i) for i in items or ())


@dataclass(frozen=True, slots=True)
class Address(_Record):
    """One of her addresses: home, work, school; with its point when known."""

    kind: AddressKind
    text: str
    colonia: str = ""
    lat: float | None = None
    lon: float | None = None

    def _coerce(self) -> Address:
        return replace(self, kind=AddressKind(self.kind))

    @property
    def has_point(self) -> bool:
        """True when the address was placed on the map."""
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class TrustedContact(_Record):
    """Someone she trusts to be told of an alarm (the SMS goes to them)."""

    name: str
    phone: str = ""
    relation: str = ""


@dataclass(frozen=True, slots=True)
class PersonProfile(_Record):
    """The person attended, with the fields BANAVIM asks for a victim.

    Her addresses are the case's ``addresses`` (kind home is her domicilio).
    """

    name: str
    sex: Sex = Sex.NO_REGISTRADO
    date_of_birth: str = ""
    place_of_birth: str = ""
    nationality: str = ""
    indigenous_language: str = ""  # "" when she speaks none (or it was not asked)
    disability: str = ""

    def _coerce(self) -> PersonProfile:
        return replace(self, sex=Sex(self.sex))

    @property
    def birth_date(self) -> date | None:
        """Her date of birth, None if not recorded."""
        return iso_date(self.date_of_birth)


@dataclass(frozen=True, slots=True)
class Aggressor(_Record):
    """The person who hurt her: ``relationship`` is a code of relationships.csv."""

    id: str
    name: str
    sex: Sex = Sex.HOMBRE
    age: int | None = None
    relationship: str = ""
    weapon_access: bool | None = None  # None: not known
    prior_violence: bool | None = None
    risk_factors: tuple[str, ...] = ()

    def _coerce(self) -> Aggressor:
        return replace(self, sex=Sex(self.sex), risk_factors=tuple(self.risk_factors))


@dataclass(frozen=True, slots=True)
class ProtectionOrder(_Record):
    """A protection order (orden de protección) she holds.

    An order without ``valid_from`` holds from its issue; one without ``valid_until``
    is treated as in force (shown rather than hidden when its end was not recorded).
    """

    number: str
    authority: str
    measures: tuple[str, ...] = ()
    valid_from: str = ""
    valid_until: str = ""

    def _coerce(self) -> ProtectionOrder:
        return replace(self, measures=tuple(self.measures))

    def in_force(self, on: date) -> bool:
        """True if the order holds on that day (both ends inclusive)."""
        start, end = iso_date(self.valid_from), iso_date(self.valid_until)
        return (start is None or start <= on) and (end is None or on <= end)


@dataclass(frozen=True, slots=True)
class Episode(_Record):
    """One episode of violence (an incident of hers, as BANAVIM counts expedientes):
    types and modalities are codes of violence_types.csv and violence_modalities.csv."""

    incident_id: str
    occurred_at: float
    types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    aggressor_ids: tuple[str, ...] = ()

    def _coerce(self) -> Episode:
        return replace(self, types=tuple(self.types), modalities=tuple(self.modalities),
                       aggressor_ids=tuple(self.aggressor_ids))


@dataclass(frozen=True, slots=True)
class RiskAssessment(_Record):
    """A dated, signed risk assessment: the answers (item code → yes/no/None for
    unknown), the level and score computed from them, and when to assess again."""

    id: str
    answers: dict[str, bool | None]
    level: RiskLevel
    score: int
    assessed_by: str
    assessed_at: float
    reassess_on: str = ""
    note: str = ""

    def _coerce(self) -> RiskAssessment:
        return replace(self, level=RiskLevel(self.level), answers=dict(self.answers))


@dataclass(frozen=True, slots=True)
class CaseTimelineEntry(_Record):
    """One entry of a case's timeline. ``group`` is the field group it belongs to
    (history, interventions, psych_notes…): need-to-know shows it only to readers
    whose rule includes that group."""

    id: str
    case_id: str
    at: float
    kind: str
    actor: str
    text: str = ""
    group: str = "history"
    data: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Case(_Record):
    """One case per person attended: everything that links to her.

    ``incident_ids`` are the incidents confirmed as hers (any channel); ``phones`` and
    ``whatsapp`` her numbers as given; ``merged_into`` names the case this one was
    merged into (a merged case is kept for its history but counted once).
    """

    id: str
    person: PersonProfile
    created_at: float
    updated_at: float = 0.0
    beneficiary_id: str | None = None
    incident_ids: tuple[str, ...] = ()
    device_ids: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    whatsapp: tuple[str, ...] = ()
    addresses: tuple[Address, ...] = ()
    orders: tuple[ProtectionOrder, ...] = ()
    trusted_contacts: tuple[TrustedContact, ...] = ()
    aggressors: tuple[Aggressor, ...] = ()
    episodes: tuple[Episode, ...] = ()
    risk_assessments: tuple[RiskAssessment, ...] = ()
    merged_into: str | None = None

    def _coerce(self) -> Case:
        person = self.person if isinstance(self.person, PersonProfile) \
            else PersonProfile.from_wire(self.person)
        return replace(
            self, person=person,
            incident_ids=tuple(self.incident_ids), device_ids=tuple(self.device_ids),
            phones=tuple(self.phones), whatsapp=tuple(self.whatsapp),
            addresses=_many(Address, self.addresses), orders=_many(ProtectionOrder, self.orders),
            trusted_contacts=_many(TrustedContact, self.trusted_contacts),
            aggressors=_many(Aggressor, self.aggressors), episodes=_many(Episode, self.episodes),
            risk_assessments=_many(RiskAssessment, self.risk_assessments),
        )

    @property
    def latest_assessment(self) -> RiskAssessment | None:
        """The most recent risk assessment (by ``assessed_at``), None if never assessed."""
        return max(self.risk_assessments, key=lambda a: a.assessed_at, default=None)

    @property
    def risk_level(self) -> RiskLevel | None:
        """Her current risk level: the latest assessment's; None if never assessed."""
        latest = self.latest_assessment
        return latest.level if latest else None

    def orders_in_force(self, on: date) -> tuple[ProtectionOrder, ...]:
        """Her orders that hold on that day."""
        return tuple(o for o in self.orders if o.in_force(on))

    def numbers(self) -> tuple[str, ...]:
        """All her numbers, phones then WhatsApp."""
        return self.phones + self.whatsapp
