"""Referrals to institutions through the real central (issue 12), on SQLite and PostgreSQL:
a psychologist refers her case to the DIF, the letter comes back as a PDF whose text
(pdftotext) holds what the DIF needs and nothing unshared; status changes are signed and
dated, bad input is refused with nothing saved; each step writes her case timeline entry;
the feed and the reads give referrals to specialists and supervisors only; every read is
audited."""

from __future__ import annotations

import asyncio
import subprocess
import uuid
from typing import Any

import aiohttp

from c4console.central.bootstrap import Account
from c4console.core.access import Role
from tests.central.helpers import (
    TEST_ACCOUNTS,
    TEST_PASSWORD,
    all_changes,
    client,
    get_json,
    post_commands,
    running_central,
)

ACCOUNTS = [*TEST_ACCOUNTS, Account("psicologa1", Role.PSICOLOGA, TEST_PASSWORD),
            Account("abogada1", Role.ABOGADA, TEST_PASSWORD)]
HER_CASE = "case-B0042"  # María López's registry case (tests/central/helpers.BENEFICIARIES)


def cmd(kind: str, **fields: Any) -> dict[str, Any]:
    return {"key": str(uuid.uuid4()), "type": kind, **fields}


async def send(session: aiohttp.ClientSession, api: str, kind: str, **fields: Any
               ) -> dict[str, Any]:
    (result,) = await post_commands(session, api, cmd(kind, **fields))
    return result


def latest(changes: list[dict[str, Any]], entity: str, rid: str) -> dict[str, Any] | None:
    found = [c for c in changes if c["entity"] == entity and c["id"] == rid]
    return found[-1] if found else None


def pdf_text(pdf: bytes, folder) -> str:
    path = folder / "carta.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True, timeout=30).stdout


