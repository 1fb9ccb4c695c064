"""Checks on case input before anything is saved: each failure is a
:class:`CaseRefused` with a stable reason and a sentence saying what was wrong.

Reasons: ``bad_command`` (missing name, malformed date or point), ``future_birth_date``,
``order_ends_before_start``, ``unknown_violence_type``, ``unknown_modality``,
``unknown_relationship``, ``unknown_aggressor``, ``duplicate_case`` (with the
existing case as ``candidate``: merge instead), ``incident_not_found``.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date

from c4console.core.cases.case_catalogues import CaseCatalogues
from c4console.core.cases.case_index import CaseIndex
from c4console.core.cases.records import Case, Episode, iso_date
from c4console.core.cases.refusals import CaseRefused
from c4console.core.geo import valid_position


def _date(text: str, what: str) -> date | None:
    try:
        return iso_date(text)
    except ValueError:
        raise CaseRefused("bad_command", f"{what} {text!r} is not a date (YYYY-MM-DD)") from None


def validate_case(case: Case, catalogues: CaseCatalogues, today: date, index: CaseIndex) -> None:
    """Refuse a case with bad dates, unknown codes or points, or that duplicates another
    person's case in ``index`` (same name and date of birth, or one of the same
    numbers). A case may be re-validated against an index that holds it already."""
    if not case.person.name.strip():
        raise CaseRefused("bad_command", "the case needs the person's name")
    birth = _date(case.person.date_of_birth, "date of birth")
    if birth is not None and birth > today:
        raise CaseRefused("future_birth_date",
                          f"date of birth {birth.isoformat()} is after today ({today.isoformat()})")
    for order in case.orders:
        start = _date(order.valid_from, f"order {order.number} start")
        end = _date(order.valid_until, f"order {order.number} end")
        if start and end and end < start:
            raise CaseRefused("order_ends_before_start",
                              f"order {order.number} ends on {end.isoformat()}, "
                              f"before it starts on {start.isoformat()}")
    for a in case.addresses:
        if a.has_point and not valid_position(a.lat, a.lon):  # type: ignore[arg-type]
            raise CaseRefused("bad_command", f"address {a.text!r} has no valid point")
    for aggressor in case.aggressors:
        if aggressor.relationship and aggressor.relationship not in catalogues.relationships:
            raise CaseRefused("unknown_relationship",
                              f"relationship {aggressor.relationship!r} is not in the catalogue")
        if aggressor.age is not None and not 0 <= aggressor.age <= 120:
            raise CaseRefused("bad_command", f"aggressor's age {aggressor.age} is not an age")
    aggressor_ids = {a.id for a in case.aggressors}
    for episode in case.episodes:
        validate_episode(episode, catalogues, aggressor_ids)
    duplicate = find_duplicate(case, index)
    if duplicate is not None:
        raise CaseRefused("duplicate_case",
                          f"case {duplicate.id} already holds this person; merge into it instead",
                          candidate=duplicate)


def validate_episode(episode: Episode, catalogues: CaseCatalogues,
                     aggressor_ids: Container[str] = frozenset()) -> None:
    """Refuse an episode whose types, modalities or aggressors are unknown."""
    unknown = catalogues.violence_types.unknown(episode.types)
    if unknown:
        raise CaseRefused("unknown_violence_type",
                          f"type(s) of violence {', '.join(unknown)} not in the catalogue")
    unknown = catalogues.violence_modalities.unknown(episode.modalities)
    if unknown:
        raise CaseRefused("unknown_modality",
                          f"modality(ies) {', '.join(unknown)} not in the catalogue")
    missing = [a for a in episode.aggressor_ids if a not in aggressor_ids]
    if missing:
        raise CaseRefused("unknown_aggressor", f"aggressor(s) {', '.join(missing)} not in the case")


def find_duplicate(case: Case, index: CaseIndex) -> Case | None:
    """Another live case of the same person: same name and date of birth, or sharing a
    phone or WhatsApp number. None if there is none."""
    others: list[Case] = []
    if case.person.date_of_birth:
        others += index.by_person(case.person.name, case.person.date_of_birth)
    for number in case.numbers():
        others += index.by_number(number)
    for other in others:
        if other.id != case.id and other.merged_into is None:
            return other
    return None


def validate_link(incident_id: str, known_incidents: Container[str]) -> None:
    """Refuse linking a case to an incident that does not exist."""
    if incident_id not in known_incidents:
        raise CaseRefused("incident_not_found", f"incident {incident_id!r} does not exist")
