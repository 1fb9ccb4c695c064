"""The main window's *Estadística* menu (issue 14): the observatory and the period
report each add their entry to the one menu, whichever comes first creates it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMenu

STATS_MENU = "statsMenu"


def stats_menu(window: QMainWindow) -> QMenu:
    """The window's *Estadística* menu (objectName ``statsMenu``), created on first use."""
    found = window.menuBar().findChild(QMenu, STATS_MENU)
    if found is not None:
        return found
    menu = window.menuBar().addMenu(QCoreApplication.translate("StatsMenu", "&Estadística"))
    menu.setObjectName(STATS_MENU)
    return menu