def test_refer_her_to_the_dif_print_the_letter_and_follow_its_status(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, accounts=ACCOUNTS) as c:
            api = c.api_url
            async with client(api, "psicologa1") as p, client(api, "abogada1") as a, \
                    client(api, "operadora1") as o, client(api, "supervisora1") as s, \
                    client(api, "admin1") as adm:
                catalogue = (await get_json(p, f"{api}/api/v1/institutions"))["institutions"]
                dif = next(i for i in catalogue if i["id"] == "dif_mxl")
                assert dif["needs"] == ["contacto", "domicilio"]
                # Bad input: clear refusals, nothing saved.
                ok = {"case_id": HER_CASE, "institution_id": "dif_mxl", "referral_id": "can-1",
                      "reason": "Contención emocional continua y apoyo a sus hijas",
                      "shared": ["contacto", "domicilio"], "urgency": "urgente",
                      "desk": "psicologica"}
                for change, reason in [({"institution_id": "dif_tijuana"}, "unknown_institution"),
                                       ({"reason": "  "}, "reason_required"),
                                       ({"shared": ["contacto"]}, "needs_items"),
                                       ({"case_id": "case-nadie"}, "not_found")]:
                    res = await send(p, api, "refer_to_institution", **{**ok, **change})
                    assert res["outcome"] == "rejected" and res["reason"] == reason, res
                res = await send(o, api, "refer_to_institution", **ok)
                assert res["outcome"] == "rejected" and res["reason"] == "forbidden"
                assert not [ch for ch in await all_changes(s, api)
                            if ch["entity"] in ("institution_referral", "case_timeline")]
                # The referral.
                res = await send(p, api, "refer_to_institution", **ok)
                assert res["outcome"] == "accepted", res
                res = await send(p, api, "refer_to_institution", **ok | {"reason": "otra"})
                assert res["reason"] == "exists"
                # Waiting too long: none yet (the DIF allows an urgent referral 24 h).
                late = await get_json(p, f"{api}/api/v1/institution-referrals?overdue=true")
                assert late["institution_referrals"] == []
                await get_json(p, f"{api}/api/v1/institution-referrals?overdue=si", status=400)
                # The letter: what the DIF needs, nothing unshared.
                async with p.get(f"{api}/api/v1/institution-referrals/can-1/letter.pdf") as r:
                    assert r.status == 200 and r.content_type == "application/pdf"
                    text = pdf_text(await r.read(), tmp_path)
                for wanted in ("María López", "6861234567", "Calle Uno 12", "Pueblo Nuevo",
                               "Contención emocional continua", "URGENTE", "psicologa1",
                               "Atención psicológica", "C4-CAN-can-1", dif["name"], dif["phone"]):
                    assert wanted in text, (wanted, text)
                for unshared in ("J. P.", "OP-1/2026", "alejamiento", "Juzgado"):
                    assert unshared not in text, (unshared, text)
                # Status: forward, signed, dated; backwards and rechazada without reason refused.
                res = await send(a, api, "set_institution_referral_status", referral_id="can-1",
                                 status="recibida")
                assert res["outcome"] == "accepted", res
                for fields, reason in [({"status": "enviada"}, "backwards"),
                                       ({"status": "rechazada"}, "reason_required"),
                                       ({"status": "perdida"}, "bad_command")]:
                    res = await send(a, api, "set_institution_referral_status",
                                     referral_id="can-1", **fields)
                    assert res["reason"] == reason, res
                res = await send(s, api, "set_institution_referral_status", referral_id="can-1",
                                 status="atendida")
                assert res["outcome"] == "accepted", res
                # Readers: specialists and supervisors on the feed and the read; others nothing.
                for session in (p, a, s):
                    changes = await all_changes(session, api)
                    ref = latest(changes, "institution_referral", "can-1")["data"]
                    assert ref["status"] == "atendida"
                    assert [(h["status"], h["by"]) for h in ref["history"]] == [
                        ("enviada", "psicologa1"), ("recibida", "abogada1"),
                        ("atendida", "supervisora1")]
                    entries = [ch["data"] for ch in changes if ch["entity"] == "case_timeline"
                               and ch["op"] == "upsert"]
                    assert [(e["kind"], e["group"], e["text"], e["data"]["status"])
                            for e in entries] == [
                        ("institution_referral", "interventions", "", "enviada"),
                        ("institution_referral", "interventions", "", "recibida"),
                        ("institution_referral", "interventions", "", "atendida")]
                    assert entries[0]["data"] == {
                        "referral_id": "can-1", "institution_id": "dif_mxl",
                        "institution_name": dif["name"], "status": "enviada", "urgency": "urgente"}
                    listed = (await get_json(session, f"{api}/api/v1/institution-referrals"
                                                      f"?case_id={HER_CASE}"))
                    assert [r["id"] for r in listed["institution_referrals"]] == ["can-1"]
                for session in (o, adm):
                    changes = await all_changes(session, api)
                    assert latest(changes, "institution_referral", "can-1")["op"] == "delete"
                    assert all(ch["op"] == "delete" for ch in changes
                               if ch["entity"] == "case_timeline")
                    await get_json(session, f"{api}/api/v1/institution-referrals", status=403)
                    async with session.get(
                            f"{api}/api/v1/institution-referrals/can-1/letter.pdf") as r:
                        assert r.status == 403
                # Every read is audited.
                audit = (await get_json(s, f"{api}/api/v1/audit?limit=500"))["entries"]
                letters = sorted((e for e in audit if e["action"] == "institution_referral.letter"),
                                 key=lambda e: e["seq"])
                assert [(e["actor"], e["outcome"]) for e in letters] == [
                    ("psicologa1", "accepted"), ("operadora1", "refused"), ("admin1", "refused")]
                assert letters[0]["detail"]["shared"] == ["contacto", "domicilio"]
                assert any(e["action"] == "institution_referrals.read" and e["actor"] == "abogada1"
                           for e in audit)
    asyncio.run(main())
