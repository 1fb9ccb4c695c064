"""Referrals to institutions (issue 12), pure: the shipped catalogue, the status rules with
their refusals, the referrals waiting too long, and the letter's content (only what was
shared; never notes)."""

from __future__ import annotations

import pytest

from c4console.core.cases.records import Aggressor, Case, PersonProfile
from c4console.core.catalogue import CatalogueError
from c4console.core.command_kit import Context
from c4console.core.commands import decide
from c4console.core.referrals.catalogue import COLUMNS, InstitutionCatalogue
from c4console.core.referrals.letter import letter_content
from c4console.core.referrals.rules import change_status, new_referral, overdue
from c4console.core.referrals.vocabulary import SHARE_ITEMS
from c4console.core.refused import Refused
from c4console.resources import load_catalogue, load_institutions

H = 3600.0
T0 = 1_780_000_000.0


@pytest.fixture(scope="module")
def catalogue() -> InstitutionCatalogue:
    return load_institutions()


def her_case() -> Case:
    return Case(id="case-1", person=PersonProfile(name="María López Ruiz", date_of_birth="1990-04-02"),
                created_at=T0, phones=("6861234567",), whatsapp=("5216861234567",),
                aggressors=(Aggressor(id="a1", name="Juan Pérez Soto", relationship="pareja"),))


def sent(catalogue, institution="dif_mxl", urgency="normal", shared=("contacto", "domicilio"),
         at=T0):
    return new_referral(referral_id="r1", case_id="case-1", institution=catalogue.get(institution),
                        reason="Apoyo psicológico continuo y trámite de custodia",
                        shared=list(shared), urgency=urgency, by="psicologa1", at=at)


def test_the_shipped_catalogue_has_every_kind_the_issue_names(catalogue):
    kinds = {i.kind for i in catalogue}
    assert {"dif", "igualdad", "centro_justicia", "fiscalia", "instituto_mujer", "refugio",
            "salud", "asesoria_juridica"} <= kinds
    for inst in catalogue:
        assert inst.phone and inst.address and inst.hours
        assert set(inst.needs) <= set(SHARE_ITEMS)
        assert 0 < inst.overdue_hours_urgente <= inst.overdue_hours_normal


@pytest.mark.parametrize(("row", "message"), [
    ("x,DIF,dif,1,e,a,h,telepatia,72,24", "needs"),
    ("x,DIF,circo,1,e,a,h,,72,24", "kind"),
    ("x,DIF,dif,1,e,a,h,,72,96", "above"),
    ("x,DIF,dif,1,e,a,h,,cero,24", "not a number"),
    ("X Y,DIF,dif,1,e,a,h,,72,24", "id"),
])
def test_a_bad_catalogue_row_is_refused_naming_it(row, message):
    with pytest.raises(CatalogueError, match=message):
        InstitutionCatalogue.parse(",".join(COLUMNS) + "\n" + row + "\n")


def test_status_moves_forward_and_is_signed(catalogue):
    r = sent(catalogue)
    assert r.status == "enviada" and r.history[0].by == "psicologa1"
    r = change_status(r, "recibida", by="abogada1", at=T0 + H)
    r = change_status(r, "cerrada", by="abogada1", at=T0 + 2 * H, reason="ya fue atendida")
    assert [s.status for s in r.history] == ["enviada", "recibida", "cerrada"]
    assert r.history[-1].reason == "ya fue atendida" and r.status_since == T0 + 2 * H


@pytest.mark.parametrize(("steps", "target", "reason", "refusal"), [
    (["recibida"], "enviada", None, "backwards"),
    (["recibida"], "recibida", None, "backwards"),
    (["atendida"], "rechazada", "sin cupo", "illegal_transition"),
    ([], "rechazada", None, "reason_required"),
    ([], "rechazada", "   ", "reason_required"),
    (["cerrada"], "atendida", None, "final"),
    ([], "perdida", None, "bad_command"),
])
def test_bad_status_changes_are_refused(catalogue, steps, target, reason, refusal):
    r = sent(catalogue)
    for s in steps:
        r = change_status(r, s, by="x", at=T0 + H)
    with pytest.raises(Refused) as e:
        change_status(r, target, by="x", at=T0 + 2 * H, reason=reason)
    assert e.value.reason == refusal


def test_rechazada_with_a_reason_from_recibida(catalogue):
    r = change_status(sent(catalogue), "recibida", by="x", at=T0 + H)
    r = change_status(r, "rechazada", by="x", at=T0 + 2 * H, reason="Sin cupo en el refugio")
    assert r.status == "rechazada" and r.history[-1].reason == "Sin cupo en el refugio"


def test_refer_command_refusals_save_nothing(catalogue):
    case = her_case()
    ctx = Context(now=T0, actor="psicologa1", new_id=lambda: "id", catalogue=load_catalogue(),
                  case=lambda cid: case if cid == "case-1" else None, institutions=catalogue)
    base = {"key": "k", "type": "refer_to_institution", "case_id": "case-1",
            "institution_id": "dif_mxl", "reason": "apoyo", "shared": ["contacto", "domicilio"]}
    for change, reason in [({"institution_id": "dif_tijuana"}, "unknown_institution"),
                           ({"reason": ""}, "reason_required"),
                           ({"case_id": "case-9"}, "not_found"),
                           ({"shared": ["contacto"]}, "needs_items"),
                           ({"shared": ["contacto", "domicilio", "notas"]}, "bad_command"),
                           ({"urgency": "ya"}, "bad_command"),
                           ({"referral_id": 'r"1\n'}, "bad_command")]:
        d = decide({**base, **change}, {}, {}, ctx)
        assert not d.accepted and d.reason == reason and not d.records, (change, d)
    d = decide(base, {}, {}, ctx)
    referral, entry = d.records
    assert d.accepted and referral.status == "enviada"
    assert (entry.kind, entry.group, entry.text, entry.case_id) == (
        "institution_referral", "interventions", "", "case-1")
    assert entry.data == {"referral_id": referral.id, "institution_id": "dif_mxl",
                          "institution_name": catalogue.get("dif_mxl").name,
                          "status": "enviada", "urgency": "normal"}


def test_overdue_by_the_institutions_hours_and_urgency(catalogue):
    fiscalia = catalogue.get("fiscalia_mujer")  # 24 h normal, 6 h urgent
    normal = sent(catalogue, "fiscalia_mujer", shared=fiscalia.needs)
    urgent = normal.evolve(id="r2", urgency="urgente")
    received = change_status(normal.evolve(id="r3"), "recibida", by="x", at=T0 + H)
    now = T0 + 7 * H
    assert [r.id for r in overdue([normal, urgent, received], catalogue, now)] == ["r2"]
    now = T0 + 25 * H
    assert {r.id for r in overdue([normal, urgent, received], catalogue, now)} == {"r1", "r2"}


def test_the_letter_holds_only_what_was_shared(catalogue):
    case = her_case()
    dif = catalogue.get("dif_mxl")
    text = letter_content(sent(catalogue), case, dif, catalogue).text()
    assert "María López Ruiz" in text and "6861234567" in text and dif.name in text
    assert "Apoyo psicológico continuo" in text and "psicologa1" in text and "C4-CAN-r1" in text
    assert "Juan Pérez" not in text  # agresor not shared
    cjm = catalogue.get("cjm_mxl")
    text = letter_content(sent(catalogue, "cjm_mxl", shared=cjm.needs), case, cjm,
                          catalogue).text()
    assert "Juan Pérez Soto (pareja)" in text
    with pytest.raises(Refused):
        letter_content(sent(catalogue), case, cjm, catalogue)  # not the referral's addressee
