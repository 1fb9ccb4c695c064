"""The risk questionnaire: answers → level, refusals, floors, history, priority."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from c4console.core.cases import CaseRefused, RiskAssessment, RiskLevel, level_history, priority_for
from c4console.core.cases.risk import RiskQuestionnaire, reassessment_due
from c4console.core.catalogue import CatalogueError
from c4console.core.enums import Priority
from tests.core.cases.builders import T, case


def test_no_yes_is_no_apreciado_and_every_yes_is_extremo(cats):
    risk = cats.risk
    assert risk.score({}).level is RiskLevel.NO_APRECIADO
    everything = risk.score(dict.fromkeys(risk.items, True))
    assert everything.level is RiskLevel.EXTREMO and everything.score == risk.max_score
    assert everything.unanswered == ()


@pytest.mark.parametrize("yes, level", [
    (["desempleo", "alcohol_drogas"], RiskLevel.NO_APRECIADO),
    (["control_celos", "acecho"], RiskLevel.BAJO),
    (["uso_arma", "escalada", "incumplimiento_orden"], RiskLevel.MEDIO),
    (["estrangulamiento"], RiskLevel.ALTO),  # floor: strangulation alone is alto
    (["amenaza_muerte", "acceso_armas"], RiskLevel.EXTREMO),  # floor: threat to kill + weapon
    (["capaz_de_matar", "separacion"], RiskLevel.ALTO),
    (["amenaza_muerte", "uso_arma", "escalada", "incumplimiento_orden", "embarazo"], RiskLevel.ALTO),
])
def test_weighted_answers_give_the_level_of_the_thresholds_and_floors(cats, yes, level):
    assert cats.risk.score(dict.fromkeys(yes, True)).level is level


def test_unknown_item_and_non_boolean_answer_are_refused_with_a_reason(cats):
    with pytest.raises(CaseRefused) as refused:
        cats.risk.score({"amenaza_muerte": True, "horoscopo": True})
    assert refused.value.reason == "unknown_risk_item" and "horoscopo" in refused.value.message
    with pytest.raises(CaseRefused) as refused:
        cats.risk.score({"amenaza_muerte": "sí"})
    assert refused.value.reason == "bad_risk_answer"


def test_no_se_answers_count_nothing_and_are_listed_as_unanswered(cats):
    result = cats.risk.score({"amenaza_muerte": None, "acceso_armas": False})
    assert result.score == 0 and "amenaza_muerte" in result.unanswered
    assert "acceso_armas" not in result.unanswered


answers = st.dictionaries(st.sampled_from(sorted(
    ["amenaza_muerte", "acceso_armas", "uso_arma", "estrangulamiento", "escalada", "capaz_de_matar",
     "separacion", "embarazo", "hijos_no_comunes", "amenaza_hijos", "incumplimiento_orden",
     "control_celos", "acecho", "violencia_sexual", "lesiones_graves", "amenaza_suicidio",
     "alcohol_drogas", "antecedentes", "desempleo", "aislamiento"])), st.one_of(st.none(), st.booleans()))


@given(answers, st.sampled_from(["amenaza_muerte", "estrangulamiento", "desempleo", "embarazo"]))
def test_one_more_yes_never_lowers_the_level(cats, given_answers, extra):
    before = cats.risk.score(given_answers)
    after = cats.risk.score({**given_answers, extra: True})
    assert after.level.rank >= before.level.rank and after.score >= before.score


@given(answers)
def test_the_score_is_the_sum_of_the_weights_of_the_yes_answers(cats, given_answers):
    result = cats.risk.score(given_answers)
    assert result.score == sum(cats.risk.items[c].weight for c, v in given_answers.items() if v)
    assert result.level.rank >= next(lv for low, lv in reversed(cats.risk.thresholds)
                                     if result.score >= low).rank


def test_an_assessment_is_signed_and_due_again_after_its_levels_interval(cats):
    a = cats.risk.assess({"estrangulamiento": True}, assessment_id="R9", assessed_by="sup1", at=T,
                         today=date(2026, 6, 1))
    assert (a.level, a.assessed_by, a.reassess_on) == (RiskLevel.ALTO, "sup1", "2026-06-08")
    with pytest.raises(CaseRefused):
        cats.risk.assess({}, assessment_id="R10", assessed_by=" ", at=T, today=date(2026, 6, 1))
    her = case(risk_assessments=(a,))
    assert not reassessment_due(her, date(2026, 6, 7)) and reassessment_due(her, date(2026, 6, 8))


def test_the_history_of_levels_says_which_way_each_step_went():
    steps = [RiskAssessment("R1", {}, RiskLevel.MEDIO, 9, "a", T + 10),
             RiskAssessment("R2", {}, RiskLevel.BAJO, 3, "b", T),
             RiskAssessment("R3", {}, RiskLevel.EXTREMO, 30, "c", T + 20)]
    history = level_history(case(risk_assessments=tuple(steps)))
    assert [(h.level, h.direction, h.assessed_by) for h in history] == [
        (RiskLevel.BAJO, "first", "b"), (RiskLevel.MEDIO, "up", "a"), (RiskLevel.EXTREMO, "up", "c")]


@pytest.mark.parametrize("level, catalogue, expected", [
    (RiskLevel.EXTREMO, Priority.BAJA, Priority.ALTA),
    (RiskLevel.ALTO, Priority.MEDIA, Priority.ALTA),
    (RiskLevel.MEDIO, Priority.MEDIA, Priority.MEDIA),
    (RiskLevel.NO_APRECIADO, Priority.ALTA, Priority.ALTA),  # risk never lowers a priority
    (None, Priority.BAJA, Priority.BAJA),
])
def test_alto_and_extremo_raise_the_priority_to_alta(level, catalogue, expected):
    assert priority_for(level, catalogue) is expected


ITEMS = "code,question,weight\na,¿A?,2\nb,¿B?,3\n"
LEVELS = "".join(f'[[levels]]\nlevel = "{lv}"\nmin_score = {s}\nreassess_days = 7\n'
                 for lv, s in [("no_apreciado", 0), ("bajo", 1), ("medio", 2), ("alto", 3), ("extremo", 4)])


@pytest.mark.parametrize("items, levels, complaint", [
    (ITEMS.replace(",2\n", ",0\n"), LEVELS, "at least 1"),
    (ITEMS.replace(",2\n", ",dos\n"), LEVELS, "whole number"),
    (ITEMS + "a,¿otra?,1\n", LEVELS, "repeated"),
    (ITEMS, LEVELS.replace('"extremo"', '"alto"'), "exactly once"),
    (ITEMS, LEVELS.replace("min_score = 4", "min_score = 3"), "rise with the level"),
    (ITEMS, LEVELS + '[[floors]]\nall = ["zz"]\nlevel = "alto"\n', "unknown or missing items"),
    (ITEMS, LEVELS.replace('"bajo"', '"leve"'), "unknown level"),
])
def test_a_broken_questionnaire_is_refused_naming_the_problem(items, levels, complaint):
    with pytest.raises(CatalogueError, match=complaint):
        RiskQuestionnaire.parse(items, levels)
