"""Age on a date, age groups as data, and counting persons with overlapping groups."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from c4console.core.cases import AgeGroups, CaseRefused, Episode, Period, Sex, age_on, count_persons
from c4console.core.catalogue import CatalogueError
from tests.core.cases.builders import DAY, T, case

MONTH = Period(T - 20 * DAY, T + 10 * DAY)  # the month the seed reports on


def test_age_counts_a_birthday_on_the_day_and_a_leap_birthday_on_1_march():
    assert age_on(date(1966, 5, 14), date(2026, 5, 13)) == 59
    assert age_on(date(1966, 5, 14), date(2026, 5, 14)) == 60
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 1, 1)),
       st.integers(min_value=0, max_value=40000))
def test_age_is_whole_years_and_never_decreases(birth, days):
    on = birth + timedelta(days=days)
    age = age_on(birth, on)
    assert 0 <= age <= days // 365
    assert age_on(birth, on + timedelta(days=1)) in (age, age + 1)


@given(st.integers(min_value=0, max_value=130))
def test_every_age_falls_in_exactly_one_group(cats, age):
    holding = [g.code for g in cats.age_groups if g.holds(age)]
    assert holding == [cats.age_groups.of_age(age).code]
    assert (age >= 60) == (holding == ["adulta_mayor"])
    assert (age <= 11) == (holding == ["infancia"])


@pytest.mark.parametrize("text, complaint", [
    ("code,name,min_years,max_years,counted_by_sex,in_summary\n"
     "a,A,0,10,yes,no\nb,B,12,,yes,no\n", "expected 11"),
    ("code,name,min_years,max_years,counted_by_sex,in_summary\na,A,0,10,yes,no\n", "no upper end"),
    ("code,name,min_years,max_years,counted_by_sex,in_summary\na,A,0,,maybe,no\n", "not yes or no"),
    ("code,name,min_years\na,A,0\n", "lacks columns"),
])
def test_an_age_table_with_a_gap_or_a_bad_cell_is_refused(text, complaint):
    with pytest.raises(CatalogueError, match=complaint):
        AgeGroups.parse(text)


def _people(prefix: str, n: int, sex: Sex, born: str) -> list:
    return [case(f"{prefix}{k}", name=f"{prefix} {k}", sex=sex, born=born, phones=(), whatsapp=(),
                 episodes=(Episode(f"I-{prefix}{k}", T - k * 60.0),)) for k in range(n)]


def test_the_seed_month_counts_132_persons_in_groups_that_sum_to_142(cats):
    """Mexicali's month: 132 persons = 108 women + 18 men + 6 infants + 10 elderly (142)."""
    people = (_people("W", 100, Sex.MUJER, "1990-01-01") + _people("OW", 8, Sex.MUJER, "1950-01-01")
              + _people("M", 16, Sex.HOMBRE, "1985-01-01") + _people("OM", 2, Sex.HOMBRE, "1955-06-01")
              + _people("G", 3, Sex.MUJER, "2020-01-01") + _people("B", 3, Sex.HOMBRE, "2019-01-01"))
    outside = _people("X", 5, Sex.MUJER, "1990-01-01")  # attended the month before only
    outside = [c.evolve(episodes=(Episode("I-x", T - 40 * DAY),)) for c in outside]
    count = count_persons(people + outside, MONTH, cats.age_groups)
    assert count.unique == 132
    assert count.summary == {"mujer": 108, "hombre": 18, "infancia": 6, "adulta_mayor": 10}
    assert count.summary_total == 142
    assert count.by_age_group == {"infancia": 6, "adolescencia": 0, "adulta": 116, "adulta_mayor": 10}


def test_a_person_attended_twice_counts_once_and_at_her_age_on_the_first_day(cats):
    # She turns 60 on T - 2 days: first attended at 59 in this period.
    her = case(born="1966-05-26", episodes=(Episode("I1", T - 10 * DAY), Episode("I2", T)))
    count = count_persons([her], MONTH, cats.age_groups)
    assert count.unique == 1 and count.by_age_group["adulta"] == 1
    assert count.by_age_group["adulta_mayor"] == 0


def test_a_merged_case_counts_as_its_survivor_once(cats):
    survivor = case("C1", episodes=())
    merged = case("C2", episodes=(Episode("I9", T),), merged_into="C1")
    count = count_persons([survivor, merged], MONTH, cats.age_groups)
    assert count.unique == 1 and count.summary["mujer"] == 1


def test_attendances_besides_episodes_count_and_unknown_ages_are_reported(cats):
    no_birth = case("C1", born="", episodes=())
    count = count_persons([no_birth], MONTH, cats.age_groups, attendances=[("C1", T)])
    assert count.unique == 1 and count.unknown_age == 1 and count.summary["mujer"] == 1


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(CaseRefused) as refused:
        Period(T, T - 1)
    assert refused.value.reason == "bad_period"


@given(st.lists(st.tuples(st.sampled_from(list(Sex)), st.integers(0, 100), st.booleans()),
                max_size=40))
def test_groups_overlap_exactly_by_the_elderly_and_children_are_not_counted_by_sex(cats, people):
    cases = [case(f"C{k}", sex=sex, born=f"{2026 - age - 1}-01-01" if known else "",
                  episodes=(Episode(f"I{k}", T),)) for k, (sex, age, known) in enumerate(people)]
    count = count_persons(cases, MONTH, cats.age_groups)
    assert count.unique == len(people)
    assert sum(count.by_age_group.values()) + count.unknown_age == count.unique
    assert sum(count.by_sex.values()) == count.unique - count.by_age_group["infancia"]
    # The headline counts each elderly person twice (sex and age) and leaves out only
    # those whose sex was not recorded.
    assert count.summary_total == (count.unique + count.by_age_group["adulta_mayor"]
                                   - count.by_sex.get("", 0))
