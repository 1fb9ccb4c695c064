"""Status bar: connection to the central, pending commands, audio/voice state, clock."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLabel, QStatusBar

from c4console.gui.shell.labels import rejection_label


class ConsoleStatusBar(QStatusBar):
    """Permanent fields on the right; transient messages on the left."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.connection = QLabel(self)
        self.connection.setObjectName("connectionLabel")
        self.pending = QLabel(self)
        self.pending.setObjectName("pendingLabel")
        self.sound = QLabel(self)
        self.sound.setObjectName("soundLabel")
        self.clock = QLabel(self)
        self.user = QLabel(self)
        self.user.setObjectName("userLabel")
        for w in (self.user, self.sound, self.pending, self.connection, self.clock):
            self.addPermanentWidget(w)
        self.set_connection(False, "")
        self.set_pending(0)
        self.tick()

    def follow(self, bridge) -> None:
        """The connection, the pending count and the central's refusals as the bridge
        announces them."""
        bridge.connectionChanged.connect(self.set_connection)
        bridge.pendingChanged.connect(self.set_pending)
        bridge.commandRejected.connect(self.show_rejection)

    def show_rejection(self, result: dict) -> None:
        """The central refused one of our commands: say why for a while."""
        self.showMessage(self.tr("La central rechazó la acción: {0} ({1})").format(
            rejection_label(result.get("reason", "")), result.get("message", "")), 15000)

    def set_connection(self, connected: bool, detail: str) -> None:
        """Show whether the live stream to the central is up."""
        if connected:
            self.connection.setText(self.tr("● Central conectada"))
            self.connection.setStyleSheet("color: #2e7d32; font-weight: bold;")
        else:
            self.connection.setText(self.tr("● Sin conexión"))
            self.connection.setStyleSheet("color: #c62828; font-weight: bold;")
        self.connection.setToolTip(detail)

    def set_user(self, name: str, role_text: str) -> None:
        """Who is logged in at this console, and as what."""
        self.user.setText(self.tr("{0} · {1}").format(name, role_text))

    def set_pending(self, n: int) -> None:
        """Commands saved locally but not yet confirmed by the central."""
        self.pending.setText(self.tr("Pendientes: {0}").format(n))
        self.pending.setStyleSheet("color: #283593; font-weight: bold;" if n else "")

    def set_sound(self, text: str, ok: bool, detail: str = "") -> None:
        """Audio output / voice availability; the reasons go in the tooltip."""
        self.sound.setText(text)
        self.sound.setToolTip(detail)
        self.sound.setStyleSheet("" if ok else "color: #e65100; font-weight: bold;")

    def tick(self) -> None:
        """Update the clock."""
        self.clock.setText(time.strftime("%H:%M:%S"))
