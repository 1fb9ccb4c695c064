"""Locks the console after a period without keyboard or mouse input.

While locked, the window is covered (no victim data visible) but alarms keep
arriving, are counted on the cover and still sound. Unlocking checks the
password against an Argon2 hash kept only in memory since login (never the
password itself), so it works with the central unreachable. The same cover asks
for the password when the central ends the session's token (the console keeps no
password to log in again by itself: gui/shell/session.py).

Every window of the console locks, not only the main one (issue 16 point 16): input in
any of them (a floating dock, the replay window, a dialog) postpones the lock, and while
locked each of them is covered and disabled (c4console/gui/shell/window_covers.py). Wrong
passwords make the next try wait, per user (c4console/core/unlock_backoff.py).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QWidget

from c4console.core.unlock_backoff import SHARED, UnlockBackoff
from c4console.gui.forms.ui_lock_cover import Ui_LockCover
from c4console.gui.shell.window_covers import WindowCovers

INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                          QEvent.Type.MouseMove, QEvent.Type.Wheel})


WATCH_MS = 1000  # how often windows opened since are added to the watch


class IdleWatch(QObject):
    """Emits ``idle`` after ``minutes`` without keyboard or mouse input on ``window`` or
    any other window of the console (floating docks, dialogs, the replay window).

    It filters each window's QWindow, where Qt delivers every input event of that
    window first, rather than the whole application: a Python event filter on
    QApplication is called for every event of every object, and PySide crashes
    when it has to wrap an object still under construction (seen with PySide6
    6.11: infinite recursion through DynamicPropertyChange). Windows that open later
    are picked up every :data:`WATCH_MS`.
    """

    idle = Signal()

    def __init__(self, window: QWidget, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(minutes * 60_000)))
        self._timer.timeout.connect(self.idle)
        self._handles: list[QWindow] = []
        window.winId()  # make sure the native window (and its QWindow) exists
        self._watch(window.windowHandle())
        self._windows = QTimer(self)
        self._windows.setInterval(WATCH_MS)
        self._windows.timeout.connect(self.watch_new_windows)
        self._windows.start()
        self.watch_new_windows()
        self._timer.start()

    def _watch(self, handle: QWindow | None) -> None:
        if handle is not None and handle not in self._handles:
            handle.installEventFilter(self)
            self._handles.append(handle)
            handle.destroyed.connect(lambda _=None, h=handle: self._forget(h))

    def _forget(self, handle: QWindow) -> None:
        if handle in self._handles:
            self._handles.remove(handle)

    def watch_new_windows(self) -> None:
        """Watch the input of the visible windows not watched yet."""
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                self._watch(widget.windowHandle())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._timer.start()  # restart: any input postpones the lock
        return False

    def stop(self) -> None:
        """Stop watching (the session is ending)."""
        self._timer.stop()
        self._windows.stop()
        for handle in self._handles:
            handle.removeEventFilter(self)
        self._handles.clear()


class LockCover(QWidget):
    """The cover over a locked window: who is locked out, new alarms, password box."""

    locked_changed = Signal(bool)
    unlocked = Signal()
    # The password that just unlocked (checked against the hash): the session hands it to
    # the sync engine when the central wants a new login, and keeps it nowhere.
    password_confirmed = Signal(str)

    def __init__(self, operator: str, password_hash: str, parent: QWidget, *,
                 backoff: UnlockBackoff = SHARED,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.ui = Ui_LockCover()
        self.ui.setupUi(self)  # ui/lock_cover.ui: the layout, the labels, the styles
        self._hasher = PasswordHasher()
        self._hash = password_hash
        self.operator = operator
        self.backoff = backoff
        self.clock = clock
        self.others = WindowCovers(parent)  # the console's other windows
        self._retry = QTimer(self)  # ends the wait after wrong passwords
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._may_retry)
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
        self.others.lock()
        self._may_retry()
        if self.backoff.wait_s(self.operator, self.clock()) > 0:
            self._wait_before_retry()
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
        """Check the typed password; unlock on a match. While the user must wait after
        wrong passwords, nothing is checked."""
        if self.backoff.wait_s(self.operator, self.clock()) > 0:
            self._wait_before_retry()
            return False
        try:
            self._hasher.verify(self._hash, self.password.text())
        except VerificationError:
            self.error.setText(self.tr("Contraseña incorrecta"))
            self.password.selectAll()
            if self.backoff.failed(self.operator, self.clock()) > 0:
                self._wait_before_retry()
            return False
        self.backoff.succeeded(self.operator)
        typed = self.password.text()
        self.password.clear()
        self.hide()
        self.others.unlock()
        self.locked_changed.emit(False)
        self.unlocked.emit()
        self.password_confirmed.emit(typed)
        return True


    def _wait_before_retry(self) -> None:
        """Refuse tries until the back-off ends; say how long."""
        wait = self.backoff.wait_s(self.operator, self.clock())
        self.error.setText(self.tr("Demasiadas contraseñas incorrectas: espere {0} s para "
                                   "volver a intentar").format(math.ceil(wait)))
        self.button.setEnabled(False)
        self.password.setEnabled(False)
        self._retry.start(max(1, int(wait * 1000)))

    def _may_retry(self) -> None:
        """The wait is over (or there was none): the password box works again."""
        if self.backoff.wait_s(self.operator, self.clock()) > 0:
            self._wait_before_retry()  # the clock says not yet (the timer ran early)
            return
        self._retry.stop()
        self.button.setEnabled(True)
        self.password.setEnabled(True)
        if self.isVisible():
            self.password.setFocus()


def hash_for_unlock(password: str) -> str:
    """An Argon2id hash of the login password, kept in memory only."""
    return PasswordHasher().hash(password)
