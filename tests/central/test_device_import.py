"""POST /api/v1/devices/import at a real central: a supervisor's good file is imported
(devices, models, delivery dates on the feed) with a row-by-row report; a mixed file
gives each refused row its line and reason and keeps the good ones; an unreadable file
is refused whole; an operator is refused 403 (security event, audited); a huge body 413.
Also: the delivery date in update_beneficiary and in the command-line CSV."""

from __future__ import annotations

import asyncio
import csv
import io

import aiohttp

from c4console.central.seed import seed_file
from tests.central.helpers import (
    PANIC_DEVICE,
    all_changes,
    client,
    get_json,
    key,
    post_commands,
    running_central,
)

COLUMNS = ("device_id", "name", "beneficiary_id", "phone", "device_model", "delivered_on")


def devices_csv(rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> bytes:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({c: row.get(c, "") for c in columns})
    return out.getvalue().encode("utf-8")


def row(n: int, **over: str) -> dict[str, str]:
    return {"device_id": f"8612345670{n:05d}", "name": f"Mujer {n}", "phone": "686 555 0100",
            "device_model": "EV-07B", "delivered_on": "2026-03-15", **over}


async def upload(session: aiohttp.ClientSession, api: str, data: bytes, status: int,
                 content_type: str = "text/csv", filename: str = "entregas.csv") -> dict:
    async with session.post(f"{api}/api/v1/devices/import", data=data, params={"filename": filename},
                            headers={"Content-Type": content_type}) as r:
        body = await r.json()
        assert r.status == status, body
        return body


async def audit_entries(api: str) -> list[dict]:
    async with client(api, "admin1") as s:
        body = await get_json(s, f"{api}/api/v1/audit?action=device.import&limit=100")
    return body["entries"]


def test_import_good_and_mixed_files_refuse_bad_files_wrong_roles_and_huge_bodies(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, \
                client(c.api_url, "supervisora1") as sup, client(c.api_url, "admin1") as admin, \
                client(c.api_url, "operadora1") as op, client(c.api_url, "jefe1") as lead:
            api = c.api_url

            good = await upload(sup, api, devices_csv([row(1), row(2, delivered_on="")]), 200)
            assert good["counts"] == {"imported": 2} and good["source"] == "entregas.csv"
            assert [(r["line"], r["device_id"], r["outcome"]) for r in good["rows"]] == [
                (2, "861234567000001", "imported"), (3, "861234567000002", "imported")]
            devices = {ch["data"]["id"]: ch["data"] for ch in await all_changes(sup, api)
                       if ch["entity"] == "device"}
            first = devices["861234567000001"]
            assert (first["model"], first["delivered_on"], first["beneficiary_id"]) == (
                "EV-07B", "2026-03-15", "B-861234567000001")
            assert devices["861234567000002"]["delivered_on"] == ""

            mixed = [row(n) for n in range(3, 23)]  # 20 rows, three of them bad
            mixed[4] = row(7, delivered_on="15/03/2026")
            mixed[9] = row(12, name="")
            mixed[14] = row(17, device_id=PANIC_DEVICE)  # María's device, under another name
            report = await upload(admin, api, devices_csv(mixed), 200)
            assert report["counts"] == {"imported": 17, "refused": 3}
            refused = [(r["line"], r["device_id"], r["reason"]) for r in report["rows"]
                       if r["outcome"] == "refused"]
            assert refused == [
                (6, "861234567000007",
                 "delivered_on: delivery date '15/03/2026' is not a date YYYY-MM-DD"),
                (11, "861234567000012", "empty name"),
                (16, PANIC_DEVICE, f"device {PANIC_DEVICE} is registered to beneficiary B0042"),
            ]
            assert len(report["rows"]) == 20
            devices = {ch["data"]["id"] for ch in await all_changes(sup, api) if ch["entity"] == "device"}
            assert "861234567000008" in devices and "861234567000007" not in devices

            # The same file again: nothing new, the same three refused.
            again = await upload(admin, api, devices_csv(mixed), 200)
            assert again["counts"] == {"unchanged": 17, "refused": 3}

            head = len(await all_changes(sup, api))
            bad_files = {
                "not UTF-8 text (byte 0xed on line 2)": "device_id,name\n1,Mar\xeda\n".encode("latin-1"),
                "the file is empty": b"  \n",
                "header lacks column(s) name": b"device_id,nombre\n123,Ana\n",
                "the file has a header but no rows": b"device_id,name\n",
            }
            for message, data in bad_files.items():
                body = await upload(sup, api, data, 400)
                assert message in body["error"] and "no row of entregas.csv imported" in body["error"]
            await upload(sup, api, devices_csv([row(40)]), 415, content_type="application/json")
            huge = devices_csv([row(50)]) + b"x" * (1 << 20)
            body = await upload(sup, api, huge, 413)
            assert "larger than 1024 KiB" in body["error"]
            assert len(await all_changes(sup, api)) == head  # nothing of them imported

            for session, role in ((op, "operator"), (lead, "shift_lead")):
                body = await upload(session, api, devices_csv([row(60)]), 403)
                assert f"role {role} may not import devices" in body["error"]
                assert "security event" in body["error"]
            assert len(await all_changes(sup, api)) == head

            entries = await audit_entries(api)
            by_outcome = sorted((e["actor"], e["outcome"]) for e in entries)
            assert by_outcome.count(("supervisora1", "accepted")) == 1
            assert ("admin1", "partial") in by_outcome
            assert ("operadora1", "refused") in by_outcome and ("jefe1", "refused") in by_outcome
            partial = sorted(e["detail"]["counts"]["refused"] + e["detail"]["counts"].get("imported", 0)
                             for e in entries if e["outcome"] == "partial")
            assert partial == [3, 20]  # the mixed file twice: 17 imported, then 17 unchanged
            forbidden = [e for e in entries if e["actor"] == "operadora1"]
            assert forbidden[0]["detail"]["reason"] == "forbidden"
            events = (await get_json(admin, f"{api}/api/v1/security-events"))["events"]
            assert sum(e["kind"] == "device_import_refused" for e in events) == 2
            too_large = [e for e in entries if e["detail"].get("reason") == "too_large"]
            bad = [e for e in entries if e["detail"].get("reason") == "bad_file"]
            assert len(too_large) == 1 and len(bad) == 4

    asyncio.run(main())


def test_delivery_date_and_model_through_update_beneficiary_and_the_command_line_csv(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url, "supervisora1") as sup:
            api = c.api_url

            def update(**fields):
                return {"key": key(), "type": "update_beneficiary", "beneficiary_id": "B0042",
                        **fields}

            (r,) = await post_commands(sup, api, update(
                device_id=PANIC_DEVICE, device_model="GL320MG", device_delivered_on="2026-02-01"))
            assert r["outcome"] == "accepted", r
            device = [ch["data"] for ch in await all_changes(sup, api)
                      if ch["entity"] == "device" and ch["data"]["id"] == PANIC_DEVICE][-1]
            assert (device["model"], device["delivered_on"]) == ("GL320MG", "2026-02-01")
            refusals = [
                (update(device_id=PANIC_DEVICE, device_delivered_on="2026-02-30"), "bad_date",
                 "delivery date '2026-02-30' is not a date YYYY-MM-DD"),
                (update(device_id=PANIC_DEVICE, device_delivered_on="2999-01-01"), "bad_date",
                 "delivery date 2999-01-01 is in the future"),
                (update(device_id="TRK07", device_model="X"), "not_her_device",
                 "device TRK07 is not the panic device of beneficiary B0042"),
                (update(device_id="NOPE", device_model="X"), "not_found", "device NOPE"),
                (update(device_model="X"), "bad_command", "'device_id'"),
            ]
            for cmd, reason, message in refusals:
                (r,) = await post_commands(sup, api, cmd)
                assert (r["outcome"], r["reason"]) == ("rejected", reason), r
                assert message in r["message"], r
            (r,) = await post_commands(sup, api, update(device_id=PANIC_DEVICE, device_delivered_on=""))
            assert r["outcome"] == "accepted"
            device = [ch["data"] for ch in await all_changes(sup, api)
                      if ch["entity"] == "device" and ch["data"]["id"] == PANIC_DEVICE][-1]
            assert (device["model"], device["delivered_on"]) == ("GL320MG", "")

            # The command line's CSV: delivered_on read; a file without the column keeps it.
            path = tmp_path / "d.csv"
            path.write_bytes(devices_csv([row(1, delivered_on="2026-05-05")]))
            report = await seed_file(c.service, path, "devices")
            assert report.counts() == {"imported": 1}
            path.write_bytes(devices_csv([row(1)], ("device_id", "name", "phone")))
            report = await seed_file(c.service, path, "devices")
            assert report.counts() == {"unchanged": 1}
            device = [ch["data"] for ch in await all_changes(sup, api)
                      if ch["entity"] == "device" and ch["data"]["id"] == "861234567000001"][-1]
            assert (device["model"], device["delivered_on"]) == ("EV-07B", "2026-05-05")
            path.write_bytes(b"device_id,name\n1,Mar\xeda\n")
            report = await seed_file(c.service, path, "devices")
            assert report.rows[0].outcome == "refused" and "not UTF-8" in report.rows[0].reason

    asyncio.run(main())


def test_reimport_sets_only_the_files_columns_and_reports_what_changed(tmp_path, db_url):
    """Issue 10's fix: re-importing the devices CSV kept rebuilding her whole record, so the
    order's start date and every field whose column the file lacks were cleared."""
    full = ("device_id", "name", "beneficiary_id", "phone", "address", "aggressor",
            "order_number", "device_model", "delivered_on")

    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url, "supervisora1") as sup:
            api = c.api_url
            first = row(7, beneficiary_id="B-77", address="Calle Uno 1", aggressor="J. P.",
                        order_number="OP-1")
            body = await upload(sup, api, devices_csv([first], full), 200)
            assert body["counts"] == {"imported": 1}
            # Edited in the console: her order's start date and a new phone.
            (r,) = await post_commands(sup, api, {
                "key": key(), "type": "update_beneficiary", "beneficiary_id": "B-77",
                "order_valid_from": "2026-01-10", "phone": "686 555 0199"})
            assert r["outcome"] == "accepted", r

            def stored(changes):
                return [ch["data"] for ch in changes
                        if ch["entity"] == "beneficiary" and ch["data"]["id"] == "B-77"][-1]

            # The same person in a file without the phone, address or order columns.
            body = await upload(sup, api, devices_csv([first], ("device_id", "name", "beneficiary_id")),
                                200)
            assert body["rows"][0]["outcome"] == "unchanged", body
            ben = stored(await all_changes(sup, api))
            assert (ben["phone"], ben["address"], ben["aggressor"], ben["order_number"],
                    ben["order_valid_from"]) == ("686 555 0199", "Calle Uno 1", "J. P.", "OP-1",
                                                 "2026-01-10")
            # A file with a new address and an empty aggressor cell: those two change, and
            # the report names them (the phone column differs too: the file's value wins).
            moved = {**first, "address": "Calle Dos 2", "aggressor": "", "phone": "686 555 0199"}
            body = await upload(sup, api, devices_csv([moved], full), 200)
            (entry,) = body["rows"]
            assert (entry["outcome"], entry["changed"]) == ("updated", ["address", "aggressor"]), body
            ben = stored(await all_changes(sup, api))
            assert (ben["address"], ben["aggressor"], ben["order_valid_from"]) == (
                "Calle Dos 2", "", "2026-01-10")
            # A changed device column is named with its device_ prefix.
            body = await upload(sup, api, devices_csv([{**moved, "device_model": "GL320MG"}], full),
                                200)
            assert body["rows"][0]["changed"] == ["device_model"], body

    asyncio.run(main())
