"""Locks the console after a period without keyboard or mouse input.

While locked, the window is covered (no victim data visible) but alarms keep
arriving, are counted on the cover and still sound. Unlocking checks the
password against an Argon2 hash kept only in memory since login (never the
password itself), so it works with the central unreachable. The same cover asks
for the password when the central ends the session's token (the console keeps no
password to log in again by itself: gui/shell/session.py).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from c4console.gui.forms.ui_lock_cover import Ui_LockCover

INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                          QEvent.Type.MouseMove, QEvent.Type.Wheel})


class IdleWatch(QObject):
    """Emits ``idle`` after ``minutes`` without keyboard or mouse input on ``window``.

    It filters the window's QWindow, where Qt delivers every input event of that
    window first, rather than the whole application: a Python event filter on
    QApplication is called for every event of every object, and PySide crashes
    when it has to wrap an object still under construction (seen with PySide6
    6.11: infinite recursion through DynamicPropertyChange).
    """

    idle = Signal()

    def __init__(self, window: QWidget, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(minutes * 60_000)))
        self._timer.timeout.connect(self.idle)
        window.winId()  # make sure the native window (and its QWindow) exists
        self._handle = window.windowHandle()
        self._handle.installEventFilter(self)
        self._timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._timer.start()  # restart: any input postpones the lock
        return False

    def stop(self) -> None:
        """Stop watching (the session is ending)."""
        self._timer.stop()
        self._handle.removeEventFilter(self)


class LockCover(QWidget):
    """The cover over a locked window: who is locked out, new alarms, password box."""

    locked_changed = Signal(bool)
    unlocked = Signal()
    # The password that just unlocked (checked against the hash): the session hands it to
    # the sync engine when the central wants a new login, and keeps it nowhere.
    password_confirmed = Signal(str)

    def __init__(self, operator: str, password_hash: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.ui = Ui_LockCover()
        self.ui.setupUi(self)  # ui/lock_cover.ui: the layout, the labels, the styles
        self._hasher = PasswordHasher()
        self._hash = password_hash
        self.alarms = 0
        self.title = self.ui.lockTitle
        self.title.setText(self.title.text().format(operator))
        self.counter = self.ui.lockAlarmCounter
        self.password = self.ui.unlockPassword
        self.password.returnPressed.connect(self.try_unlock)
        self.button = self.ui.unlockButton
        self.button.clicked.connect(self.try_unlock)
        self.error = self.ui.unlockError
        self._show_count()
        self.hide()

    def lock(self, reason: str = "") -> None:
        """Cover the window (its keyboard shortcuts are disabled by the window meanwhile);
        ``reason`` is shown under the password box (why it locked, when not idleness)."""
        self.alarms = 0
        self._show_count()
        self.error.setText(reason)
        self.password.clear()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.password.setFocus()
        self.locked_changed.emit(True)

    @property
    def locked(self) -> bool:
        """True while the cover is shown."""
        return self.isVisible()

    def count_alarm(self, n: int = 1) -> None:
        """New alarms that arrived while locked."""
        self.alarms += n
        self._show_count()

    def _show_count(self) -> None:
        self.counter.setText(self.tr("{0} alarmas nuevas mientras estaba bloqueada")
                             .format(self.alarms) if self.alarms else "")

    def try_unlock(self) -> bool:
        """Check the typed password; unlock on a match."""
        try:
            self._hasher.verify(self._hash, self.password.text())
        except VerificationError:
            self.error.setText(self.tr("Contraseña incorrecta"))
            self.password.selectAll()
            return False
        typed = self.password.text()
        self.password.clear()
        self.hide()
        self.locked_changed.emit(False)
        self.unlocked.emit()
        self.password_confirmed.emit(typed)
        return True


def hash_for_unlock(password: str) -> str:
    """An Argon2id hash of the login password, kept in memory only."""
    return PasswordHasher().hash(password)
