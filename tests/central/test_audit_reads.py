"""Reads of sensitive data are audited, over real HTTP on SQLite and PostgreSQL: the audit log,
security events, incidents (the list and one asked for by id), devices (her last position),
the recordings list and the audio sessions — each with who, role, workstation, the filters,
the outcome and the count returned; refusals and bad queries too. The change feed and the
units are not."""

from __future__ import annotations

import asyncio

from c4console.central.audio.manager import AudioConfig
from tests.central.helpers import client, get_json, new_incident, running_central
from tests.central.test_audit import desk

SUP = {"X-C4-Workstation": "C4-SUP-01"}


async def _entries_of(api: str, actor: str) -> list[dict]:
    """The audit entries of ``actor``, oldest first (read by admin1, so the reading itself is
    recorded as admin1's, not mixed into the list)."""
    async with client(api, "admin1") as s:
        body = await get_json(s, f"{api}/api/v1/audit?actor={actor}&limit=5000")
    return list(reversed(body["entries"]))


def test_sensitive_reads_are_audited_with_filters_outcome_and_count(tmp_path, db_url):
    async def main():
        audio = AudioConfig(recordings=tmp_path / "recordings")
        async with running_central(tmp_path, db_url, audio=audio) as c:
            api = c.api_url
            async with desk(api, "operadora1") as op:
                iid = await new_incident(op, api)
                await get_json(op, f"{api}/api/v1/security-events?since=0", status=403)
                await get_json(op, f"{api}/api/v1/incidents?status=bogus", status=400)

            async with client(api, "supervisora1") as s:
                s.headers.update(SUP)  # what the console sends
                before = len(await _entries_of(api, "supervisora1"))  # its login
                audit_rows = (await get_json(s, f"{api}/api/v1/audit?actor=operadora1&limit=2"))["entries"]
                await get_json(s, f"{api}/api/v1/audit?since=yesterday", status=400)
                events = (await get_json(s, f"{api}/api/v1/security-events?since=0&limit=50"))["events"]
                opened = (await get_json(s, f"{api}/api/v1/incidents?status=open"))["incidents"]
                await get_json(s, f"{api}/api/v1/incidents/{iid}")
                await get_json(s, f"{api}/api/v1/incidents/no-such-incident", status=404)
                devices = (await get_json(s, f"{api}/api/v1/devices"))["devices"]
                recordings = (await get_json(s, f"{api}/api/v1/recordings?limit=10"))["recordings"]
                sessions = (await get_json(s, f"{api}/api/v1/audio-sessions?status=all"))["sessions"]
                await get_json(s, f"{api}/api/v1/audio-sessions/no-such-session", status=404)
                # Routine sync and the patrols are not audited.
                await get_json(s, f"{api}/api/v1/changes?since=0")
                await get_json(s, f"{api}/api/v1/units")
                await get_json(s, f"{api}/api/v1/health")

            reads = (await _entries_of(api, "supervisora1"))[before:]
            got = [(e["action"], e["outcome"], e["detail"].get("count")) for e in reads]
            assert got == [
                ("audit.read", "accepted", len(audit_rows)),
                ("audit.read", "refused", None),
                ("security_events.read", "accepted", len(events)),
                ("incidents.read", "accepted", len(opened)),
                ("incident.read", "accepted", 1),
                ("incident.read", "not_found", 0),
                ("devices.read", "accepted", len(devices)),
                ("recordings.list", "accepted", len(recordings)),
                ("audio_sessions.read", "accepted", len(sessions)),
                ("audio_session.read", "not_found", None),
            ], got
            assert len(audit_rows) == 2 and len(opened) >= 1 and len(devices) >= 1
            assert all((e["role"], e["workstation"], e["source"]) == ("supervisor", "C4-SUP-01", "127.0.0.1")
                       for e in reads), reads
            # What was asked for: the filters as sent.
            by_action = {(e["action"], e["outcome"]): e for e in reads}
            assert by_action[("audit.read", "accepted")]["detail"]["query"] == {"actor": "operadora1",
                                                                                "limit": "2"}
            refused = by_action[("audit.read", "refused")]["detail"]
            assert refused["reason"] == "bad_query" and "since" in refused["error"]
            assert by_action[("security_events.read", "accepted")]["detail"]["query"] == {
                "since": "0", "limit": "50"}
            assert by_action[("incidents.read", "accepted")]["detail"]["query"] == {"status": "open"}
            one = by_action[("incident.read", "accepted")]
            assert one["incident_id"] == iid and one["target"] == {"incident_id": iid}
            assert by_action[("incident.read", "not_found")]["target"] == {"incident_id": "no-such-incident"}
            assert by_action[("audio_sessions.read", "accepted")]["detail"]["query"] == {"status": "all"}
            assert by_action[("audio_session.read", "not_found")]["target"] == {
                "session_id": "no-such-session"}

            # Who read this incident: the supervisor's read is on the incident's own trail.
            async with client(api, "admin1") as s:
                trail = (await get_json(s, f"{api}/api/v1/audit?incident={iid}"))["entries"]
            assert [(e["action"], e["actor"]) for e in reversed(trail)] == [
                ("command.create_incident", "operadora1"), ("incident.read", "supervisora1")]

            # The operator's refused and bad reads, from her workstation.
            mine = [e for e in await _entries_of(api, "operadora1") if e["action"].endswith(".read")]
            assert [(e["action"], e["outcome"], e["detail"].get("reason")) for e in mine] == [
                ("security_events.read", "refused", "forbidden"),
                ("incidents.read", "refused", "bad_query")], mine
            assert mine[0]["detail"]["query"] == {"since": "0"}
            assert all(e["workstation"] == "C4-OP-07" and e["role"] == "operator" for e in mine)

    asyncio.run(main())
