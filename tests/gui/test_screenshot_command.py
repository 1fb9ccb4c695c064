"""`c4console --demo --screenshot FILE --exit-after N`: the headless support command."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.gui.screenshot_check import assert_console_with_map


def test_demo_screenshot_shows_queue_map_and_units(qapp, tmp_path):
    shot = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "c4console", "--demo", "--data-dir", str(tmp_path / "data"),
         "--screenshot", str(shot), "--exit-after", "15", "--alarm-every", "2"],
        env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert_console_with_map(shot)
    log = proc.stderr
    assert "screenshot" in log and "saved" in log
    # the cache the console kept holds what the screenshot showed
    from c4console.store.cache import LocalCache

    cache = LocalCache(tmp_path / "data" / "cache.sqlite")
    assert cache.count("unit") >= 12
    incidents = cache.load("incident")
    assert any(i.channel.value == "panic_button" for i in incidents.values())
    cache.close()
