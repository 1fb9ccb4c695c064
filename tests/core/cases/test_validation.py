"""Bad case input is refused with a clear reason; a duplicate points at the case to merge."""

from __future__ import annotations

import pytest

from c4console.core.cases import (
    Aggressor,
    CaseIndex,
    CaseRefused,
    Episode,
    ProtectionOrder,
    validate_case,
    validate_link,
)
from c4console.core.command_kit import Refused
from tests.core.cases.builders import TODAY, case


def _refusal(c, cats, index=None):
    with pytest.raises(CaseRefused) as refused:
        validate_case(c, cats, TODAY, index or CaseIndex())
    return refused.value


def test_a_good_case_passes_also_against_an_index_that_holds_it(cats):
    c = case()
    validate_case(c, cats, TODAY, CaseIndex())
    validate_case(c, cats, TODAY, CaseIndex([c]))


@pytest.mark.parametrize("change, reason, words", [
    ({"person": case().person.evolve(date_of_birth="2026-06-02")}, "future_birth_date", "after today"),
    ({"person": case().person.evolve(date_of_birth="1988-13-01")}, "bad_command", "not a date"),
    ({"person": case().person.evolve(name="  ")}, "bad_command", "name"),
    ({"orders": (ProtectionOrder("OP-9", "Juzgado", (), "2026-05-01", "2026-04-30"),)},
     "order_ends_before_start", "OP-9 ends on 2026-04-30"),
    ({"episodes": (Episode("I1", 0.0, ("fisica", "telepatica")),)}, "unknown_violence_type", "telepatica"),
    ({"episodes": (Episode("I1", 0.0, ("fisica",), ("vecinal",)),)}, "unknown_modality", "vecinal"),
    ({"episodes": (Episode("I1", 0.0, ("fisica",), ("familiar",), ("A7",)),)}, "unknown_aggressor", "A7"),
    ({"aggressors": (Aggressor("A1", "X", relationship="primo_lejano"),)}, "unknown_relationship",
     "primo_lejano"),
    ({"aggressors": (Aggressor("A1", "X", age=300),)}, "bad_command", "300"),
])
def test_bad_input_is_refused_with_its_reason(cats, change, reason, words):
    refused = _refusal(case().evolve(**change), cats)
    assert refused.reason == reason and words in refused.message
    assert isinstance(refused, Refused)  # decide() answers it like any refusal


def test_the_same_name_and_birth_date_is_a_duplicate_to_merge(cats):
    existing = case("C1", phones=(), whatsapp=())
    again = case("C2", name="MARTHA  LEYVA RIVERA", phones=(), whatsapp=())
    refused = _refusal(again, cats, CaseIndex([existing]))
    assert refused.reason == "duplicate_case" and refused.candidate == existing
    assert "merge into it" in refused.message


def test_the_same_phone_in_another_format_is_a_duplicate(cats):
    existing = case("C1")
    other_person = case("C2", name="Otra Persona", born="1970-01-01", phones=("686-699-3671",),
                        whatsapp=())
    assert _refusal(other_person, cats, CaseIndex([existing])).candidate == existing


def test_a_merged_case_is_not_a_duplicate(cats):
    merged = case("C1", merged_into="C3")
    validate_case(case("C2"), cats, TODAY, CaseIndex([merged]))


def test_a_link_to_a_missing_incident_is_refused():
    validate_link("I1", {"I1"})
    with pytest.raises(CaseRefused) as refused:
        validate_link("I404", {"I1"})
    assert refused.value.reason == "incident_not_found"
