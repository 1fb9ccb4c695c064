"""Compile the Qt Designer forms: ``python -m c4console.gui.forms_build [--force]``.

Each ``ui/<name>.ui`` of a checkout becomes ``c4console/gui/forms/ui_<name>.py`` with
pyside6-uic, when the module is missing or older than its form. The modules are built,
not committed: ``make`` runs this, and so does the wheel build (setup.py's build_py)
and the test session. Only the standard library here: setup.py loads this file by
path, before the package's dependencies are installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "ui"  # the .ui files (Qt Designer)
MODULES = Path(__file__).resolve().parent / "forms"  # what they compile to

# The form's module: ui/login.ui → ui_login.py, class Ui_<the form's top widget name>.
MODULE_PREFIX = "ui_"


def module_for(form: Path, modules: Path = MODULES) -> Path:
    """The Python module a .ui file compiles to."""
    return modules / f"{MODULE_PREFIX}{form.stem}.py"


def _uic() -> list[str]:
    """The pyside6-uic command: beside this Python (a venv), on PATH (pip's isolated
    build puts its scripts there), or through PySide6 itself."""
    beside = Path(sys.executable).with_name("pyside6-uic")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    return [sys.executable, "-c",
            "import sys; from PySide6.scripts.pyside_tool import uic; sys.exit(uic())"]


def stale(forms: Path = FORMS, modules: Path = MODULES) -> list[Path]:
    """The .ui files whose module is missing or older than the form."""
    out = []
    for form in sorted(forms.glob("*.ui")):
        target = module_for(form, modules)
        if not target.exists() or target.stat().st_mtime < form.stat().st_mtime:
            out.append(form)
    return out


def build(forms: Path = FORMS, modules: Path = MODULES, *, force: bool = False) -> list[Path]:
    """Compile the stale forms (every form with ``force``); returns the modules written.

    ``-a``: no connectSlotsByName — the dialog classes connect their signals themselves.
    """
    todo = sorted(forms.glob("*.ui")) if force else stale(forms, modules)
    written = []
    for form in todo:
        target = module_for(form, modules)
        proc = subprocess.run([*_uic(), "-a", str(form), "-o", str(target)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"pyside6-uic failed on {form}:\n{proc.stdout}{proc.stderr}")
        written.append(target)
    return written


def main() -> None:
    """Command line."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--force", action="store_true", help="compile every form, not only the stale")
    a = p.parse_args()
    if not FORMS.is_dir():
        raise SystemExit(f"no forms folder at {FORMS}: run this in a checkout")
    written = build(force=a.force)
    print(f"forms: {len(written)} compiled into {MODULES}")


if __name__ == "__main__":
    main()
