"""The fields a projection of a case can carry, each computed from the case record.

access.toml's field groups name these fields; the parser refuses a name not here. Some
are reduced views of a record for a reader who needs less (``aggressor_names``,
``trusted_contact_names``, ``orders_in_force``): need-to-know picks among whole fields
and never filters inside one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from c4console.core.cases.age import AgeGroups, age_on
from c4console.core.cases.records import Case


@dataclass(frozen=True, slots=True)
class FieldContext:
    """What computing a field needs besides the case: the C4's date and the age groups."""

    today: date
    ages: AgeGroups


def _age(case: Case, ctx: FieldContext) -> int | None:
    birth = case.person.birth_date
    return age_on(birth, ctx.today) if birth and birth <= ctx.today else None


def _age_group(case: Case, ctx: FieldContext) -> str | None:
    group = ctx.ages.of_birth(case.person.birth_date, ctx.today)
    return group.code if group else None


def _wire_list(items: tuple) -> list[dict[str, Any]]:
    return [i.to_wire() for i in items]


def _reassess_on(case: Case, ctx: FieldContext) -> str | None:
    latest = case.latest_assessment
    return latest.reassess_on if latest else None


FIELDS: dict[str, Callable[[Case, FieldContext], Any]] = {
    "name": lambda c, x: c.person.name,
    "sex": lambda c, x: c.person.sex.value,
    "date_of_birth": lambda c, x: c.person.date_of_birth,
    "age": _age,
    "age_group": _age_group,
    "place_of_birth": lambda c, x: c.person.place_of_birth,
    "nationality": lambda c, x: c.person.nationality,
    "indigenous_language": lambda c, x: c.person.indigenous_language,
    "disability": lambda c, x: c.person.disability,
    "beneficiary_id": lambda c, x: c.beneficiary_id,
    "phones": lambda c, x: list(c.phones),
    "whatsapp": lambda c, x: list(c.whatsapp),
    "addresses": lambda c, x: _wire_list(c.addresses),
    "orders": lambda c, x: _wire_list(c.orders),
    "orders_in_force": lambda c, x: _wire_list(c.orders_in_force(x.today)),
    "risk_level": lambda c, x: c.risk_level.value if c.risk_level else None,
    "risk_assessments": lambda c, x: _wire_list(c.risk_assessments),
    "reassess_on": _reassess_on,
    "aggressors": lambda c, x: _wire_list(c.aggressors),
    "aggressor_names": lambda c, x: [a.name for a in c.aggressors],
    "trusted_contacts": lambda c, x: _wire_list(c.trusted_contacts),
    "trusted_contact_names": lambda c, x: [t.name for t in c.trusted_contacts],
    "incident_ids": lambda c, x: list(c.incident_ids),
    # Her other incidents as a new incident's history lists them (folio, type, when):
    # what dispatching needs of her past, without the rest of her file.
    "prior_incidents": lambda c, x: list(c.incident_ids),
    "device_ids": lambda c, x: list(c.device_ids),
    "episodes": lambda c, x: _wire_list(c.episodes),
    "created_at": lambda c, x: c.created_at,
    "updated_at": lambda c, x: c.updated_at,
}
