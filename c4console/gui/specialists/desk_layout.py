"""The specialist's window: the desk and her case, not the dispatch tools.

A specialist (psicóloga, abogada, especialista) dispatches nothing: her window hides the
incident queue, the detail, the unit board, the live audio, the shift roster and the map,
and opens on the desk (left) with Expedientes (bottom); the WhatsApp chat dock stays
closed until a WhatsApp follow-up opens it. Another role logging in on the same window
gets the dispatch tools back. Hiding is a convenience: the central refuses what a role
may not do."""

from __future__ import annotations

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
    if desk:
        _open_desk(window)


def _open_desk(window: QMainWindow) -> None:
    tool = getattr(window, "desk", None)
    if tool is not None:
        tool.open()
