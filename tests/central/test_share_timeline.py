"""Her case timeline tells the C4 of every share of her case (issue 15), through the real
central on SQLite and PostgreSQL: a share with the DIF at resumen and its revocation, a share
with the Fiscalía at completo and the psicóloga's psych-notes step on it, a DIF share that
reaches its end date (the sweep) — each leaves one ``case_timeline`` entry (group ``sharing``)
with who, when, the agency, level, reason and end date, which the supervisor and the
specialist desk receive. No liaison receives one: not the Fiscalía's (completo, with the
psych-notes step, reading her timeline's history), not the DIF's; nor an operator, a shift
lead or the registry's admin. A liaison's feed never names another agency."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from c4console.central.share_expiry import expire_shares
from tests.central.helpers import all_changes, client, get_json, post_commands, running_central
from tests.central.test_agencies import HER_CASE, add_agencies_and_liaisons, send
from tests.central.test_agency_psych_notes import ACCOUNTS

SHARING_KINDS = {"case_shared", "case_share_revoked", "case_share_psych_notes",
                 "case_share_expired"}


def _sharing_entries(feed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Her timeline's sharing entries as a reader holds them (last upsert per id; the commands
    re-publish her timeline, so an entry comes more than once), oldest first."""
    held: dict[str, dict[str, Any]] = {}
    for ch in feed:
        if ch["entity"] != "case_timeline":
            continue
        if ch["op"] == "upsert":
            held[ch["id"]] = ch["data"]
        else:
            held.pop(ch["id"], None)
    return sorted((e for e in held.values() if e["group"] == "sharing" or e["kind"] in SHARING_KINDS),
                  key=lambda e: e["at"])


def _timeline_upserts(feed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [ch["data"] for ch in feed if ch["entity"] == "case_timeline" and ch["op"] == "upsert"]


def test_each_step_of_sharing_her_case_is_on_her_timeline_for_the_c4_only(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, accounts=ACCOUNTS) as c:
            api = c.api_url
            await add_agencies_and_liaisons(c.service)
            gate = c.hub.gate
            today = gate.today()
            async with client(api, "supervisora1") as s, client(api, "psicologa1") as p, \
                    client(api) as o, client(api, "jefe1") as j, client(api, "admin1") as adm, \
                    client(api, "enlace_dif") as dif, client(api, "enlace_fge") as fge:
                # An intervention: her timeline's interventions entry, which the Fiscalía reads
                # at completo (so its feed does carry her timeline — only not the sharing).
                now = time.time()
                (res,) = await post_commands(p, api, {
                    "key": str(uuid.uuid4()), "type": "record_intervention",
                    "intervention_id": "iv-1", "case_id": HER_CASE, "kind": "psicologica",
                    "channel": "linea_telefonica", "started_at": now - 900, "ended_at": now - 60})
                assert res["outcome"] == "accepted", res
                steps = [
                    (s, "share_case", {"share_id": "sh-dif", "case_id": HER_CASE, "agency_id": "dif",
                                       "level": "resumen", "reason": "Mesa: seguimiento DIF",
                                       "ends_on": (today + timedelta(days=30)).isoformat()}),
                    (s, "revoke_case_share", {"share_id": "sh-dif",
                                              "reason": "Cerró la atención del DIF"}),
                    (s, "share_case", {"share_id": "sh-fge", "case_id": HER_CASE, "agency_id": "fge",
                                       "level": "completo", "reason": "Carpeta de investigación"}),
                    (p, "share_psych_notes", {"share_id": "sh-fge",
                                              "reason": "Peritaje psicológico solicitado"}),
                    (s, "share_case", {"share_id": "sh-hoy", "case_id": HER_CASE, "agency_id": "dif",
                                       "level": "resumen", "reason": "Visita única",
                                       "ends_on": today.isoformat()}),
                ]
                for who, kind, fields in steps:
                    res = await send(who, api, kind, **fields)
                    assert res["outcome"] == "accepted", (kind, res)
                tomorrow = today + timedelta(days=1)
                gate.today = lambda: tomorrow
                assert await c.service.write(
                    lambda tx: expire_shares(tx, ZoneInfo("UTC"), tomorrow)) == 1

                # The C4: one entry per step, in order, with who, the agency and the facts.
                mine = _sharing_entries(await all_changes(s, api))
                assert [(e["kind"], e["actor"], e["data"]["share_id"]) for e in mine] == [
                    ("case_shared", "supervisora1", "sh-dif"),
                    ("case_share_revoked", "supervisora1", "sh-dif"),
                    ("case_shared", "supervisora1", "sh-fge"),
                    ("case_share_psych_notes", "psicologa1", "sh-fge"),
                    ("case_shared", "supervisora1", "sh-hoy"),
                    ("case_share_expired", "central", "sh-hoy")]
                assert all(e["case_id"] == HER_CASE and e["group"] == "sharing" and e["at"] > 0
                           for e in mine)
                assert [(e["data"]["agency_name"], e["data"]["level"], e["data"]["reason"])
                        for e in mine] == [
                    ("DIF Mexicali", "resumen", "Mesa: seguimiento DIF"),
                    ("DIF Mexicali", "resumen", "Cerró la atención del DIF"),
                    ("Fiscalía Especializada", "completo", "Carpeta de investigación"),
                    ("Fiscalía Especializada", "completo", "Peritaje psicológico solicitado"),
                    ("DIF Mexicali", "resumen", "Visita única"),
                    ("DIF Mexicali", "resumen", "")]
                assert mine[0]["data"]["ends_on"] == (today + timedelta(days=30)).isoformat()
                assert mine[-1]["data"]["ends_on"] == today.isoformat()
                assert {e["data"]["agency_id"] for e in mine} == {"dif", "fge"}
                # The specialist desk reads them too (the roles that read the shares).
                assert len(_sharing_entries(await all_changes(p, api))) == 6

                # Nobody else of the C4: an operator, a shift lead, the registry's admin.
                for who in (o, j, adm):
                    assert not [e for e in _timeline_upserts(await all_changes(who, api))
                                if e["group"] == "sharing"]

                # The Fiscalía (completo, with the psych-notes step) reads her timeline, never
                # its sharing entries — not even its own — and never another agency's name.
                fge_feed = await all_changes(fge, api)
                held = _timeline_upserts(fge_feed)
                assert [e["kind"] for e in held if e["kind"] == "intervention"], held
                assert not [e for e in held if e["group"] == "sharing" or e["kind"] in SHARING_KINDS]
                text = json.dumps(fge_feed, ensure_ascii=False)
                for other in ("DIF Mexicali", "Mesa: seguimiento DIF", "Cerró la atención",
                              "Visita única", '"dif"'):
                    assert other not in text, other
                seen = await get_json(fge, f"{api}/api/v1/cases/{HER_CASE}")
                assert seen["share_level"] == "completo"
                assert "DIF" not in json.dumps(seen, ensure_ascii=False)
                # The DIF (its shares revoked and ended) receives none either.
                dif_feed = await all_changes(dif, api)
                assert not _timeline_upserts(dif_feed)
                text = json.dumps(dif_feed, ensure_ascii=False)
                for other in ("Fiscalía", "Carpeta de investigación", "Peritaje", '"fge"'):
                    assert other not in text, other
                await get_json(dif, f"{api}/api/v1/cases/{HER_CASE}", status=403)

    asyncio.run(main())
