"""While the console is locked, every other window of it is covered too (issue 16 point
16): floating docks, dialogs, the replay window. The main window has its own cover with
the password box (c4console/gui/shell/idle_lock.py); each other top-level window gets a
plain cover over its content and is disabled, so nothing in it can be read or used, and
points to the main window to unlock. A window opened while locked is covered as soon as
it shows (checked every :data:`SWEEP_MS`). Unlocking takes the covers away and gives each
window back the enabled state it had.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

SWEEP_MS = 150
COVERED_TYPES = frozenset({Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Tool,
                           Qt.WindowType.Sheet, Qt.WindowType.Drawer})


class WindowCovers(QObject):
    """Covers the visible top-level windows other than ``main`` while locked."""

    def __init__(self, main: QWidget) -> None:
        super().__init__(main)
        self.main = main
        self._covers: dict[QWidget, tuple[QLabel, bool]] = {}  # window → (cover, was enabled)
        self._sweep = QTimer(self)
        self._sweep.setInterval(SWEEP_MS)
        self._sweep.timeout.connect(self.sweep)

    @property
    def locked(self) -> bool:
        """True between :meth:`lock` and :meth:`unlock`."""
        return self._sweep.isActive()

    def covered(self) -> list[QWidget]:
        """The windows covered now."""
        return [w for w in self._covers if _alive(w)]

    def lock(self) -> None:
        """Cover every other window now, and those that open until :meth:`unlock`."""
        popup = QApplication.activePopupWidget()
        while popup is not None:  # an open menu or completer of a covered window
            popup.close()
            popup = QApplication.activePopupWidget()
        self._sweep.start()
        self.sweep()

    def unlock(self) -> None:
        """Take the covers away; each window gets back the enabled state it had."""
        self._sweep.stop()
        for window, (cover, was_enabled) in self._covers.items():
            if _alive(window):
                window.setEnabled(was_enabled)
            if _alive(cover):
                cover.deleteLater()
        self._covers.clear()

    def sweep(self) -> None:
        """Cover the windows that are not yet, and keep each cover the size of its window."""
        for window in QApplication.topLevelWidgets():
            if window is self.main or not window.isVisible() or not _alive(window):
                continue
            if window.windowType() not in COVERED_TYPES:
                continue
            entry = self._covers.get(window)
            if entry is None or not _alive(entry[0]):
                entry = (self._cover(window), entry[1] if entry else window.isEnabled())
                self._covers[window] = entry
                window.setEnabled(False)  # no keyboard or mouse reaches what is under the cover
            cover = entry[0]
            if cover.geometry() != window.rect():
                cover.setGeometry(window.rect())
            cover.raise_()

    def _cover(self, window: QWidget) -> QLabel:
        cover = QLabel(self.tr("Consola bloqueada: desbloquéela en la ventana principal."),
                       window)
        cover.setObjectName("windowLockCover")
        cover.setTextFormat(Qt.TextFormat.PlainText)
        cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        cover.setWordWrap(True)
        cover.setAutoFillBackground(True)
        cover.setStyleSheet("#windowLockCover { background: #263238; color: white; "
                            "font-size: 16px; }")
        cover.setGeometry(window.rect())
        cover.show()
        cover.raise_()
        return cover


def _alive(widget: QWidget) -> bool:
    """False once Qt has deleted the widget (a dialog closed with WA_DeleteOnClose)."""
    from shiboken6 import isValid

    return isValid(widget)
