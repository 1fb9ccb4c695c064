"""Build the interface translations: ``python -m c4console.gui.i18n_build [--update]``.

Without options it compiles ``resources/translations/*.ts`` to ``.qm`` with
pyside6-lrelease (``make`` does this). ``--update`` first re-extracts the
strings from the GUI sources and the Qt Designer forms (``ui/*.ui``) with
pyside6-lupdate, keeping existing translations.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from c4console.gui.forms_build import FORMS, MODULE_PREFIX, MODULES
from c4console.gui.shell.translations import TRANSLATIONS

# The GUI sources beside this file (``--update`` is for a checkout: it rewrites the
# .ts files in resources/translations, which the packaged data link to).
GUI = Path(__file__).resolve().parent


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def sources() -> list[str]:
    """What lupdate reads: the GUI's Python and the .ui forms themselves — not the
    modules compiled from the forms, whose strings are the forms' (same context)."""
    code = [p for p in GUI.rglob("*.py")
            if not (p.parent == MODULES and p.name.startswith(MODULE_PREFIX))]
    return sorted(str(p) for p in (*code, *FORMS.glob("*.ui")))


def update() -> None:
    """Re-extract translatable strings into every .ts file."""
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        subprocess.run([_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-ts", str(ts)],
                       check=True)


def compile_all() -> int:
    """Compile every .ts file to .qm; returns how many."""
    n = 0
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm",
                        str(ts.with_suffix(".qm"))], check=True)
        n += 1
    return n


def main() -> None:
    """Command line."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--update", action="store_true", help="re-extract strings first")
    a = p.parse_args()
    if a.update:
        update()
    print(f"translations: {compile_all()} compiled in {TRANSLATIONS}")


if __name__ == "__main__":
    main()
