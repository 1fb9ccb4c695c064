"""The observatory's map widget: a QWebEngineView on the page built once
(observatory_page.py), in the main map's local-only page (gui/map/web_page.py). Each
answer goes into the loaded page with one ``runJavaScript``; one sent before the page
has loaded waits for it."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from c4console.gui.map.web_page import MapPage
from c4console.gui.observatory.observatory_page import build_observatory_page

log = logging.getLogger(__name__)


class ObservatoryMap(QWidget):
    """The choropleth of the cuadrantes and the heat layer. ``shown`` is emitted once
    the page has drawn an answer."""

    shown = Signal()

    def __init__(self, page_dir: Path, jurisdiction_geojson: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsMap")
        self._loaded = False
        self._pending: dict[str, Any] | None = None
        self._view = QWebEngineView(self)
        self._error = QLabel(self)
        self._error.setWordWrap(True)
        stack = self._stack = QStackedWidget(self)
        stack.addWidget(self._view)
        stack.addWidget(self._error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(stack)
        self._page = MapPage(QWebEngineProfile.defaultProfile(), allow_remote=False,
                             parent=self._view)
        self._view.setPage(self._page)
        self._page.loadFinished.connect(self._on_loaded)
        try:
            path = build_observatory_page(Path(page_dir).resolve(), jurisdiction_geojson)
        except Exception as e:  # bad GeoJSON, unwritable folder: say so, keep the window
            log.exception("observatory page could not be built in %s", page_dir)
            self._error.setText(self.tr("No se pudo preparar el mapa: {0}").format(e))
            stack.setCurrentWidget(self._error)
            return
        self._page.load_home(QUrl.fromLocalFile(str(path)))

    def is_ready(self) -> bool:
        """True once the page has loaded."""
        return self._loaded

    def web_page(self) -> MapPage:
        """The page (for tests: ``window.c4obs.polygonCount()``)."""
        return self._page

    def show_answer(self, data: dict[str, Any]) -> None:
        """Draw the central's answer (cuadrantes and heat); waits for the page if needed."""
        if not self._loaded:
            self._pending = data
            return
        drawn = {"cuadrantes": data.get("cuadrantes", []), "heat": data.get("heat", [])}
        self._run(f"window.c4obs.show({json.dumps(drawn)}); true", lambda _ok: self.shown.emit())

    def evaluate_js(self, expression: str, callback: Callable[[Any], None]) -> None:
        """The JSON value of ``expression`` in the page, to ``callback``."""
        self._run(f"JSON.stringify({expression})",
                  lambda text: callback(json.loads(text) if isinstance(text, str) and text else None))

    def _on_loaded(self, ok: bool) -> None:
        if not ok:
            self._error.setText(self.tr("No se pudo cargar el mapa del observatorio."))
            self._stack.setCurrentWidget(self._error)
            return
        self._loaded = True
        if self._pending is not None:
            data, self._pending = self._pending, None
            self.show_answer(data)

    def _run(self, script: str, callback: Callable[[Any], None]) -> None:
        def guarded(result: Any) -> None:
            if shiboken6.isValid(self):  # the answer can come after the window closed
                callback(result)

        self._page.runJavaScript(script, 0, guarded)
