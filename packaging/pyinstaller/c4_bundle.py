"""What both spec files share: where the repository is, and the data files a bundle carries.

The same specs build on Linux and on Windows, so nothing here names a platform's
paths. The data files are the package data of ``pyproject.toml``
(``[tool.setuptools.package-data]``), read from there so that the wheel and the
bundles carry the same files. ``c4console/data/resources|audio|maps`` are git
symlinks to the top-level folders; a Windows checkout without symlink support has
small text files there instead, so those patterns are matched in the top-level
folders themselves and the real files are copied into the bundle.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = REPO / "packaging" / "pyinstaller"
ICONS = REPO / "packaging" / "icons"
HOOKS = HERE / "hooks"
# Qt's own translations and QtWebEngine's locales kept in the console bundle: the
# console's languages (c4console.gui.shell.translations). Chromium falls back to en-US.
QT_LANGUAGES = ("es", "en")
_QT_TRANSLATIONS = "PySide6/Qt/translations/"
_KEPT_TRANSLATION = re.compile(rf"(_({'|'.join(QT_LANGUAGES)})(_[A-Za-z]+)?\.qm"
                               rf"|/({'|'.join(QT_LANGUAGES)})(-[A-Za-z0-9]+)?\.pak)$")
# Qt plugins left out: the GTK 3 platform theme links GTK 3, which a workstation need
# not have (the .deb would depend on it); Qt falls back to its own style without it.
_DROPPED_BINARIES = ("PySide6/Qt/plugins/platformthemes/libqgtk3",)
# The symlinked folders of c4console/data: package path -> real folder.
DATA_PACKAGE = "c4console.data"
LINKED = ("resources", "audio", "maps")


def _package_data() -> dict[str, list[str]]:
    with open(REPO / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["setuptools"]["package-data"]


def _source_folder(package: str, pattern: str) -> Path:
    """Where a package-data pattern's files really are."""
    if package == DATA_PACKAGE and pattern.split("/", 1)[0] in LINKED:
        return REPO  # c4console/data/<linked>/… is <repo>/<linked>/…
    return REPO.joinpath(*package.split("."))


def data_files(packages: tuple[str, ...]) -> list[tuple[str, str]]:
    """PyInstaller ``datas`` entries (source file, folder in the bundle) for the
    package data of ``packages``, one entry per real file."""
    entries: set[tuple[str, str]] = set()
    for package, patterns in _package_data().items():
        if package not in packages:
            continue
        bundle_folder = Path(*package.split("."))
        for pattern in patterns:
            source = _source_folder(package, pattern)
            # (A pattern may match nothing today, as for the wheel: store/migrations/*.ini.)
            found = [p for p in source.glob(pattern) if p.is_file() and "__pycache__" not in p.parts]
            for path in found:
                inside = bundle_folder / path.relative_to(source).parent
                entries.add((str(path.resolve()), str(inside)))
    if not entries:
        raise SystemExit(f"c4_bundle: no package data for {packages} under {REPO}")
    return sorted(entries)


def icon(name: str) -> str:
    """The executable's icon (Windows; PyInstaller converts the PNG with Pillow)."""
    return str(ICONS / f"{name}.png")


def keep_data(bundle_name: str) -> bool:
    """False for Qt translations and QtWebEngine locales of other languages."""
    name = bundle_name.replace("\\", "/")
    return not name.startswith(_QT_TRANSLATIONS) or bool(_KEPT_TRANSLATION.search(name))


def keep_binary(bundle_name: str) -> bool:
    """False for the Qt plugins the bundle leaves out (_DROPPED_BINARIES)."""
    name = bundle_name.replace("\\", "/")
    return not name.startswith(_DROPPED_BINARIES)
