"""The BANAVIM record of a case's episode (pure): every field of the documented field map,
validated against it; missing and invalid fields named; services from the timeline; the
CSV with formulas defused; the count of registered expedientes."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date

import pytest

from c4console.core.banavim import (
    BanavimRegistration,
    build_record,
    count_registered,
    parse_field_map,
    split_complete,
    to_csv,
    to_json,
    validate,
)
from c4console.core.banavim.validation import in_format
from c4console.core.cases import CaseTimelineEntry, PersonProfile, Sex
from c4console.core.catalogue import CatalogueError
from tests.core.cases.builders import DAY, T, case

EPISODE_AT = T - 60 * DAY  # the builder's episode I-old-1 (2026-03-29 UTC)


def _intervention(entry_id: str, at: float, kind: str = "psicologica") -> CaseTimelineEntry:
    return CaseTimelineEntry(entry_id, "C1", at, "intervention", "psi1", group="interventions",
                             data={"intervention_id": entry_id, "kind": kind,
                                   "channel": "llamada_911", "timing": "12_48h",
                                   "started_at": at, "ended_at": at + 900, "duration_s": 900,
                                   "by": "psi1"})


def _referral(entry_id: str, at: float, status: str) -> CaseTimelineEntry:
    return CaseTimelineEntry(entry_id, "C1", at, "institution_referral", "psi1",
                             group="interventions",
                             data={"referral_id": "R1", "institution_id": "dif_municipal",
                                   "institution_name": "DIF Municipal", "status": status,
                                   "urgency": "normal"})


def test_every_field_of_the_map_is_filled_and_a_complete_case_validates(cats, field_map):
    record = build_record(case(), [], cats)
    assert list(record) == [spec.field for spec in field_map]
    assert validate(record, field_map) == []
    for spec in field_map:  # each required field present and in its format
        if spec.required:
            value = record[spec.field]
            items = value if spec.is_list else [value]
            assert items and all(in_format(v, spec.item_format) for v in items), spec.field
    assert record["expediente.id"] == "C1:I-old-1"
    assert record["victima.fecha_nacimiento"] == "1988-03-14"
    assert record["victima.edad"] == 38  # on 2026-03-29
    assert record["victima.domicilio"] == "Calle Michoacán 121"
    assert record["episodio.fecha"] == "2026-03-29T20:26:40Z"
    assert record["episodio.tipos"] == ["fisica", "psicologica"]
    assert record["agresor.vinculo"] == ["expareja"] and record["agresor.acceso_armas"] == ["si"]
    # Her order in force on the episode's day; the one that ended in 2024 is not hers then.
    assert record["ordenes.tiene"] == "si" and record["ordenes.numero"] == ["OP-2026-0037"]
    assert record["servicios.numero"] == 0 and record["servicios.tipo"] == []


def test_a_missing_date_of_birth_is_named_and_the_record_is_left_out(cats, field_map):
    hers = case(person=PersonProfile(name="Martha Leyva Rivera", sex=Sex.MUJER))
    record = build_record(hers, [], cats)
    problems = validate(record, field_map)
    assert [(p.field, p.kind) for p in problems] == [("victima.fecha_nacimiento", "missing"),
                                                     ("victima.edad", "missing")]
    complete, left_out = split_complete([build_record(case("C2"), [], cats), record], field_map)
    assert [r["expediente.caso"] for r in complete] == ["C2"]
    (out,) = left_out
    assert out.case_id == "C1" and out.incident_id == "I-old-1"
    assert "victima.fecha_nacimiento missing" in out.sentence()
    assert out.to_wire()["missing"][0]["field"] == "victima.fecha_nacimiento"


def test_no_episode_no_aggressor_relationship_and_unknown_codes_are_refused(cats, field_map):
    assert {p.field for p in validate(build_record(case(episodes=()), [], cats), field_map)} >= {
        "expediente.id", "expediente.episodio", "episodio.fecha", "episodio.tipos",
        "episodio.modalidades", "agresor.sexo", "agresor.vinculo", "victima.edad"}
    hers = case()
    no_link = replace(hers, aggressors=(replace(hers.aggressors[0], relationship=""),))
    assert [(p.field, p.kind) for p in validate(build_record(no_link, [], cats), field_map)] == [
        ("agresor.vinculo", "missing")]
    retired = replace(hers, episodes=(replace(hers.episodes[0], types=("fisica", "retirado")),))
    (problem,) = validate(build_record(retired, [], cats), field_map)
    assert (problem.field, problem.kind) == ("episodio.tipos", "invalid")


def test_services_are_the_interventions_and_referrals_since_the_episode(cats):
    timeline = [
        _intervention("E0", EPISODE_AT - DAY),  # before the episode: another episode's
        _intervention("E1", EPISODE_AT + 3600),
        _referral("E2", EPISODE_AT + 7200, "enviada"),
        _intervention("E3", EPISODE_AT + 2 * DAY, kind="juridica"),
        _referral("E4", EPISODE_AT + 3 * DAY, "atendida"),  # the same referral, later status
        CaseTimelineEntry("E5", "C1", EPISODE_AT + DAY, "note", "sup1", "nota", group="history"),
        CaseTimelineEntry("E6", "C1", EPISODE_AT + DAY, "psych_note", "psi1", "x",
                          group="psych_notes"),
    ]
    record = build_record(case(), timeline, cats)
    assert record["servicios.numero"] == 3
    assert record["servicios.tipo"] == ["atencion_psicologica", "canalizacion",
                                        "atencion_juridica"]
    assert record["servicios.detalle"] == ["llamada_911", "DIF Municipal — atendida",
                                           "llamada_911"]
    assert record["servicios.fecha"][1] == "2026-03-29T22:26:40Z"  # when it was sent


def test_an_episode_is_chosen_by_its_incident_and_age_is_on_the_c4s_day(cats, field_map):
    from zoneinfo import ZoneInfo

    hers = case(person=PersonProfile("Ana", Sex.MUJER, date_of_birth="2000-03-30"))
    # 2026-03-29 20:26 UTC is the 29th in Mexicali too: one day before her 26th birthday.
    assert build_record(hers, [], cats, "I-old-1", tz=ZoneInfo("America/Tijuana"))[
        "victima.edad"] == 25
    missing = build_record(hers, [], cats, "I-not-hers")
    assert missing["expediente.episodio"] == "" and validate(missing, field_map)


def test_json_and_csv_exports_carry_every_field_and_defuse_formulas(cats, field_map):
    hers = case(person=PersonProfile("=HYPERLINK(\"http://x\")", Sex.MUJER,
                                     date_of_birth="1988-03-14"))
    records = [build_record(hers, [_intervention("E1", EPISODE_AT + 60)], cats)]
    assert json.loads(to_json(records))[0]["victima.nombre"].startswith("=HYPERLINK")
    rows = list(csv.DictReader(io.StringIO(to_csv(records, [s.field for s in field_map]))))
    assert list(rows[0]) == [s.field for s in field_map]
    assert rows[0]["victima.nombre"].startswith("'=")
    assert rows[0]["episodio.tipos"] == "fisica | psicologica"
    assert rows[0]["servicios.numero"] == "1"


def test_the_field_map_refuses_unknown_formats_and_repeated_fields():
    head = "field,meaning,source,required,format\n"
    with pytest.raises(CatalogueError, match="unknown format"):
        parse_field_map(head + "a,b,c,yes,colour\n")
    with pytest.raises(CatalogueError, match="repeated"):
        parse_field_map(head + "a,b,c,yes,text\na,b,c,no,text\n")
    with pytest.raises(CatalogueError, match="required"):
        parse_field_map(head + "a,b,c,maybe,text\n")


def test_registered_expedientes_are_counted_by_their_registration_day():
    def reg(n: int, folio: str, on: str) -> BanavimRegistration:
        return BanavimRegistration(f"R{n}", f"C{n}", "sup1", T, f"I{n}", folio, on, T, "sup1")

    regs = [reg(1, "F-1", "2026-05-02"), reg(2, "F-2", "2026-05-31"), reg(3, "F-3", "2026-06-01"),
            reg(4, "", "")]  # marked, not registered
    assert count_registered(regs, (date(2026, 5, 1), date(2026, 5, 31))) == 2
    assert count_registered(regs, (date(2026, 6, 1), date(2026, 6, 30))) == 1
    assert count_registered([], (date(2026, 5, 1), date(2026, 5, 31))) == 0
