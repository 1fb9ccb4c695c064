"""The specialist's window: the desk and her case, not the dispatch tools.

A specialist (psicóloga, abogada, especialista) dispatches nothing: her window hides the
incident queue, the detail, the unit board, the live audio, the shift roster, the map and
the Incidente menu, and opens on the desk (left) with Expedientes (bottom) beside it; the
WhatsApp chat dock stays closed until a WhatsApp follow-up opens it. Another role logging
in on the same window gets the dispatch tools back. Hiding is a convenience: the central
refuses what a role may not do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from c4console.core import access

DISPATCH_DOCKS = ("queueDock", "detailDock", "unitDock", "audioDock", "rosterDock", "chatDock")
MARK = "_desk_layout"  # the window's flag: the dispatch tools are hidden for the desk


def apply_desk_layout(window: QMainWindow, role: str) -> None:
    """Hide the dispatch tools for a specialist and open the desk; give them back to any
    other role (only if they were hidden for the desk: a saved layout is kept)."""
    desk = role in access.SPECIALISTS
    if desk == getattr(window, MARK, False):
        if desk:
            _open_desk(window)
        return
    setattr(window, MARK, desk)
    for name in DISPATCH_DOCKS:
        dock = window.findChild(QDockWidget, name)
        if dock is None:
            continue
        dock.toggleViewAction().setVisible(not desk)
        dock.setVisible(not desk)
    central = window.centralWidget()
    if central is not None:
        central.setVisible(not desk)
    incident_menu = getattr(window, "m_inc", None)
    if incident_menu is not None:  # its shortcuts stay; the central refuses them for the desk
        incident_menu.menuAction().setVisible(not desk)
    if desk:
        _open_desk(window)


def _open_desk(window: QMainWindow) -> None:
    desk, cases = getattr(window, "desk", None), getattr(window, "cases_tool", None)
    if desk is None:
        return
    desk.open()
    if cases is not None:  # her case to the right of the desk, not tabbed under it
        if window.dockWidgetArea(cases.dock) != Qt.DockWidgetArea.RightDockWidgetArea:
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, cases.dock)
        cases.open()
