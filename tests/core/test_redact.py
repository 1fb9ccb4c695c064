"""Log redaction keeps device ids and folios, takes coordinates and numbers out."""

from __future__ import annotations

from c4console.core.redact import redact


def test_coordinates_and_numbers_go_device_ids_folios_and_times_stay():
    line = ("osmand: SOS from device 861234560000042 at 32.624500,-115.452300: panic alarm: "
            "incident C4-20261205-00001; SMS to +52 686 555 0100 and 5216865550123, "
            "686-555-0199, (686) 111-2244 at 2026-12-05 19:58:16 UTC, 3.5 s")
    assert redact(line) == (
        "osmand: SOS from device 861234560000042 at [coord],[coord]: panic alarm: "
        "incident C4-20261205-00001; SMS to [tel] and [tel], "
        "[tel], [tel] at 2026-12-05 19:58:16 UTC, 3.5 s")
