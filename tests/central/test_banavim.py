"""BANAVIM registration through a real central (SQLite and PostgreSQL): a supervisor marks
her case, the export gives her record complete and valid against the documented field map
(JSON and CSV), a case without her date of birth is left out naming that field and case
(422, the complete one still exported), the folio is recorded once — the same folio again
is refused naming the case it belongs to, a folio for a case not marked is refused — the
registration record reaches only supervisors and the specialist desk, the export is
audited and refused to an operator, the CLI writes the same file, and the count of
registered expedientes."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import sqlalchemy as sa

from c4console.central import schema
from c4console.central.bootstrap import Account
from c4console.central.cli import main as c4central
from c4console.core.access import Role
from c4console.core.banavim import BanavimRegistration, count_registered, validate
from c4console.core.banavim.validation import in_format
from c4console.resources import load_banavim_field_map
from tests.central.helpers import (
    TEST_ACCOUNTS,
    TEST_PASSWORD,
    all_changes,
    c4_today,
    client,
    get_json,
    key,
    new_incident,
    post_commands,
    running_central,
)

ACCOUNTS = [*TEST_ACCOUNTS, Account("psicologa1", Role.PSICOLOGA, TEST_PASSWORD)]
COMPLETE, NO_BIRTH = "case-completo", "case-sin-nacimiento"


async def _send(s, api: str, kind: str, **fields) -> dict:
    (res,) = await post_commands(s, api, {"key": key(), "type": kind, **fields})
    return res


async def case_with_episode(s, api: str, case_id: str, born: str) -> str:
    """Her case from a 911 incident, with her profile, home, an aggressor, an order and the
    incident recorded as an episode; returns the incident id."""
    iid = await new_incident(s, api)
    person = {"name": f"Víctima {case_id}", "sex": "mujer", "date_of_birth": born,
              "place_of_birth": "Mexicali, B.C."}
    for kind, fields in (
            ("open_case", {"case_id": case_id, "incident_id": iid, "person": person}),
            ("update_case", {"case_id": case_id,
                             "addresses": [{"kind": "home", "text": "Calle Michoacán 121",
                                            "colonia": "Centro"}],
                             "aggressors": [{"id": "A1", "name": "Sergio R.", "sex": "hombre",
                                             "age": 41, "relationship": "expareja"}],
                             "orders": [{"number": "OP-2026-0037", "authority": "Juzgado 3o",
                                         "valid_from": "2026-01-10",
                                         "valid_until": "2099-12-31"}]}),
            ("record_episode", {"case_id": case_id, "incident_id": iid,
                                "types": ["fisica", "psicologica"], "modalities": ["familiar"],
                                "aggressor_ids": ["A1"]})):
        res = await _send(s, api, kind, **fields)
        assert res["outcome"] == "accepted", (kind, res)
    return iid


async def _export(s, api: str, status: int, **query) -> tuple[int, object]:
    async with s.get(f"{api}/api/v1/banavim/export", params=query) as r:
        body = await r.json() if r.content_type == "application/json" else await r.text()
        assert r.status == status, body
        return r.status, body


def test_a_case_is_marked_exported_validated_and_registered_once(tmp_path, db_url):
    field_map = load_banavim_field_map()

    async def main():
        async with running_central(tmp_path, db_url, accounts=ACCOUNTS) as c, \
                client(c.api_url, "supervisora1") as sup, client(c.api_url, "psicologa1") as psi, \
                client(c.api_url, "operadora1") as op:
            api = c.api_url
            iid = await case_with_episode(sup, api, COMPLETE, "1988-03-14")
            await case_with_episode(sup, api, NO_BIRTH, "")

            # Marking: supervisors and the desk; not an operator; not twice; a real episode.
            assert (await _send(op, api, "mark_for_banavim",
                                case_id=COMPLETE))["reason"] == "forbidden"
            assert (await _send(sup, api, "mark_for_banavim", case_id=COMPLETE,
                                incident_id="otro"))["reason"] == "not_an_episode"
            assert (await _send(sup, api, "mark_for_banavim",
                                case_id="nadie"))["reason"] == "not_found"
            # A folio for a case not marked is refused.
            res = await _send(sup, api, "record_banavim_folio", case_id=COMPLETE, folio="BNV-1")
            assert res["reason"] == "not_marked", res
            res = await _send(sup, api, "mark_for_banavim", case_id=COMPLETE, incident_id=iid)
            assert res["outcome"] == "accepted", res
            assert (await _send(psi, api, "mark_for_banavim", case_id=COMPLETE,
                                incident_id=iid))["reason"] == "already_marked"
            assert (await _send(psi, api, "mark_for_banavim",
                                case_id=NO_BIRTH))["outcome"] == "accepted"

            # The export of her case: complete, valid against the field map.
            _, body = await _export(psi, api, 200, case_id=COMPLETE)
            (record,) = body["records"]
            assert validate(record, field_map) == [] and body["left_out"] == []
            for spec in field_map:
                if spec.required:
                    items = record[spec.field] if spec.is_list else [record[spec.field]]
                    assert items and all(in_format(v, spec.item_format) for v in items), spec.field
            assert record["expediente.id"] == f"{COMPLETE}:{iid}"
            assert record["victima.fecha_nacimiento"] == "1988-03-14"
            assert record["agresor.vinculo"] == ["expareja"] and record["ordenes.tiene"] == "si"
            assert record["servicios.numero"] == 0  # no service yet: still registrable
            _, text = await _export(sup, api, 200, case_id=COMPLETE, format="csv")
            (row,) = csv.DictReader(io.StringIO(text))
            assert row["expediente.id"] == f"{COMPLETE}:{iid}" and row["victima.edad"] == "38"

            # Every marked, unregistered case: hers exported, the one without a date of
            # birth left out, naming the field and the case.
            _, body = await _export(sup, api, 422)
            assert body["reason"] == "incomplete"
            assert [r["expediente.caso"] for r in body["records"]] == [COMPLETE]
            (out,) = body["left_out"]
            assert out["case_id"] == NO_BIRTH
            assert "victima.fecha_nacimiento" in [m["field"] for m in out["missing"]]
            assert NO_BIRTH in body["error"] and "victima.fecha_nacimiento" in body["error"]
            _, body = await _export(sup, api, 422, format="csv")
            assert COMPLETE in body["csv"] and NO_BIRTH not in body["csv"]
            _, body = await _export(sup, api, 422, case_id=NO_BIRTH)
            assert body["records"] == [] and body["left_out"][0]["case_id"] == NO_BIRTH
            await _export(op, api, 403)
            await _export(sup, api, 404, case_id="nadie")
            await _export(sup, api, 400, format="xml")

            # The folio: recorded once; the same folio again is refused naming its case.
            res = await _send(sup, api, "record_banavim_folio", case_id=COMPLETE,
                              incident_id=iid, folio="BNV-2026-000718",
                              registered_on=c4_today().isoformat())
            assert res["outcome"] == "accepted", res
            res = await _send(psi, api, "record_banavim_folio", case_id=NO_BIRTH,
                              folio="BNV-2026-000718")
            assert res["reason"] == "folio_taken" and COMPLETE in res["message"], res
            res = await _send(sup, api, "record_banavim_folio", case_id=COMPLETE,
                              incident_id=iid, folio="BNV-2026-000719")
            assert res["reason"] == "already_registered", res
            assert (await _send(sup, api, "record_banavim_folio", case_id=NO_BIRTH,
                                folio="=1+1"))["reason"] == "bad_folio"
            # Registered: the export of the marked cases no longer includes hers.
            _, body = await _export(sup, api, 422)
            assert body["records"] == [] and body["left_out"][0]["case_id"] == NO_BIRTH

            # The registration record: supervisors and the desk receive it, operators never.
            def regs(changes):
                return {ch["id"]: ch for ch in changes if ch["entity"] == "banavim_registration"}

            mine = regs(await all_changes(psi, api))
            assert {ch["data"]["folio"] for ch in mine.values() if ch["op"] == "upsert"} == {
                "BNV-2026-000718", ""}
            assert all(ch["op"] == "delete" for ch in regs(await all_changes(op, api)).values())

            # Nothing half-saved: one registration row per marked case, one folio.
            engine = sa.create_engine(c.config.db_url)
            with engine.connect() as conn:
                rows = [BanavimRegistration.from_wire(d) for (d,) in conn.execute(
                    sa.select(schema.banavim_registrations.c.data))]
            engine.dispose()
            assert sorted(r.case_id for r in rows) == sorted([COMPLETE, NO_BIRTH])
            today = c4_today()
            assert count_registered(rows, (today, today)) == 1
            # The export is audited: who, what was asked, the outcome, how many records.
            async with client(api, "admin1") as adm:
                entries = (await get_json(adm, f"{api}/api/v1/audit?limit=5000"))["entries"]
            audited = [e for e in entries if e["action"] == "banavim.export"]
            assert {(e["actor"], e["outcome"]) for e in audited} >= {
                ("supervisora1", "accepted"), ("operadora1", "refused"),
                ("supervisora1", "not_found"), ("psicologa1", "accepted")}
            return iid

    iid = asyncio.run(main())

    # The CLI: the same export from the database, the incomplete case named (exit 3).
    out = tmp_path / "banavim.json"
    url = db_url
    assert c4central(["banavim", "export", "--db", url, "--out", str(out)]) == 3
    assert json.loads(out.read_text(encoding="utf-8")) == []  # hers is registered already
    assert c4central(["banavim", "export", "--db", url, "--out", str(out), "--case", COMPLETE,
                      "--format", "csv"]) == 0
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    assert row["expediente.id"] == f"{COMPLETE}:{iid}"
    assert c4central(["banavim", "export", "--db", url, "--out", str(out), "--case",
                      "nadie"]) == 2
