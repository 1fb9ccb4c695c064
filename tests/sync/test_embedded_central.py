"""The embedded central outside the demo: it is given a jurisdiction explicitly (the central
refuses to start without one) and stops gracefully when the console stops it."""

from __future__ import annotations

import asyncio
import json
import urllib.request

from c4console.platform_support import is_windows
from c4console.resources import DEFAULT_JURISDICTION
from c4console.sync.processes import EmbeddedCentral
from tests.central.helpers import TEST_PASSWORD, CentralAccess, password_file


def _jurisdiction_of(access: CentralAccess) -> dict:
    request = urllib.request.Request(f"{access.api}/api/v1/jurisdiction", headers=access.headers())
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.load(r)


def test_a_console_without_a_jurisdiction_passes_the_sample_explicitly_and_stops_it_gracefully(tmp_path):
    secret = password_file(tmp_path / "secrets", TEST_PASSWORD)
    central = EmbeddedCentral(tmp_path / "central", bootstrap_user="operadora1",
                              bootstrap_password_file=secret)
    assert central.args[central.args.index("--jurisdiction") + 1] == str(DEFAULT_JURISDICTION)
    endpoints = asyncio.run(central.start_and_wait())
    try:
        access = CentralAccess(endpoints.api, endpoints.osmand, endpoints.pid, "operadora1",
                               TEST_PASSWORD, secret)
        served = _jurisdiction_of(access)
        assert served == json.loads(DEFAULT_JURISDICTION.read_text(encoding="utf-8"))
    finally:
        central.stop()
    assert central.proc is not None and central.proc.returncode == 0
    log = central.log_path.read_text()
    # How the console asks (c4console.platform_support): SIGTERM, on Windows the end of its input.
    asked = "end of input received" if is_windows() else "SIGTERM received"
    assert asked in log and "stopped" in log, log[-3000:]
    assert not central.ready_file.exists()


def test_a_console_given_a_jurisdiction_passes_it(tmp_path):
    mine = tmp_path / "cuadrantes de la C4.geojson"
    mine.write_text(DEFAULT_JURISDICTION.read_text(encoding="utf-8"), encoding="utf-8")
    for demo in (False, True):
        central = EmbeddedCentral(tmp_path / "central", demo=demo, jurisdiction=mine)
        assert central.args[central.args.index("--jurisdiction") + 1] == str(mine)
    assert "--jurisdiction" not in EmbeddedCentral(tmp_path / "demo", demo=True).args
