"""The .deb packages of ``make dist``: built from a clean clone of the committed HEAD
(packaging/dist.py: PyInstaller bundles, then dpkg-deb), checked with lintian,
extracted with ``dpkg-deb -x`` into a temporary folder, and run from there: the
frozen console shows the demo on its map, the frozen central migrates and serves.

Cold, this module took 6.5 minutes on 2 cores (the build ~4, lintian ~2, the runs
under 1) and 10 minutes with the cores shared with other work. The build is kept in
``var/dist-cache/<HEAD>/`` (the newest HEAD only) and reused, with lintian's verdict,
by the next run of the same commit: then the module takes about 45 s.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.gui.screenshot_check import assert_console_with_map
from tests.packaging.outside import outside_env, run
from tests.system_tools import require_tools

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / "var" / "dist-cache"
COMPLETE = "complete"  # written last: a build that was cut short is not reused
BUILD_TIMEOUT_S = 1800
CENTRAL_TOML = "etc/c4central/c4central.toml"
# One of each kind of file the frozen programs read at run time, relative to the bundle.
BUNDLED = [
    "_internal/c4console/data/resources/catalogue/incident_types.csv",
    "_internal/c4console/data/resources/cases/access.toml",
    "_internal/c4console/data/resources/demo",
    "_internal/c4console/data/maps/mexicali/cuadrantes.geojson",
    "_internal/c4console/central/migrations/env.py",
]
CONSOLE_ONLY = [
    "_internal/c4console/data/audio/alarm_new.wav",
    "_internal/c4console/data/resources/map/c4map.js",
    "_internal/c4console/data/resources/translations/c4console_en.qm",
    "_internal/c4console/store/migrations/env.py",
    "_internal/xstatic/pkg/leaflet/data/leaflet.js",
    "_internal/PySide6/Qt/libexec/QtWebEngineProcess",
    "_internal/PySide6/Qt/resources/qtwebengine_resources.pak",
    "_internal/PySide6/Qt/translations/qtwebengine_locales/es-419.pak",
    "_internal/PySide6/Qt/translations/qtbase_es.qm",
]


@dataclass
class Built:
    """The packages of one commit."""

    folder: Path
    console: Path
    central: Path


def _head() -> str:
    return run(["git", "-C", REPO, "rev-parse", "HEAD"]).stdout.strip()


def _build(folder: Path, tmp: Path) -> None:
    """``packaging/dist.py`` on a clean clone of HEAD, into ``folder``."""
    source = tmp / "source"
    run(["git", "clone", "--quiet", "--no-checkout", REPO, source])
    run(["git", "-C", source, "checkout", "--quiet", folder.name])
    started = time.monotonic()
    # PYTHONPATH: the clone's package, not the checkout's (an editable install).
    run([sys.executable, source / "packaging" / "dist.py", "--out", folder, "--work", CACHE / "work"],
        env={**outside_env(), "PYTHONPATH": str(source)}, timeout=BUILD_TIMEOUT_S)
    (folder / COMPLETE).write_text(f"{time.monotonic() - started:.0f} s\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """The packages of HEAD, built now or reused from var/dist-cache/HEAD."""
    require_tools("git", package="git")
    require_tools("dpkg-deb", "dpkg-shlibdeps", package="dpkg-dev")
    folder = CACHE / _head()
    if not (folder / COMPLETE).exists():
        for old in CACHE.glob("*"):  # a build is ~1 GB: keep the newest commit's only
            if old.name != "work":
                shutil.rmtree(old)
        folder.mkdir(parents=True)
        _build(folder, tmp_path_factory.mktemp("dist"))
    (console,) = folder.glob("c4console_*.deb")
    (central,) = folder.glob("c4central_*.deb")
    return Built(folder, console, central)


@pytest.fixture(scope="module")
def console_root(built, tmp_path_factory) -> Path:
    """The console package extracted with ``dpkg-deb -x``."""
    return _extract(built.console, tmp_path_factory.mktemp("c4console") / "root")


@pytest.fixture(scope="module")
def central_root(built, tmp_path_factory) -> Path:
    """The central package extracted with ``dpkg-deb -x``."""
    return _extract(built.central, tmp_path_factory.mktemp("c4central") / "root")


def _lintian(deb: Path) -> subprocess.Popen:
    return subprocess.Popen(["lintian", "--fail-on", "error", "--tag-display-limit", "0", str(deb)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _extract(deb: Path, root: Path) -> Path:
    run(["dpkg-deb", "-x", deb, root])
    return root


def _control(deb: Path, tmp: Path) -> Path:
    folder = tmp / f"{deb.stem}-control"
    run(["dpkg-deb", "-e", deb, folder])
    return folder


@pytest.mark.timeout(BUILD_TIMEOUT_S + 600)
def test_lintian_finds_no_error_in_either_package(built):
    require_tools("lintian", package="lintian")
    verdicts = {}
    for deb in (built.console, built.central):
        cached = built.folder / f"{deb.name}.lintian"  # the same .deb: the same verdict
        if cached.exists():
            verdicts[deb.name] = json.loads(cached.read_text())
    running = {deb.name: _lintian(deb) for deb in (built.console, built.central)
               if deb.name not in verdicts}
    for name, proc in running.items():  # both at once: 2 cores
        output, _ = proc.communicate(timeout=900)
        verdicts[name] = {"status": proc.returncode, "output": output}
        if proc.returncode == 0:
            (built.folder / f"{name}.lintian").write_text(json.dumps(verdicts[name]))
    for name, verdict in verdicts.items():
        errors = [line for line in verdict["output"].splitlines() if line.startswith("E:")]
        assert verdict["status"] == 0 and not errors, f"{name}:\n{verdict['output'][-4000:]}"


@pytest.mark.timeout(BUILD_TIMEOUT_S + 300)
def test_the_console_package_installs_a_launcher_and_its_menu_entry(console_root):
    require_tools("desktop-file-validate", package="desktop-file-utils")
    require_tools("appstreamcli", package="appstream")
    root = console_root
    launcher = root / "usr" / "bin" / "c4console"
    assert launcher.is_symlink() and not Path(os.readlink(launcher)).is_absolute()
    assert launcher.resolve() == (root / "usr" / "lib" / "c4console" / "c4console").resolve()
    assert os.access(launcher.resolve(), os.X_OK)
    desktop = root / "usr" / "share" / "applications" / "org.c4console.console.desktop"
    run(["desktop-file-validate", desktop])
    assert "Exec=c4console" in desktop.read_text() and "Icon=c4console" in desktop.read_text()
    assert (root / "usr/share/icons/hicolor/scalable/apps/c4console.svg").is_file()
    assert (root / "usr/share/icons/hicolor/256x256/apps/c4console.png").is_file()
    metainfo = root / "usr" / "share" / "metainfo" / "org.c4console.console.metainfo.xml"
    run(["appstreamcli", "validate", "--no-net", "--strict", metainfo])
    assert not re.search(r"@[A-Z]+@", metainfo.read_text())  # every @FIELD@ filled in
    bundle = root / "usr" / "lib" / "c4console"
    for name in BUNDLED + CONSOLE_ONLY:
        assert (bundle / name).exists(), name
    # the real files, not the checkout's symlinks
    assert not (bundle / "_internal/c4console/data/resources").is_symlink()
    catalogue = REPO / "resources" / "catalogue" / "incident_types.csv"
    assert (bundle / BUNDLED[0]).read_bytes() == catalogue.read_bytes()


@pytest.mark.timeout(BUILD_TIMEOUT_S + 300)
def test_the_frozen_console_runs_the_demo_and_shows_the_map(console_root, tmp_path):
    root = console_root
    here = tmp_path / "elsewhere"
    here.mkdir()
    shot = here / "shot.png"
    started = time.monotonic()
    proc = subprocess.run(
        [root / "usr" / "bin" / "c4console", "--demo", "--data-dir", here / "data", "--screenshot", shot,
         "--exit-after", "15", "--alarm-every", "2"],
        cwd=here, env=outside_env(QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
        timeout=180)
    log = proc.stderr
    assert proc.returncode == 0, log[-3000:]
    assert "screenshot" in log and "saved" in log
    assert "map page ready" in log and "map unavailable" not in log, log[-3000:]
    assert_console_with_map(shot)
    # Its children were the bundle itself (c4console -m …): the central served the demo
    # and the simulator sent alarms.
    assert "embedded central at http://127.0.0.1:" in log
    simulator = (here / "data" / "logs" / "simulator.log").read_text()
    assert "alarms" in simulator and "Traceback" not in simulator, simulator[-2000:]
    assert time.monotonic() - started < 120


@pytest.mark.timeout(BUILD_TIMEOUT_S + 300)
def test_the_central_package_has_its_service_settings_and_scripts(built, central_root, tmp_path):
    root = central_root
    control = _control(built.central, tmp_path)
    assert (control / "conffiles").read_text().split() == [f"/{CENTRAL_TOML}"]
    assert (root / CENTRAL_TOML).stat().st_mode & 0o777 == 0o640
    for script in ("postinst", "prerm", "postrm"):
        assert os.access(control / script, os.X_OK), script
    fields = (control / "control").read_text()
    assert "adduser" in fields and "libc6" in fields  # postinst's adduser; the bundle's libraries
    unit = root / "lib" / "systemd" / "system" / "c4central.service"
    assert "ExecStart=/usr/bin/c4central serve --config /etc/c4central/c4central.toml" in unit.read_text()
    # systemd's own check of the unit (keys, sections, the program is executable), with
    # the program where this test extracted it.
    require_tools("systemd-analyze", package="systemd")
    here = tmp_path / "c4central.service"
    here.write_text(unit.read_text().replace("/usr/bin/c4central", str(root / "usr/bin/c4central")))
    verified = subprocess.run(["systemd-analyze", "verify", str(here)], capture_output=True, text=True)
    assert verified.returncode == 0 and not verified.stderr.strip(), verified.stderr
    launcher = root / "usr" / "bin" / "c4central"
    assert launcher.resolve() == (root / "usr" / "lib" / "c4central" / "c4central").resolve()
    bundle = root / "usr" / "lib" / "c4central"
    for name in BUNDLED:
        assert (bundle / name).exists(), name
    assert not (bundle / "_internal" / "PySide6").exists()  # the central has no Qt


def _wait_ready(proc: subprocess.Popen, ready: Path, log: Path, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready.exists():
            return json.loads(ready.read_text())
        if proc.poll() is not None:
            pytest.fail(f"c4central exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)
    pytest.fail(f"c4central wrote no ready file:\n{log.read_text()[-3000:]}")


@pytest.mark.timeout(BUILD_TIMEOUT_S + 300)
def test_the_frozen_central_migrates_and_serves_with_the_shipped_settings(central_root, tmp_path):
    root = central_root
    central = root / "usr" / "bin" / "c4central"
    here = tmp_path / "state"
    here.mkdir()
    db = f"sqlite:///{here / 'central.sqlite'}"
    migrated = run([central, "migrate", "--db", db], cwd=here, env=outside_env())
    assert "at revision" in migrated.stderr

    # The shipped settings file, with the database and ports given as options (they win
    # over the file), as the service would run it but in this folder.
    ready, log = here / "ready.json", here / "central.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [central, "serve", "--config", root / CENTRAL_TOML, "--db", db,
             "--recordings", here / "recordings", "--listen", "127.0.0.1:0",
             "--osmand-listen", "127.0.0.1:0", "--ready-file", ready, "--server-id", "from-the-deb",
             "--demo"],
            cwd=here, env=outside_env(), stdout=out, stderr=subprocess.STDOUT)
    try:
        info = _wait_ready(proc, ready, log)
        with urllib.request.urlopen(f"{info['api']}/api/v1/health", timeout=10) as r:
            health = json.load(r)
        assert health["status"] == "ok" and health["server_id"] == "from-the-deb"
        assert health["head"] > 0  # the demo records were seeded from the bundle's data
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert proc.returncode == 0, log.read_text()[-3000:]
