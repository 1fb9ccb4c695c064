"""The one QObject the map page talks to, and the script that connects the page to it.

Following Anki's ``webview._setupBridge``: qwebchannel.js (from Qt's resources)
is injected once per page as a QWebEngineScript together with the few lines
that open the channel and hand the bridge object to ``window.c4map``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QFile, QIODevice, QObject, Signal, Slot
from PySide6.QtWebEngineCore import QWebEngineScript

log = logging.getLogger(__name__)

BRIDGE_NAME = "c4bridge"
QWEBCHANNEL_JS = ":/qtwebchannel/qwebchannel.js"

_CONNECT_JS = """
(function () {
  if (typeof qt === "undefined" || !qt.webChannelTransport) {
    console.error("c4map: no qt.webChannelTransport; clicks will not reach the console");
    return;
  }
  new QWebChannel(qt.webChannelTransport, function (channel) {
    if (window.c4map) { window.c4map.connectBridge(channel.objects.%s); }
  });
}());
""" % BRIDGE_NAME  # noqa: UP031  (a format string would fight the JS braces)


class MapBridge(QObject):
    """Receives the page's calls; slots are what JavaScript may call."""

    markerClicked = Signal(str, str)  # kind ("incident" | "unit"), id
    batchApplied = Signal(int)  # batch sequence number

    @Slot(str, str)
    def onMarkerClicked(self, kind: str, item_id: str) -> None:
        """A marker was clicked in the page."""
        self.markerClicked.emit(kind, item_id)

    @Slot(int)
    def onBatchApplied(self, seq: int) -> None:
        """The page finished applying batch ``seq``."""
        self.batchApplied.emit(seq)

    pointPicked = Signal(float, float)  # lat, lon of the click in pick mode
    pickCancelled = Signal()

    @Slot(float, float)
    def onPointPicked(self, lat: float, lon: float) -> None:
        """In pick mode, the map was clicked at ``lat``, ``lon``."""
        self.pointPicked.emit(lat, lon)

    @Slot()
    def onPickCancelled(self) -> None:
        """Pick mode was cancelled in the page (Esc)."""
        self.pickCancelled.emit()

    polygonPicked = Signal(str)  # the corners as JSON [[lat, lon], …]

    @Slot(str)
    def onPolygonPicked(self, points: str) -> None:
        """In polygon pick mode, the outline was closed (Enter, double click)."""
        self.polygonPicked.emit(points)


def _read_qwebchannel_js() -> str:
    import PySide6.QtWebChannel  # noqa: F401  (registers the :/qtwebchannel resource)

    f = QFile(QWEBCHANNEL_JS)
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        log.error("cannot read %s: %s", QWEBCHANNEL_JS, f.errorString())
        return ""
    try:
        return bytes(f.readAll().data()).decode("utf-8")
    finally:
        f.close()


def bridge_script() -> QWebEngineScript:
    """The page script that loads qwebchannel.js and connects ``window.c4map`` to the bridge."""
    script = QWebEngineScript()
    script.setName("c4map-bridge")
    script.setSourceCode(_read_qwebchannel_js() + _CONNECT_JS)
    # Main world: c4map.js lives there. DocumentReady: c4map exists by then.
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    script.setRunsOnSubFrames(False)
    return script
