"""The wheel carries its data: built from a clean clone of the committed HEAD, then
installed in fresh virtual environments (no system site-packages, no checkout on the
path) and run from a folder outside the checkout.

One wheel is built for the module; the two installs take packages from the package
index (or pip's cache). The Qt Designer forms (ui/*.ui) are not committed as Python: the
build compiles them into the package.
"""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.gui.screenshot_check import assert_console_with_map
from tests.packaging.outside import outside_env as _outside_env
from tests.packaging.outside import run as _run
from tests.system_tools import require_tools

REPO = Path(__file__).resolve().parents[2]
DATA = "c4console/data"
# One of each kind the installed console and central read at run time.
CARRIED = [
    f"{DATA}/resources/catalogue/incident_types.csv",
    f"{DATA}/resources/cases/access.toml",
    f"{DATA}/resources/institutions/institutions.csv",
    f"{DATA}/maps/mexicali/cuadrantes.geojson",
    f"{DATA}/audio/alarm_new.wav",
    f"{DATA}/resources/map/c4map.js",
    f"{DATA}/resources/translations/c4console_en.qm",
]


@dataclass
class Built:
    """The wheel and the clean clone it was built from."""

    wheel: Path
    source: Path


def _fresh_venv(folder: Path, wheel: Path, extra: str) -> Path:
    """A new venv with ``wheel[extra]`` installed; returns its bin folder."""
    _run([sys.executable, "-m", "venv", folder], env=_outside_env())
    bin_dir = folder / "bin"
    _run([bin_dir / "python", "-m", "pip", "install", "--quiet", f"{wheel}[{extra}]"],
         env=_outside_env(), timeout=900)
    return bin_dir


