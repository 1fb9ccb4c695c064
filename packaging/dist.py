"""``make dist``: the PyInstaller one-folder bundles of the console and of the central,
then (on Debian) their .deb packages.

    python packaging/dist.py [--out dist] [--work build/pyinstaller] [--no-debs]

Writes ``OUT/bundles/c4console/``, ``OUT/bundles/c4central/`` and, unless
``--no-debs`` or not on a dpkg system, ``OUT/c4console_VERSION_ARCH.deb`` and
``OUT/c4central_VERSION_ARCH.deb``. Runs PyInstaller with this Python (install the
``dist`` extra). The specs are ``packaging/pyinstaller/*.spec``; a Windows build
uses the same specs (docs/windows.md).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO / "packaging" / "pyinstaller"
BUNDLES = ("c4console", "c4central")


def bundle(name: str, bundles: Path, work: Path) -> Path:
    """Run PyInstaller on ``NAME.spec``; return the bundle's folder."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(bundles), "--workpath", str(work), str(SPECS / f"{name}.spec")],
                   check=True, cwd=REPO)
    return bundles / name


def _commit_time() -> float:
    """The date the packages carry (changelog, AppStream release): the commit's, so two
    builds of one commit are alike; now outside a git checkout."""
    proc = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
                          capture_output=True, text=True)
    return float(proc.stdout.strip()) if proc.returncode == 0 and proc.stdout.strip() else time.time()


def main(argv: list[str] | None = None) -> int:
    """Build the bundles and the packages; print what was made and how long each took."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=REPO / "dist")
    p.add_argument("--work", type=Path, default=REPO / "build" / "pyinstaller",
                   help="PyInstaller's work folder (kept between builds)")
    p.add_argument("--no-debs", action="store_true", help="the bundles only")
    args = p.parse_args(argv)
    out, work = args.out.resolve(), args.work.resolve()
    bundles = out / "bundles"
    # The Qt Designer forms are compiled at build time, not committed: a clean clone has
    # none until this (c4console/gui/forms_build.py, loaded by path: this checkout's).
    subprocess.run([sys.executable, str(REPO / "c4console" / "gui" / "forms_build.py")],
                   check=True, cwd=REPO)
    for name in BUNDLES:
        started = time.monotonic()
        print(f"dist: {bundle(name, bundles, work)} ({time.monotonic() - started:.0f} s)", flush=True)
    if args.no_debs:
        return 0
    if shutil.which("dpkg-deb") is None:
        print("dist: no dpkg-deb here: bundles only", file=sys.stderr)
        return 0
    sys.path.insert(0, str(REPO / "packaging" / "debian"))
    import build_debs

    started = time.monotonic()
    status = build_debs.main([str(bundles), str(out), "--date", str(_commit_time())])
    print(f"dist: .deb packages in {out} ({time.monotonic() - started:.0f} s)")
    return status


if __name__ == "__main__":
    sys.exit(main())
