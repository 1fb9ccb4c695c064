"""The live map widget: a QWebEngineView on the folium page, fed with coalesced batches.

The page is built once. Updates are kept per id (latest wins) and sent to the
page in one ``runJavaScript`` call every ~100 ms (every ~500 ms when all that
waits is units that only moved), only once the page has loaded and ``c4map.js`` is
attached; a new alarm does not wait for the end of that window (it goes out at
once, with whatever else is pending but the routine moves). A unit that only moved
travels as a compact move. The page answers through one bridge object on a
QWebChannel: marker clicks and batch acknowledgements.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from c4console.core.models import Incident, Unit
from c4console.gui.follow_up.visit_rows import is_stop, stop_payload
from c4console.gui.map.batch import PendingUpdates
from c4console.gui.map.bridge import BRIDGE_NAME, MapBridge, bridge_script
from c4console.gui.map.mbtiles import open_mbtiles_layer, release_mbtiles, schemes_registered
from c4console.gui.map.page_builder import build_page
from c4console.gui.map.tiles import TileLayerSpec, TileSettings
from c4console.gui.map.web_page import MapPage

log = logging.getLogger(__name__)

FLUSH_MS = 100
# Batches that only move units already on the map: every such batch makes the page
# (software-composited) draw a frame, which the console's GUI thread then paints.
MOVE_FLUSH_MS = 500
MAX_RELOADS = 3  # after a renderer crash; beyond that the failure is shown, not retried


class MapView(QWidget):
    """The operator's map of open incidents and patrol units.

    Signals: ``incidentClicked(id)``, ``unitClicked(id)``, ``ready()`` once the
    page can take updates (again after a renderer restart), and
    ``batchApplied(seconds)``: for each batch the page applied, the time from
    the oldest update in it to the page's acknowledgement (alarm → marker
    latency, for benchmarks), and ``batchAcknowledged(seq)`` with the batch's
    number (:meth:`batches_sent` is the number of the last one sent). Pick mode
    (:meth:`start_pick`): ``pointPicked(lat, lon)`` for the next click on the map, or
    ``pickCancelled()`` (Esc, :meth:`cancel_pick`).
    Polygon pick (:meth:`start_polygon_pick`): ``polygonPicked([(lat, lon), …])`` when
    the outline is closed (Enter, double click), or ``pickCancelled()``.
    """

    incidentClicked = Signal(str)
    unitClicked = Signal(str)
    ready = Signal()
    batchApplied = Signal(float)
    batchAcknowledged = Signal(int)  # the seq of each batch the page applied
    pointPicked = Signal(float, float)
    pickCancelled = Signal()
    polygonPicked = Signal(list)  # [(lat, lon), …]

    def __init__(self, page_dir: Path, jurisdiction_geojson: dict, tiles: TileSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pending = PendingUpdates()
        self._seq = 0
        self._in_flight: dict[int, float] = {}
        self._loaded = False
        self._reloads = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FLUSH_MS)
        self._last_flush = 0.0
        self._last_moves_flush = 0.0  # the last batch that carried the routine moves
        self._timer.timeout.connect(self._flush)
        self._pick_banner: str | None = None  # pick mode's banner while it is on
        self._pick_polygon = False  # the pick on is a polygon's (several clicks)
        self._draft_zones: list[dict[str, Any]] = []  # zones being edited, re-sent after a reload
        self._home: dict[str, Any] | None = None  # the home marker, re-sent after a reload

        self._build_widgets()
        profile = QWebEngineProfile.defaultProfile()
        tile_layer = self._resolve_tiles(profile, tiles)
        self._page = self._build_page(profile, allow_remote=bool(tile_layer and tile_layer.remote))
        self.page_path: Path | None = None
        try:
            # A page URL needs an absolute path: a relative folder loaded nothing.
            self.page_path = build_page(
                Path(page_dir).resolve(), jurisdiction_geojson, tile_layer,
                aliases=(self.tr("Sector"), self.tr("Cuadrante"), self.tr("Colonia")),
            )
        except Exception as e:  # bad GeoJSON, unwritable folder: show it, keep the console running
            log.exception("map page could not be built in %s", page_dir)
            self._show_failure(self.tr("No se pudo preparar el mapa: {0}").format(e))
            return
        self._page.load_home(QUrl.fromLocalFile(str(self.page_path)))

    def _build_widgets(self) -> None:
        # A notice bar (e.g. tiles unavailable) above the map, and an error
        # label that replaces the map when the page cannot work at all.
        self._notice = QLabel(self)
        self._notice.setObjectName("mapNotice")
        self._notice.setWordWrap(True)
        self._notice.hide()
        self._error = QLabel(self)
        self._error.setObjectName("mapError")
        self._error.setWordWrap(True)
        self._error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._view = QWebEngineView(self)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._view)
        self._stack.addWidget(self._error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._notice)
        layout.addWidget(self._stack)

    def _build_page(self, profile: QWebEngineProfile, allow_remote: bool) -> MapPage:
        page = MapPage(profile, allow_remote=allow_remote, parent=self._view)
        self._view.setPage(page)
        self._bridge = MapBridge(self)
        self._bridge.markerClicked.connect(self._on_marker_clicked)
        self._bridge.batchApplied.connect(self._on_batch_applied)
        self._bridge.pointPicked.connect(self._on_point_picked)
        self._bridge.pickCancelled.connect(self._on_pick_cancelled)
        self._bridge.polygonPicked.connect(self._on_polygon_picked)
        self._channel = QWebChannel(page)
        self._channel.registerObject(BRIDGE_NAME, self._bridge)
        page.setWebChannel(self._channel)
        page.scripts().insert(bridge_script())  # qwebchannel.js, once for this page
        page.loadFinished.connect(self._on_load_finished)
        page.renderProcessTerminated.connect(self._on_renderer_gone)
        return page

    # --- public API ----------------------------------------------------------
    def follow(self, bridge) -> None:
        """Draw everything the state holds, then the incidents and units that change."""
        self._state = bridge.state
        self.upsert_incidents(self._state.all_incidents())
        self.upsert_units(self._state.all_units())
        self.show_stops(self._state.patrol_visits)
        bridge.touched.connect(self._touched)

    def _touched(self, t) -> None:
        state = self._state
        if t.incidents:
            self.upsert_incidents([i for i in map(state.incident, t.incidents) if i is not None])
        if t.units:
            moved = t.moved
            if moved:
                self.move_units([u for u in map(state.unit, moved) if u is not None])
            others = t.units - moved if moved else t.units
            if others:
                self.upsert_units([u for u in map(state.unit, others) if u is not None])
        if t.follow_up:
            self.show_stops(t.follow_up)

    def show_stops(self, visit_ids: Iterable[str], now: float | None = None) -> None:
        """The planned stops of these follow-up visits: shown while due today and not made,
        removed once proven, recorded, moved off today or withdrawn (ids of other follow-up
        records are ignored)."""
        now = time.time() if now is None else now
        held = self._state.patrol_visits
        shown, gone = [], []
        for vid in visit_ids:
            v = held.get(vid)
            if v is not None and is_stop(v, now):
                unit = self._state.unit(v.unit_id)
                shown.append(stop_payload(v, unit.callsign if unit else ""))
            else:
                gone.append(vid)
        if shown:
            self._pending.put_stops(shown)
        if gone:
            self._pending.remove_stops(gone)
        self._schedule()

    def upsert_incidents(self, incidents: Iterable[Incident]) -> None:
        """Show or update incidents; closed ones (and ones without a position) are removed.

        An incident new to the map, or one that becomes an active alarm, is sent at once.
        """
        self._pending.put_incidents(incidents)
        self._schedule()

    def upsert_units(self, units: Iterable[Unit]) -> None:
        """Show or update units; a unit without a position is removed."""
        self._pending.put_units(units)
        self._schedule()

    def move_units(self, units: Iterable[Unit]) -> None:
        """Units whose only change is their position (a tracker's report): sent compactly."""
        self._pending.move_units(units)
        self._schedule()

    def remove_incidents(self, ids: Iterable[str]) -> None:
        """Remove incident markers."""
        self._pending.remove_incidents(ids)
        self._schedule()

    def remove_units(self, ids: Iterable[str]) -> None:
        """Remove unit markers."""
        self._pending.remove_units(ids)
        self._schedule()

    def select_incident(self, incident_id: str) -> None:
        """Highlight an incident and pan to it (after any queued updates)."""
        self._pending.select("incident", incident_id)
        self._schedule()

    def select_unit(self, unit_id: str) -> None:
        """Highlight a unit and pan to it (after any queued updates)."""
        self._pending.select("unit", unit_id)
        self._schedule()

    # --- pick mode and the home marker (the registry form) ----------------------
    def start_pick(self, banner: str) -> None:
        """Pick mode: ``banner`` on the map and a crosshair until the next click
        (``pointPicked``) or Esc (``pickCancelled``)."""
        self._pick_banner, self._pick_polygon = banner, False
        if self._loaded:
            self._run_js(f"window.c4map.startPick({json.dumps(banner)})")

    def cancel_pick(self) -> None:
        """Leave pick mode (``pickCancelled`` if it was on)."""
        if self._pick_banner is None:
            return
        self._pick_banner = None
        if self._loaded:
            self._run_js("window.c4map.stopPolygonPick()" if self._pick_polygon
                         else "window.c4map.stopPick()")
        self.pickCancelled.emit()

    def is_picking(self) -> bool:
        """True while a click on the map is awaited."""
        return self._pick_banner is not None

    def show_home(self, lat: float, lon: float, label: str) -> None:
        """Show the home marker (one at a time) at ``lat``, ``lon``."""
        self._home = {"lat": lat, "lon": lon, "label": label}
        if self._loaded:
            self._run_js(f"window.c4map.setHome({json.dumps(self._home)})")

    def clear_home(self) -> None:
        """Remove the home marker."""
        self._home = None
        if self._loaded:
            self._run_js("window.c4map.setHome(null)")

    # --- polygon pick and draft zones (the exclusion zones form) -----------------
    def start_polygon_pick(self, banner: str) -> None:
        """Polygon pick: each click on the map adds a corner until Enter or a double click
        (``polygonPicked``), or Esc / :meth:`cancel_pick` (``pickCancelled``)."""
        self._pick_banner, self._pick_polygon = banner, True
        if self._loaded:
            self._run_js(f"window.c4map.startPolygonPick({json.dumps(banner)})")

    def finish_polygon_pick(self) -> None:
        """Close the outline drawn so far (as Enter in the page does)."""
        if self._pick_banner is not None and self._pick_polygon and self._loaded:
            self._run_js("window.c4map.finishPolygonPick()")

    def show_draft_zones(self, zones: list[dict[str, Any]]) -> None:
        """Draw the zones being edited (wire form of core Zone); an empty list clears them."""
        self._draft_zones = list(zones)
        if self._loaded:
            self._run_js(f"window.c4map.setDraftZones({json.dumps(self._draft_zones)})")

    def _on_polygon_picked(self, points: str) -> None:
        if self._pick_banner is None or not self._pick_polygon:
            return
        self._pick_banner = None
        try:
            corners = [(float(p[0]), float(p[1])) for p in json.loads(points)]
        except (ValueError, TypeError, IndexError):
            log.error("polygon pick: the page sent corners that are not [[lat, lon], …]")
            self.pickCancelled.emit()
            return
        self.polygonPicked.emit(corners)

    def _on_point_picked(self, lat: float, lon: float) -> None:
        if self._pick_banner is not None and not self._pick_polygon:
            self._pick_banner = None
            self.pointPicked.emit(lat, lon)

    def _on_pick_cancelled(self) -> None:
        if self._pick_banner is not None:
            self._pick_banner = None
            self.pickCancelled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Esc cancels pick mode when the keyboard focus is on the widget, not the page."""
        if event.key() == Qt.Key.Key_Escape and self.is_picking():
            self.cancel_pick()
            return
        super().keyPressEvent(event)

    def batches_sent(self) -> int:
        """The number (seq) of the last batch sent to the page."""
        return self._seq

    def is_ready(self) -> bool:
        """True once the page is loaded and takes updates."""
        return self._loaded

    def web_page(self) -> QWebEnginePage:
        """The page (for diagnostics and tests: ``runJavaScript`` on ``window.c4map``)."""
        return self._page

    def evaluate_js(self, expression: str, callback: Callable[[Any], None]) -> None:
        """Evaluate a JavaScript expression in the page and pass its value to ``callback``.

        The value travels as JSON, because PySide6 hands JavaScript objects and
        arrays from ``runJavaScript`` to Python as empty strings. ``undefined``
        and values JSON cannot carry arrive as None.
        """
        def decode(text: Any) -> None:
            callback(json.loads(text) if isinstance(text, str) and text else None)

        self._run_js(f"JSON.stringify({expression})", decode)

    # --- tiles ----------------------------------------------------------------
    def _resolve_tiles(self, profile: QWebEngineProfile, tiles: TileSettings) -> TileLayerSpec | None:
        if tiles.mode == "xyz":
            if not tiles.url:
                self._show_notice(self.tr("No hay URL de mosaicos configurada; "
                                          "se muestran solo los cuadrantes."))
                return None
            host = urlsplit(tiles.url).hostname or tiles.url
            return TileLayerSpec(url_template=tiles.url, attribution=self.tr("Mosaicos: {0}").format(host),
                                 remote=urlsplit(tiles.url).scheme in ("http", "https"))
        if tiles.mode == "mbtiles":
            if not schemes_registered():
                self._show_notice(self.tr("Los mosaicos sin conexión no están disponibles en esta sesión; "
                                          "se muestran solo los cuadrantes."))
                return None
            try:
                layer, token = open_mbtiles_layer(profile, Path(tiles.mbtiles_path),
                                                  self.tr("Mosaicos locales"))
            except (OSError, ValueError) as e:
                log.warning("MBTiles not usable: %s", e)
                self._show_notice(self.tr("No se pudo abrir el archivo de mosaicos {0} ({1}); "
                                          "se muestran solo los cuadrantes.").format(tiles.mbtiles_path, e))
                return None
            # The widget's C++ side outlives Python references; release on destruction.
            self.destroyed.connect(lambda *_: release_mbtiles(profile, token))
            return layer
        return None

    # --- page life ------------------------------------------------------------
    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            self._show_failure(self.tr("No se pudo cargar el mapa ({0}).").format(self.page_path))
            return
        # A page that loaded but whose script failed (missing file, JS error) is
        # as broken as one that did not load.
        self._run_js("!!(window.c4map && window.c4map.ready)", self._on_page_checked)

    def _on_page_checked(self, attached: Any) -> None:
        if attached is not True:
            log.error("map page loaded but c4map.js is not attached (%r)", attached)
            self._show_failure(self.tr("El mapa se cargó incompleto; revise la instalación (c4map.js)."))
            return
        self._loaded = True
        log.info("map page ready: %s", self.page_path)
        self._stack.setCurrentWidget(self._view)
        # A reloaded page (renderer restart) gets the home marker and pick mode back.
        if self._home is not None:
            self.show_home(**self._home)
        if self._draft_zones:
            self.show_draft_zones(self._draft_zones)
        if self._pick_banner is not None:
            if self._pick_polygon:
                self.start_polygon_pick(self._pick_banner)
            else:
                self.start_pick(self._pick_banner)
        self.ready.emit()
        self._flush()

    def _on_renderer_gone(self, status: QWebEnginePage.RenderProcessTerminationStatus, code: int) -> None:
        log.error("map renderer ended (%s, code %s)", status, code)
        self._loaded = False
        self._timer.stop()
        if self._reloads >= MAX_RELOADS or self.page_path is None:
            self._show_failure(self.tr("El mapa dejó de funcionar; reinicie la consola."))
            return
        self._reloads += 1
        # Every marker was lost with the renderer: send the whole picture again.
        self._pending.resend_all()
        self._page.load_home(QUrl.fromLocalFile(str(self.page_path)))

    def _show_failure(self, text: str) -> None:
        log.error("map unavailable: %s", text)  # IT reads the log, not the operator's screen
        self._loaded = False
        self._timer.stop()
        self._error.setText(text)
        self._stack.setCurrentWidget(self._error)

    def _show_notice(self, text: str) -> None:
        self._notice.setText(text)
        self._notice.show()

    # --- batches --------------------------------------------------------------
    def _schedule(self) -> None:
        # Leading edge: an update after a quiet spell goes out on the next turn of
        # the event loop; updates during the following window are coalesced into one
        # batch. The timer is only ever restarted to fire sooner. A new alarm goes out
        # at once, even inside the window: routine moves keep coalescing, an alarm
        # never waits.
        if not (self._loaded and self._pending):
            return
        if self._pending.urgent:
            self._flush(moves=False)  # the moves keep their own window
            if not self._pending:
                return
        # Routine moves alone wait up to MOVE_FLUSH_MS; anything else (a unit's
        # status, an incident's change) shortens that wait to FLUSH_MS.
        if self._pending.moves_only():
            window, last = MOVE_FLUSH_MS, self._last_moves_flush
        else:
            window, last = FLUSH_MS, self._last_flush
        quiet_ms = (time.monotonic() - last) * 1000
        due_ms = 0 if quiet_ms >= window else int(window - quiet_ms)
        if self._timer.isActive() and self._timer.remainingTime() <= due_ms:
            return
        self._timer.start(due_ms)

    def _flush(self, moves: bool = True) -> None:
        if not self._loaded or not self._pending:
            return
        self._last_flush = time.monotonic()
        if moves:
            self._last_moves_flush = self._last_flush
        self._seq += 1
        batch, since = self._pending.take(self._seq, moves=moves)
        self._in_flight[self._seq] = since
        # JSON is a JavaScript expression: the batch goes in as an object literal, compact.
        self._run_js(f"window.c4map.applyBatch({json.dumps(batch, separators=(',', ':'))})")

    def _on_batch_applied(self, seq: int) -> None:
        since = self._in_flight.pop(seq, None)
        for old in [s for s in self._in_flight if s < seq]:
            del self._in_flight[old]  # acknowledgements arrive in order; older ones are moot
        if since is not None:
            self.batchApplied.emit(time.monotonic() - since)
        self.batchAcknowledged.emit(seq)

    def _on_marker_clicked(self, kind: str, item_id: str) -> None:
        if kind == "incident":
            self.incidentClicked.emit(item_id)
        elif kind == "unit":
            self.unitClicked.emit(item_id)

    def _run_js(self, script: str, callback: Callable[[Any], None] | None = None) -> None:
        if callback is None:
            self._page.runJavaScript(script)
            return

        def guarded(result: Any) -> None:
            # The answer can arrive after the widget was deleted.
            if shiboken6.isValid(self):
                callback(result)

        self._page.runJavaScript(script, 0, guarded)
