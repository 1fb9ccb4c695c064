"""`c4console --demo --screenshot FILE --exit-after N`: the headless support command."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.gui.screenshot_check import assert_console_with_map


def _run_demo(cwd, data_args: list[str], shot, home=None) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if home is not None:
        env["HOME"] = str(home)
        env.pop("XDG_DATA_HOME", None)
    proc = subprocess.run(
        [sys.executable, "-m", "c4console", "--demo", *data_args,
         "--screenshot", str(shot), "--exit-after", "15", "--alarm-every", "2"],
        env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    log = proc.stderr
    # The map really loaded (the screenshot's colours alone would not tell a failed map).
    assert "map page ready" in log and "map unavailable" not in log, log[-3000:]
    assert "screenshot" in log and "saved" in log
    assert_console_with_map(shot)
    return log


@pytest.mark.parametrize("folder", ["datos de prueba/consola ñandú", "default"])
def test_the_map_loads_from_a_relative_accented_data_folder_and_the_default_one(qapp, tmp_path,
                                                                                folder):
    """``make demo`` passes a relative folder (var/demo); a newcomer may have spaces and
    accents in it, or run with none at all: the map must load in each."""
    if folder == "default":
        _run_demo(tmp_path, [], tmp_path / "shot.png", home=tmp_path / "home")
        assert (tmp_path / "home" / ".local" / "share" / "c4console" / "map" / "c4map.html").exists()
    else:
        _run_demo(tmp_path, ["--data-dir", folder], tmp_path / "shot.png")
        assert (tmp_path / folder / "map" / "c4map.html").exists()


def test_demo_screenshot_shows_queue_map_and_units(qapp, tmp_path):
    shot = tmp_path / "shot.png"
    _run_demo(tmp_path, ["--data-dir", str(tmp_path / "data")], shot)
    # the cache the console kept holds what the screenshot showed
    from c4console.demo.accounts import DEMO_OPERATOR, DEMO_PASSWORD
    from c4console.store.cache import LocalCache
    from tests.cache_files import key_for_login

    path = tmp_path / "data" / "cache.sqlite"
    cache = LocalCache(path, key_for_login(path, DEMO_OPERATOR, DEMO_PASSWORD))
    assert cache.count("unit") >= 12
    incidents = cache.load("incident")
    assert any(i.channel.value == "panic_button" for i in incidents.values())
    cache.close()
