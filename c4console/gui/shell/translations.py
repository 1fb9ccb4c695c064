"""Install the interface language. Source strings are Spanish; English is a .qm file."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from c4console.resources import RESOURCES

log = logging.getLogger(__name__)
TRANSLATIONS = RESOURCES / "translations"


def install_language(app: QCoreApplication, language: str, folder: Path = TRANSLATIONS) -> list[QTranslator]:
    """Load our translation and Qt's own for ``language``; Spanish needs none of ours."""
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(language))
    qt_tr = QTranslator(app)
    if qt_tr.load(QLocale(language), "qtbase", "_",
                  QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_tr)
        installed.append(qt_tr)
    if language != "es":
        ours = QTranslator(app)
        if ours.load(str(folder / f"c4console_{language}.qm")):
            app.installTranslator(ours)
            installed.append(ours)
        else:
            log.warning("no translation c4console_%s.qm in %s; showing Spanish", language, folder)
    return installed
