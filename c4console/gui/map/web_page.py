"""The QWebEnginePage for the map: local-only settings, no navigation, JS console to the log."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings

log = logging.getLogger("c4console.map.page")

_LEVELS = {
    QWebEnginePage.JavaScriptConsoleMessageLevel.InfoMessageLevel: logging.DEBUG,
    QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel: logging.WARNING,
    QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel: logging.ERROR,
}


class MapPage(QWebEnginePage):
    """Loads the map file and stays on it.

    The page may read its own folder (Leaflet, our script) and, only when the
    tiles come from a tile server, the network. Links (e.g. Leaflet's
    attribution) never take the operator's map away.
    """

    def __init__(self, profile: QWebEngineProfile, allow_remote: bool, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        s = self.settings()
        attr = QWebEngineSettings.WebAttribute
        s.setAttribute(attr.LocalContentCanAccessFileUrls, True)
        s.setAttribute(attr.LocalContentCanAccessRemoteUrls, allow_remote)
        s.setAttribute(attr.JavascriptCanOpenWindows, False)
        s.setAttribute(attr.JavascriptCanAccessClipboard, False)
        s.setAttribute(attr.PluginsEnabled, False)
        s.setAttribute(attr.PdfViewerEnabled, False)
        s.setAttribute(attr.ErrorPageEnabled, False)  # our widget shows its own message
        self._home: QUrl | None = None

    def load_home(self, url: QUrl) -> None:
        """Load the map page; it is the only URL this page may show."""
        self._home = url
        self.load(url)

    def acceptNavigationRequest(self, url: QUrl, nav_type: QWebEnginePage.NavigationType,
                                is_main_frame: bool) -> bool:
        if not is_main_frame:
            return True
        # The only main-frame destination is the map file itself (a fragment is harmless).
        return self._home is not None and url.toString().split("#", 1)[0] == self._home.toString()

    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> None:  # type: ignore[override]
        return None  # no pop-ups from the map

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str,
                                 line: int, source: str) -> None:
        log.log(_LEVELS.get(level, logging.INFO), "%s (%s:%d)", message, source.rsplit("/", 1)[-1], line)
