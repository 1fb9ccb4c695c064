"""What the tools opened from her case (zones, referrals, BANAVIM) share: the window they
open over, the controller whose outbox carries their commands, the state they read, how
they send (a coroutine and what it does, for the status bar) and how they speak."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject

from c4console.gui.shell.controller import ConsoleController

Send = Callable[[Coroutine[Any, Any, Any], str], None]


class CaseToolActions(QObject):
    """The common part of a case tool's actions (see module docstring)."""

    def __init__(self, window, controller: ConsoleController, send: Send,
                 say: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.state = controller.state
        self.send = send
        self.say = say
