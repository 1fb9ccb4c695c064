"""Spanish first, English available: every string in the GUI is translated."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from c4console.gui.i18n_build import sources
from c4console.gui.shell.translations import TRANSLATIONS, install_language


def _lupdate(tmp: Path) -> Path:
    ts = tmp / "fresh_en.ts"
    shutil.copy(TRANSLATIONS / "c4console_en.ts", ts)
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    # the GUI's Python and the Qt Designer forms (ui/*.ui)
    subprocess.run([str(tool), *sources(), "-no-obsolete", "-ts", str(ts)],
                   check=True, capture_output=True)
    return ts


def test_every_gui_string_has_an_english_translation(tmp_path):
    fresh = ET.parse(_lupdate(tmp_path))
    untranslated = [m.findtext("source") for m in fresh.iter("message")
                    if not (m.findtext("translation") or "").strip()
                    or m.find("translation").get("type") == "unfinished"]
    assert untranslated == [], f"add English for: {untranslated}"


def test_english_is_installed_and_spanish_is_the_source(qapp):
    assert QCoreApplication.translate("Labels", "Nueva") == "Nueva"  # Spanish: no translator
    installed = install_language(qapp, "en")
    try:
        assert any(t.language() == "en" for t in installed)
        assert QCoreApplication.translate("Labels", "Nueva") == "New"
        assert QCoreApplication.translate("Labels", "Botón de pánico") == "Panic button"
        assert QCoreApplication.translate("MainWindow", "Atender (F3)") == "Acknowledge (F3)"
    finally:
        for t in installed:
            qapp.removeTranslator(t)
    assert QCoreApplication.translate("Labels", "Nueva") == "Nueva"
