"""The menu bar's *Estadística* menu, shared by the tools that put an entry in it (the
period report and open data, the observatory): whichever comes first creates it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMenu


def stats_menu(window: QMainWindow) -> QMenu:
    """The window's *Estadística* menu (objectName ``statsMenu``), created on first use."""
    bar = window.menuBar()
    menu = bar.findChild(QMenu, "statsMenu")
    if menu is None:
        menu = bar.addMenu(QCoreApplication.translate("StatsMenu", "&Estadística"))
        menu.setObjectName("statsMenu")
    return menu
