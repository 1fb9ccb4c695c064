"""GET /recordings bounds its ``limit`` (issue 16 point 20): over the cap is a clear 400
(and an audited refusal), at the cap it answers; on a real central with audio on."""

from __future__ import annotations

import asyncio

from tests.audio.harness import audio_central, client

CAP = 1000  # c4console/central/audio/routes.py: MAX_RECORDINGS_LIMIT


def test_the_recordings_list_limit_is_capped(tmp_path):
    async def main():
        async with audio_central(tmp_path) as c, client(c.api, "supervisora1") as sup:
            url = f"{c.audio_api}/api/v1/recordings"
            async with sup.get(url, params={"limit": str(CAP)}) as r:
                assert r.status == 200 and (await r.json())["recordings"] == []
            for asked in (CAP + 1, 10**12):
                async with sup.get(url, params={"limit": str(asked)}) as r:
                    body = await r.json()
                    assert r.status == 400, body
                    assert f"at most {CAP}" in body["error"]

    asyncio.run(main())
