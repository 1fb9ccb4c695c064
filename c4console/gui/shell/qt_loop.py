"""A qasync loop that can be run many times in one process (tests, benchmarks).

qasync ends every ``run_until_complete`` with ``app.exit()``, which emits
``aboutToQuit``; QtWebEngine shuts itself down on that signal, so a second run
would crash. Backing qasync with a nested QEventLoop avoids it: a nested loop's
``exit()`` emits nothing. The console itself runs one loop for its whole life
and uses the plain QApplication.
"""

from __future__ import annotations

import qasync
from PySide6.QtCore import QCoreApplication, QEventLoop


class NestedQtLoop:
    """What qasync needs of its "app" (exec, exit, eventDispatcher) on a nested QEventLoop."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._loop = QEventLoop()

    def exec(self) -> int:
        """Run until exit()."""
        return self._loop.exec()

    def exit(self, code: int = 0) -> None:
        """Leave exec() without quitting the application."""
        self._loop.exit(code)

    def eventDispatcher(self):
        """The application's event dispatcher."""
        return self._app.eventDispatcher()


def reusable_loop(app: QCoreApplication) -> qasync.QEventLoop:
    """A qasync event loop that may run ``run_until_complete`` repeatedly."""
    return qasync.QEventLoop(NestedQtLoop(app), already_running=False)