def _elsewhere(tmp_path: Path) -> Path:
    """A working folder outside the checkout."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    assert not folder.resolve().is_relative_to(REPO)
    return folder


def _assert_runs_the_installed_copy(bin_dir: Path, cwd: Path) -> None:
    where = _run([bin_dir / "python", "-c", "import c4console; print(c4console.__file__)"],
                 cwd=cwd, env=_outside_env()).stdout.strip()
    assert Path(where).is_relative_to(bin_dir.parent), where


def _clean_clone(source: Path) -> Path:
    """A clone of the committed HEAD at ``source``."""
    require_tools("git", package="git")
    head = _run(["git", "-C", REPO, "rev-parse", "HEAD"]).stdout.strip()
    _run(["git", "clone", "--quiet", "--no-checkout", REPO, source])
    _run(["git", "-C", source, "checkout", "--quiet", head])
    return source


def _form_modules(source: Path) -> list[str]:
    """The modules the clone's forms compile to, as package paths."""
    forms = sorted(p.stem for p in (source / "ui").glob("*.ui"))
    assert "login" in forms and "registry" in forms
    return [f"c4console/gui/forms/ui_{name}.py" for name in forms]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """``pip wheel --no-deps`` of a clean clone of HEAD."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = _clean_clone(tmp / "source")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp / "dist", source],
         env=_outside_env(), timeout=600)
    (wheel,) = (tmp / "dist").glob("c4console-*.whl")
    return Built(wheel, source)


def test_the_wheel_carries_the_data_files_themselves(built, tmp_path):
    with zipfile.ZipFile(built.wheel) as whl:
        for name in CARRIED:
            info = whl.getinfo(name)
            assert not stat.S_ISLNK(info.external_attr >> 16), f"{name} is a link"
            # the real file's bytes (the clone reaches it through the symlinks)
            assert whl.read(name) == (built.source / name).read_bytes(), name
        qm = whl.read(f"{DATA}/resources/translations/c4console_en.qm")
    # The committed .qm is the compiled .ts of the same commit.
    fresh = tmp_path / "fresh.qm"
    _run([Path(sys.executable).with_name("pyside6-lrelease"), "-silent",
          built.source / "resources" / "translations" / "c4console_en.ts", "-qm", fresh])
    assert qm == fresh.read_bytes(), "c4console_en.qm is stale: run `make translations` and commit it"


def test_the_wheel_carries_the_forms_compiled_at_build_time(built):
    modules = _form_modules(built.source)
    committed = _run(["git", "-C", built.source, "ls-files", "c4console/gui/forms"]).stdout.split()
    assert committed == ["c4console/gui/forms/__init__.py"], "compiled forms must not be committed"
    with zipfile.ZipFile(built.wheel) as whl:
        names = set(whl.namelist())
        for module in modules:
            assert module in names, f"{module} not built into the wheel"
            assert "Qt User Interface Compiler" in whl.read(module).decode()
        assert not any(n.startswith("ui/") or n.endswith(".ui") for n in names)


@pytest.mark.timeout(600)
def test_an_editable_install_of_a_clean_clone_compiles_the_forms(tmp_path):
    """What `make` does on a fresh clone: the forms exist before the first import."""
    source = _clean_clone(tmp_path / "source")
    modules = _form_modules(source)
    assert not any((source / m).exists() for m in modules)
    _run([sys.executable, "-m", "venv", tmp_path / "venv"], env=_outside_env())
    _run([tmp_path / "venv" / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps",
          "-e", source], env=_outside_env(), timeout=600)
    for module in modules:
        assert (source / module).exists(), f"{module} not compiled by the editable install"


def _wait_ready(proc: subprocess.Popen, ready: Path, log: Path, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready.exists():
            return json.loads(ready.read_text())
        if proc.poll() is not None:
            pytest.fail(f"c4central exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)
    pytest.fail(f"c4central wrote no ready file:\n{log.read_text()[-3000:]}")


@pytest.mark.timeout(900)
def test_the_central_extra_serves_the_demo_without_qt(built, tmp_path):
    bin_dir = _fresh_venv(tmp_path / "venv", built.wheel, "central")
    here = _elsewhere(tmp_path)
    no_qt = subprocess.run([bin_dir / "python", "-c", "import PySide6"], cwd=here, env=_outside_env(),
                           capture_output=True, text=True)
    assert no_qt.returncode != 0 and "No module named 'PySide6'" in no_qt.stderr
    _assert_runs_the_installed_copy(bin_dir, here)

    # --demo with the default jurisdiction: the catalogue, the cuadrantes and the demo
    # CSVs all come from the installed package.
    ready, log = here / "ready.json", here / "central.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [bin_dir / "c4central", "serve", "--db", f"sqlite:///{here / 'central.sqlite'}",
             "--listen", "127.0.0.1:0", "--osmand-listen", "127.0.0.1:0",
             "--ready-file", ready, "--server-id", "from-the-wheel", "--demo"],
            cwd=here, env=_outside_env(), stdout=out, stderr=subprocess.STDOUT)
    try:
        info = _wait_ready(proc, ready, log)
        with urllib.request.urlopen(f"{info['api']}/api/v1/health", timeout=10) as r:
            health = json.load(r)
        assert health["status"] == "ok" and health["server_id"] == "from-the-wheel"
        assert health["head"] > 0  # the demo records were seeded
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert proc.returncode == 0, log.read_text()[-3000:]


@pytest.mark.timeout(900)
def test_the_console_extra_runs_the_demo_and_shows_the_map(built, tmp_path, qapp):
    bin_dir = _fresh_venv(tmp_path / "venv", built.wheel, "console")
    here = _elsewhere(tmp_path)
    _assert_runs_the_installed_copy(bin_dir, here)
    # The English .qm is found in the installed package.
    english = _run([bin_dir / "python", "-c",
                    "from PySide6.QtCore import QCoreApplication as A\n"
                    "from c4console.gui.shell.translations import install_language\n"
                    "app = A([]); install_language(app, 'en')\n"
                    "print(A.translate('Labels', 'Nueva'))"], cwd=here, env=_outside_env()).stdout
    assert english.strip() == "New"

    shot = here / "shot.png"
    proc = subprocess.run(
        [bin_dir / "c4console", "--demo", "--data-dir", here / "data", "--screenshot", shot,
         "--exit-after", "15", "--alarm-every", "2"],
        cwd=here, env=_outside_env(QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
        timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "screenshot" in proc.stderr and "saved" in proc.stderr
    assert "map page ready" in proc.stderr and "map unavailable" not in proc.stderr
    assert_console_with_map(shot)
