"""The replay endpoints on a real central: the verified WAV for supervisors and admins,
403 for the other roles, 409 with the reason for a tampered recording; bookmarks as
commands that only supervisors and admins may send, landing on the incident's timeline."""

from __future__ import annotations

import asyncio

import numpy as np

from c4console.central.audio.wav import read_pcm
from tests.audio import rtp_sender
from tests.audio.harness import (
    AudioCentral,
    audio_central,
    client,
    open_session,
    registered,
    until_taken_in,
)
from tests.central.helpers import PANIC_DEVICE, all_changes, key, post_commands


async def _record(c, s, seconds: float = 1.6) -> dict:
    sess = await open_session(s, c.audio_api, PANIC_DEVICE, "PCMU")
    n = int(8000 * seconds)
    tone = (np.sin(2 * np.pi * 440 * np.arange(n) / 8000) * 9000).astype(np.int16)
    sent = await asyncio.to_thread(rtp_sender.send, tone, sess["udp_port"], "PCMU", pace=4.0)
    await until_taken_in(c, sess["session_id"], sent)
    await c.manager.end(sess["session_id"], "test")
    return sess


def test_replay_routes_roles_audio_verification_and_tampering(tmp_path):
    async def main():
        async with audio_central(tmp_path) as c, client(c.api) as op, \
                client(c.api, "supervisora1") as sup, client(c.api, "admin1") as adm, \
                client(c.api, "jefe1") as lead:
            sess = await _record(c, op)
            sid = sess["session_id"]
            base = f"{c.audio_api}/api/v1/recordings/{sid}"
            for who in (op, lead):
                for what in ("audio", "verification", "manifest"):
                    async with who.get(f"{base}/{what}") as r:
                        assert r.status == 403, what
                        assert (await r.json())["reason"] == "forbidden"
            async with sup.get(f"{base}/verification") as r:
                report = await r.json()
                assert r.status == 200 and report["ok"] is True, report
                assert "VERIFIED" in report["text"]
            for who in (sup, adm):
                async with who.get(f"{base}/audio") as r:
                    assert r.status == 200 and r.headers["X-C4-Verified"] == "ok"
                    assert r.content_type == "audio/wav"
                    pcm, rate = read_pcm(await r.read())
                assert rate == 8000 and abs(len(pcm) - 12800) <= 480
            async with sup.get(f"{base}/manifest") as r:
                first = (await r.read()).split(b"\n")[0]
                assert r.status == 200 and b"session" in first and sid.encode() in first
            async with sup.get(f"{c.audio_api}/api/v1/recordings/nope/audio") as r:
                assert r.status == 404

            seg = c.recordings / (await c.manager.row(sid))["folder"] / "seg-000002.wav"
            data = bytearray(seg.read_bytes())
            data[500] ^= 0x01
            seg.write_bytes(bytes(data))
            async with sup.get(f"{base}/audio") as r:
                body = await r.json()
                assert r.status == 409, body
                assert body["reason"] == "verification_failed"
                assert "seg-000002.wav" in body["error"] and "SHA-256" in body["error"]
                assert body["verification"]["ok"] is False
            async with sup.get(f"{base}/verification") as r:
                report = await r.json()
                assert r.status == 200 and report["ok"] is False and "FAILED" in report["text"]

    asyncio.run(main())


def test_bookmarks_are_for_supervisors_and_land_on_the_timeline(tmp_path):
    async def main():
        async with audio_central(tmp_path) as c, client(c.api) as op, \
                client(c.api, "supervisora1") as sup:
            sess = await open_session(op, c.audio_api, PANIC_DEVICE, "PCMU")
            await c.manager.end(sess["session_id"], "test")
            mark = {"type": "add_bookmark", "incident_id": sess["incident_id"],
                    "session_id": sess["session_id"], "offset_s": 12.5, "text": "se oye un golpe"}
            refused = await post_commands(op, c.api, {"key": key(), **mark})
            assert refused[0]["outcome"] == "rejected" and refused[0]["reason"] == "forbidden"
            negative = await post_commands(sup, c.api, {"key": key(), **mark, "offset_s": -1})
            assert negative[0]["outcome"] == "rejected" and negative[0]["reason"] == "bad_command"
            done = await post_commands(sup, c.api, {"key": key(), **mark})
            assert done[0]["outcome"] == "accepted", done
            changes = await all_changes(op, c.api)
            events = [ch["data"] for ch in changes if ch["entity"] == "event"
                      and ch["data"].get("kind") == "bookmark"]
            assert len(events) == 1
            ev = events[0]
            assert ev["incident_id"] == sess["incident_id"] and ev["text"] == "se oye un golpe"
            assert ev["actor"] == "supervisora1"
            assert ev["data"] == {"session_id": sess["session_id"], "offset_s": 12.5}

    asyncio.run(main())


def test_replays_verifications_and_exports_are_audited(tmp_path):
    from c4console.central.audio.manager import AudioConfig
    from tests.central.helpers import GATEWAY_ACCOUNT, TEST_ACCOUNTS, get_json, running_central

    async def main():
        audio = AudioConfig(recordings=tmp_path / "recordings")
        async with running_central(tmp_path, audio=audio,
                                   accounts=[*TEST_ACCOUNTS, GATEWAY_ACCOUNT]) as central:
            api = central.api_url
            c = AudioCentral(api, central.osmand_url, api, central.audio, audio.recordings,
                             "", central)
            with registered(c):
                await _audited(c, api)

    async def _audited(c: AudioCentral, api: str) -> None:
        async with client(api) as op, client(api, "supervisora1") as sup:
            sess = await _record(c, op, seconds=0.6)
            base = f"{api}/api/v1/recordings/{sess['session_id']}"
            async with op.get(f"{base}/audio") as r:
                assert r.status == 403
            async with sup.get(f"{base}/audio") as r:
                assert r.status == 200
            async with sup.get(f"{base}/verification?purpose=export") as r:
                assert r.status == 200
            async with sup.get(f"{base}/manifest") as r:
                assert r.status == 200

            async def entries():
                body = await get_json(sup, f"{api}/api/v1/audit?limit=5000")
                return [(e["actor"], e["action"], e["outcome"]) for e in reversed(body["entries"])
                        if e["action"].startswith("recordings.")]

            expected = [("operadora1", "recordings.replay", "refused"),
                        ("supervisora1", "recordings.replay", "accepted"),
                        ("supervisora1", "recordings.export", "verified"),
                        ("supervisora1", "recordings.manifest", "accepted")]
            deadline = asyncio.get_running_loop().time() + 60
            while await entries() != expected and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.05)  # the audit log is written from a queue
            assert await entries() == expected

    asyncio.run(main())
