"""The period report (issue 14) through a real central, on SQLite and PostgreSQL: each
seed's month built through the central's commands (tests/central/report_seeds.py) and
every figure of the report checked against the seed's own — Mexicali's persons attended
(132 unique; 108 women, 18 men, 6 infants, 10 elderly: overlapping groups), visits,
interviews and calls; Quintana Roo's interventions by kind, timing and channel and its
BANAVIM registrations; Aguascalientes' devices (144 of 200 delivered, imported over
HTTP). The report is read over HTTP (JSON, XLSX, PDF: the PDF's text through pdftotext,
the XLSX's sheets through openpyxl) and from the command line (CSV zip); bad input gets
clear refusals and an empty period an empty report."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import aiohttp
from openpyxl import load_workbook
from sqlalchemy import create_engine, select

from c4console.central.audit import audit_log
from c4console.central.bootstrap import Account
from c4console.central.cli import main as c4central
from c4console.core.access import Role
from tests.central import report_seeds as seeds
from tests.central.helpers import TEST_ACCOUNTS, TEST_PASSWORD, client, get_json, running_central

ACCOUNTS = [*TEST_ACCOUNTS, Account("psicologa1", Role.PSICOLOGA, TEST_PASSWORD),
            Account("abogada1", Role.ABOGADA, TEST_PASSWORD)]
MARCH = "from=2026-03-01&to=2026-03-31"


def rows(report: dict[str, Any], key: str) -> dict[str, Any]:
    """A table of the JSON report as {first cell: the row's other cells (one: the value)}."""
    (table,) = [t for t in report["tables"] if t["key"] == key]
    return {r[0]: (r[1] if len(r) == 2 else r[1:]) for r in table["rows"]}


async def fetch(session: aiohttp.ClientSession, url: str, status: int = 200) -> bytes:
    async with session.get(url) as r:
        body = await r.read()
        assert r.status == status, body[:300]
        return body


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "informe.pdf"
    path.write_bytes(data)
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def check_mexicali(report: dict[str, Any]) -> None:
    persons = rows(report, "personas")
    assert persons["Personas únicas atendidas"] == seeds.MEXICALI_PERSONS == 132
    assert (persons["Mujeres"], persons["Hombres"], persons["Infancia (niñas y niños)"],
            persons["Adulta mayor"]) == (108, 18, 6, 10)
    assert 108 + 18 + 6 + 10 == 142  # the groups overlap: more than the 132 persons
    (table,) = [t for t in report["tables"] if t["key"] == "personas"]
    assert "142" in table["note"] and "132" in table["note"] and "traslapan" in table["note"]
    follow = rows(report, "seguimiento")
    assert follow == {"Rondines realizados": 523, "Con comprobación GPS": 5,
                      "Sin comprobación GPS (registro manual)": 518, "Entrevistas": 96,
                      "Llamadas de seguimiento": 130, "Llamadas en que se le localizó": 130}
    # Nothing else happened in Mexicali's fixture: those tables are zeros, not missing.
    assert rows(report, "incidentes_canal")["Total"] == 0
    assert rows(report, "intervenciones_tipo")["Total"] == 0
    assert rows(report, "banavim")["Expedientes registrados (folio BANAVIM)"] == 0


def test_mexicali_month_over_http_json_xlsx_pdf_and_bad_input(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, seed=False) as c:
            real_clock, clock = c.service.clock, seeds.Clock(0.0)
            c.service.clock = clock  # the service's clock: each command at its moment of March
            await seeds.build_mexicali(c.service, clock, tmp_path / "demo")
            c.service.clock = real_clock  # logins and the report: now
            api = c.api_url
            async with client(api, "supervisora1") as sup, client(api) as op, \
                    client(api, "admin1") as adm:
                url = f"{api}/api/v1/reports/period"
                report = json.loads(await fetch(sup, f"{url}?{MARCH}&format=json"))
                assert (report["from"], report["to"], report["tz"]) == ("2026-03-01", "2026-03-31",
                                                                        seeds.TZ)
                check_mexicali(report)
                assert json.loads(await fetch(adm, f"{url}?{MARCH}"))["tables"] == report["tables"]
                # An operator may not read it (audited, refused).
                await get_json(op, f"{url}?{MARCH}", status=403)
                # Bad input: clear answers, nothing computed.
                for query, reason, words in (
                        ("from=2026-03-31&to=2026-03-01", "bad_period", "before it starts"),
                        ("from=2020-01-01&to=2025-06-01", "bad_period", "over 5 years"),
                        ("from=2026-13-01&to=2026-12-31", "bad_period", "not a date"),
                        (f"{MARCH}&format=docx", "bad_format", "unknown format")):
                    body = await get_json(sup, f"{url}?{query}", status=400)
                    assert body["reason"] == reason and words in body["error"], body
                # An empty period: the report with zeros.
                empty = json.loads(await fetch(sup, f"{url}?from=2025-01-01&to=2025-01-31"))
                assert rows(empty, "personas")["Personas únicas atendidas"] == 0
                assert rows(empty, "seguimiento")["Rondines realizados"] == 0
                # XLSX: one sheet per table, the same figures.
                book = load_workbook(io.BytesIO(await fetch(sup, f"{url}?{MARCH}&format=xlsx")))
                assert book.sheetnames == ["informe", *(t["key"] for t in report["tables"])]
                sheet = {r[0]: r[1] for r in book["personas"].iter_rows(min_row=3, values_only=True)
                         if r and r[0] is not None}
                assert (sheet["Personas únicas atendidas"], sheet["Mujeres"], sheet["Hombres"],
                        sheet["Infancia (niñas y niños)"], sheet["Adulta mayor"]) == (132, 108, 18, 6, 10)
                follow = {r[0]: r[1] for r in book["seguimiento"].iter_rows(min_row=3, values_only=True)
                          if r and r[0] is not None}
                assert (follow["Rondines realizados"], follow["Entrevistas"],
                        follow["Llamadas de seguimiento"]) == (523, 96, 130)
                # PDF: titles in Spanish, the period and the sources stated, the figures.
                text = pdf_text(await fetch(sup, f"{url}?{MARCH}&format=pdf"), tmp_path)
                assert "Informe del periodo" in text and "del 2026-03-01 al 2026-03-31" in text
                assert "Personas atendidas" in text and "Fuente:" in text
                for label, value in (("Personas únicas atendidas", "132"), ("Mujeres", "108"),
                                     ("Hombres", "18"), ("Adulta mayor", "10"),
                                     ("Rondines realizados", "523"), ("Entrevistas", "96"),
                                     ("Llamadas de seguimiento", "130")):
                    line = next(ln for ln in text.splitlines() if label in ln)
                    assert line.split()[-1] == value, line
                audit = await get_json(adm, f"{api}/api/v1/audit?action=reports.period.read&limit=50")
                outcomes = [e["outcome"] for e in audit["entries"]]
                assert outcomes.count("refused") == 5 and "accepted" in outcomes

    asyncio.run(main())


def check_quintana_roo(report: dict[str, Any]) -> None:
    kinds = rows(report, "intervenciones_tipo")
    assert (kinds["Jurídica"], kinds["Psicológica"], kinds["Psicológica y jurídica"],
            kinds["Total"]) == (403, 1694 + 0, 0, 2097)
    assert rows(report, "intervenciones_momento") == {
        "Previa": 433, "12 a 48 h": 1605, "Subsecuente": 54, "Seguimiento": 5, "Total": 2097}
    # The fixture's 2,092 other interventions take the phone line, 911 and in person in turn.
    assert rows(report, "intervenciones_medio") == {
        "Llamada 911": 697, "Línea telefónica": 698, "WhatsApp": 3, "Videollamada": 2,
        "Presencial": 697, "Total": 2097}
    # [enviada, recibida, atendida, cerrada, rechazada, total] by institution (by name).
    assert rows(report, "canalizaciones") == {
        "DIF Municipal de Mexicali": [4, 0, 2, 0, 0, 6],
        "Dirección de Igualdad de Género (Ayuntamiento de Mexicali)": [2, 1, 0, 0, 0, 3],
        "Total": [6, 1, 2, 0, 0, 9]}
    assert rows(report, "banavim") == {"Expedientes registrados (folio BANAVIM)": 718,
                                       "Casos marcados para registro": 728}


def test_quintana_roo_interventions_and_banavim_and_the_command_line_csv(tmp_path):
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"

    async def main():
        async with running_central(tmp_path, db, accounts=ACCOUNTS, seed=False) as c:
            real_clock, clock = c.service.clock, seeds.Clock(0.0)
            c.service.clock = clock
            await seeds.build_quintana_roo(c.service, clock)
            c.service.clock = real_clock
            async with client(c.api_url, "supervisora1") as sup:
                return json.loads(await fetch(sup, f"{c.api_url}/api/v1/reports/period?{MARCH}"))

    report = asyncio.run(main())
    check_quintana_roo(report)
    # The command line: the same report as a zip of one CSV per table.
    out = tmp_path / "informe.zip"
    assert c4central(["report", "--db", db, "--from", "2026-03-01",
                      "--to", "2026-03-31", "--format", "csv", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert names[0] == "LEEME.txt" and "08_intervenciones_momento.csv" in names, names
        table = list(csv.reader(io.StringIO(z.read("08_intervenciones_momento.csv").decode("utf-8-sig"))))
    assert table[0] == ["Momento", "Total"]
    assert {r[0]: int(r[1]) for r in table[1:]} == rows(report, "intervenciones_momento")
    # Bad input on the command line: exit 2, nothing written.
    for argv in (["--from", "2026-03-31", "--to", "2026-03-01", "--format", "pdf"],
                 ["--from", "2026-03-01", "--to", "2026-03-31", "--format", "docx"]):
        bad = tmp_path / "no.pdf"
        assert c4central(["report", "--db", db, "--out", str(bad), *argv]) == 2
        assert not bad.exists()
    # Each run of the command line is in the audit log, refusals with their reason.
    engine = create_engine(db)
    with engine.connect() as conn:
        entries = conn.execute(select(audit_log.c.outcome, audit_log.c.detail).where(
            audit_log.c.action == "reports.period").order_by(audit_log.c.seq)).all()
    engine.dispose()
    assert [(o, d.get("reason", d.get("format"))) for o, d in entries] == [
        ("accepted", "csv"), ("refused", "bad_period"), ("refused", "bad_format")]


def test_aguascalientes_devices_imported_over_http(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, seed=False) as c:
            api = c.api_url
            async with client(api, "supervisora1") as sup:
                async with sup.post(f"{api}/api/v1/devices/import", data=seeds.aguascalientes_csv().encode(),
                                    params={"filename": "entregas.csv"},
                                    headers={"Content-Type": "text/csv"}) as r:
                    body = await r.json()
                    assert r.status == 200 and body["counts"] == {"imported": 200}, body
                report = json.loads(await fetch(sup, f"{api}/api/v1/reports/period?{MARCH}"))
                devices = rows(report, "dispositivos")
                assert devices["Entregados en el periodo"] == seeds.AGS_DELIVERED == 144
                assert devices["Con ella: entregados, probados o en uso (al generar el informe)"] == 144
                assert devices["Total de dispositivos del programa"] == seeds.AGS_DEVICES == 200
                assert devices["Solicitados en el periodo"] == 0
                # April: nothing delivered then; the stock is still 144 of 200.
                april = json.loads(await fetch(
                    sup, f"{api}/api/v1/reports/period?from=2026-04-01&to=2026-04-30"))
                assert rows(april, "dispositivos")["Entregados en el periodo"] == 0
                assert rows(april, "dispositivos")["Total de dispositivos del programa"] == 200

    asyncio.run(main())


def test_incidents_their_nt911_times_and_a_person_attended_by_her_episode(tmp_path, db_url):
    """Incidents made through the commands (a WhatsApp chat acknowledged after 30 s and
    dispatched after 100 s; a 911 one acknowledged after 200 s; one in April), her case
    opened from the first with her episode: attended in March by the episode alone."""
    async def main():
        async with running_central(tmp_path, db_url) as c:
            real_clock, clock = c.service.clock, seeds.Clock(0.0)
            c.service.clock = clock
            t0, t1, t2 = seeds.at(5, 10), seeds.at(6, 22), seeds.at(32, 9)
            for when, iid, channel in ((t0, "inc-a", "whatsapp"), (t1, "inc-b", "phone"),
                                       (t2, "inc-c", "whatsapp")):
                await seeds.submit(c.service, clock, when, "operadora1", "operator", [
                    {"type": "create_incident", "incident_id": iid, "channel": channel,
                     "lat": seeds.HOME[0], "lon": seeds.HOME[1], "caller": "6861110000"}])
            await seeds.submit(c.service, clock, t0 + 30, "operadora1", "operator",
                               [{"type": "acknowledge", "incident_id": "inc-a"}])
            await seeds.submit(c.service, clock, t0 + 100, "operadora1", "operator",
                               [{"type": "dispatch", "incident_id": "inc-a", "unit_id": "P07"}])
            await seeds.submit(c.service, clock, t1 + 200, "operadora1", "operator",
                               [{"type": "acknowledge", "incident_id": "inc-b"}])
            await seeds.submit(c.service, clock, t0 + 600, "supervisora1", "supervisor", [
                {"type": "open_case", "case_id": "case-ep", "incident_id": "inc-a",
                 "person": {"name": "Ana Episodio", "sex": "mujer", "date_of_birth": "1960-01-01"}},
                {"type": "record_episode", "case_id": "case-ep", "incident_id": "inc-a",
                 "types": ["fisica"]}])
            c.service.clock = real_clock
            async with client(c.api_url, "supervisora1") as sup:
                return json.loads(await fetch(sup, f"{c.api_url}/api/v1/reports/period?{MARCH}"))

    report = asyncio.run(main())
    channels = rows(report, "incidentes_canal")
    assert (channels["WhatsApp"], channels["Línea telefónica"], channels["Total"]) == (1, 1, 2)
    times = rows(report, "tiempos_nt911")
    # [measured, median, p90, target, within, % within]
    assert times["Captura de datos mínimos"] == [2, 30.0, 200.0, 90, 1, 50.0]
    assert times["Asignación de unidad"] == [1, 100.0, 100.0, 120, 1, 100.0]
    assert times["Arribo de la unidad"][0] == 0
    persons = rows(report, "personas")
    assert (persons["Personas únicas atendidas"], persons["Mujeres"], persons["Adulta mayor"]) == (1, 1, 1)
