"""A panel the window shows to some roles only: its dock(s), its menu, its open action.

The main window builds one the first time an allowed role logs in (:func:`role_dock`),
then shows or hides it on each role change; hiding is a convenience, the central refuses
what the role may not do. The panel itself knows nothing of roles or of the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from c4console.gui.shell.plain_text import plain_labels


class RoleDock:
    """``panel`` in a dock (hidden until opened) and a menu whose first entry opens it."""

    def __init__(self, window: QMainWindow, name: str, title: str, panel: QWidget, *,
                 menu: str, open_text: str, open_name: str,
                 area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea,
                 on_open: Callable[[], None] | None = None, start_hidden: bool = True) -> None:
        self.window = window
        self.start_hidden = start_hidden
        self.panel = panel
        self.on_open = on_open
        self.on_hidden: Callable[[], None] | None = None
        self.dock = self._dock(name, title, panel, area)
        self.docks = [self.dock]
        self.action = QAction(open_text, window)
        self.action.setObjectName(open_name)
        self.action.triggered.connect(self.open)
        self.menu: QMenu = window.menuBar().addMenu(menu)
        self.menu.addAction(self.action)
        self.actions = [self.action]

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        d = QDockWidget(title, self.window)
        d.setObjectName(name)
        d.setWidget(widget)
        plain_labels(widget)  # built after the window: its labels show text, never markup
        self.window.addDockWidget(area, d)
        if self.start_hidden:
            d.hide()
        return d

    def add_dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        """A second dock of the same tool, tabbed with the first and listed in its menu."""
        d = self._dock(name, title, widget, self.window.dockWidgetArea(self.dock))
        self.window.tabifyDockWidget(self.dock, d)
        self.docks.append(d)
        return d

    def add_action(self, action: QAction) -> None:
        """Another entry of the tool's menu (shown and hidden with it)."""
        self.menu.addAction(action)
        self.actions.append(action)

    def list_docks_in_menu(self) -> None:
        """The docks' show/hide toggles in the tool's menu too."""
        for d in self.docks:
            self.menu.addAction(d.toggleViewAction())

    def set_allowed(self, allowed: bool) -> None:
        """Show or hide the menu, its entries and the docks."""
        self.menu.menuAction().setVisible(allowed)
        for a in self.actions:
            a.setVisible(allowed)
            a.setEnabled(allowed)
        for d in self.docks:
            d.toggleViewAction().setVisible(allowed)
            if not allowed:
                d.hide()
        if not allowed and self.on_hidden is not None:
            self.on_hidden()

    def open(self) -> None:
        """Menu: show the dock in front, then ``on_open`` (reload, refresh)."""
        self.dock.show()
        self.dock.raise_()
        if self.on_open is not None:
            self.on_open()

    def raise_dock(self, dock: QDockWidget) -> None:
        """Bring one of the tool's docks to the front (a recording is being opened)."""
        dock.show()
        dock.raise_()


def role_dock(window: object, attr: str, allowed: bool,
              build: Callable[[], RoleDock]) -> RoleDock | None:
    """``window.<attr>`` built by ``build()`` when ``allowed`` and not built yet, then
    shown or hidden; None while no allowed role has logged in."""
    tool: RoleDock | None = getattr(window, attr, None)
    if tool is None and allowed:
        tool = build()
        setattr(window, attr, tool)
    if tool is not None:
        tool.set_allowed(allowed)
    return tool
