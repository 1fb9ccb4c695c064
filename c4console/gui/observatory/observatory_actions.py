"""*Estadística → Observatorio…* in the main window: shown to the roles the central lets
read the observatory (core/access.py ``observatory``), opening one
:class:`~c4console.gui.observatory.observatory_window.ObservatoryWindow`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from shiboken6 import isValid

from c4console.core import access
from c4console.gui.observatory.observatory_window import ObservatoryWindow
from c4console.gui.shell.stats_menu import stats_menu
from c4console.sync.observatory_api import ObservatoryApi


class ObservatoryActions(QObject):
    """The menu entry and the window it opens (one at a time, raised if open)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.observatory: ObservatoryWindow | None = None
        self.action = QAction(self.tr("Observatorio…"), window)
        self.action.setObjectName("observatoryAction")
        self.action.triggered.connect(self.open)
        self.action.setVisible(False)  # until the role is known
        menu = self.menu = stats_menu(window)
        menu.addAction(self.action)
        self._sync_menu()

    def _sync_menu(self) -> None:
        # The menu shows if any of its entries does (the period report's is another).
        self.menu.menuAction().setVisible(any(a.isVisible() for a in self.menu.actions()))

    def apply_role(self, role: str) -> None:
        """Show the entry to supervisors and admins only (the central refuses others)."""
        allowed = access.may_read(role, "observatory")
        self.action.setVisible(allowed)
        self._sync_menu()
        if not allowed and self.observatory is not None and isValid(self.observatory):
            self.observatory.close()

    def open(self) -> ObservatoryWindow:
        """Open (or raise) the observatory window; it asks the central when shown."""
        w = self.window
        if self.observatory is None or not isValid(self.observatory):
            folder = Path(w.settings.qsettings.fileName()).parent / "observatory"
            self.observatory = ObservatoryWindow(
                ObservatoryApi(w.api), w.catalogue, w.state.jurisdiction.geojson, folder,
                w.tasks.run, qsettings=w.settings.qsettings, parent=w)
        self.observatory.show()
        self.observatory.raise_()
        self.observatory.activateWindow()
        return self.observatory
