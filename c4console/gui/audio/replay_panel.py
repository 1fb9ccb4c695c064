"""The supervisor's replay of one recording: overview, transport, speed, loop, level, bookmarks,
and the evidence export.

The overview is the whole recording reduced once to min/max per column
(:func:`~c4console.sound.replay_player.minmax_overview`, cached per recording);
a click on it seeks. The playhead, the position and the level meter are
painted on a timer only while the panel is visible. Bookmarks are timeline
events (``bookmark``) of the recording's incident: they come through the feed
like everything else, so every console sees them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from c4console.gui.shell.labels import format_elapsed
from c4console.gui.shell.tasks import Run, run_async
from c4console.gui.shell.thread_signal import ThreadSignal
from c4console.sound.replay_player import JUMP_S, ReplayPlayer, level_dbfs, minmax_overview
from c4console.sound.status import SoundStatus
from c4console.sync.recordings import RecordingRefused

if TYPE_CHECKING:
    from c4console.gui.audio.recordings_library import RecordingsService

log = logging.getLogger(__name__)

OVERVIEW_COLUMNS = 1200
SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
LOOP_DEFAULT_S = 5.0


class ReplayPanel(QWidget):
    """Replays a recording: :meth:`open` fetches it with the ``service`` it is given
    (verified, from the central or the console's cache), or :meth:`show_recording` shows
    one already loaded. Bookmarks are sent with ``submit`` (``add_bookmark``)."""

    bookmarkRequested = Signal(str, str, float, str)  # incident id, session id, offset s, text
    opening = Signal(str)  # session id: a recording is being opened (show the panel)
    opened = Signal(str)  # session id: it is shown (now in the console's cache)

    def __init__(self, state, parent=None, player: ReplayPlayer | None = None, *,
                 service: RecordingsService | None = None,
                 row_of: Callable[[str], dict[str, Any] | None] | None = None,
                 submit: Callable[..., Awaitable[str]] | None = None,
                 run: Run = run_async) -> None:
        super().__init__(parent)
        self.setObjectName("replayPanel")
        self.state = state
        self._player = player
        self.service = service
        self.row_of = row_of or (lambda _sid: None)
        self.submit = submit
        self.run = run
        self._relay = ThreadSignal(self._on_status, self)  # the player's thread → GUI thread
        self.session_id = ""
        self.incident_id = ""
        self.row: dict[str, Any] = {}
        self.pcm = np.zeros(0, dtype=np.int16)
        self.rate = 8000
        self.verification: dict[str, Any] | None = None
        self.source = ""  # "central" or "cache"
        self._overviews: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.export_dialog: QFileDialog | None = None
        # async (session_id, folder, verification) -> list[Path]; async (session_id) ->
        # (report dict, from_cache: bool): the service's unless a test gives its own.
        self.exporter = service.export if service is not None else None
        self.verifier = service.verify if service is not None else None
        self.paints = 0

        self.title = QLabel(self.tr("Sin grabación abierta"))
        self.title.setObjectName("replayTitle")
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("replayProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828; font-weight: bold;")
        self.problem.hide()

        self.plot = pg.PlotWidget(background="#101418")
        self.plot.setObjectName("replayOverview")
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        item = self.plot.getPlotItem()
        item.hideAxis("left")
        self.plot.setYRange(-1.0, 1.0, padding=0.02)
        self.plot.setMinimumHeight(110)
        self.curve_hi = item.plot(pen=pg.mkPen("#4fc3f7", width=1))
        self.curve_lo = item.plot(pen=pg.mkPen("#4fc3f7", width=1))
        self.fill = pg.FillBetweenItem(self.curve_lo, self.curve_hi, brush=pg.mkBrush(79, 195, 247, 110))
        item.addItem(self.fill)
        self.playhead = pg.InfiniteLine(0.0, angle=90, pen=pg.mkPen("#ffb300", width=2))
        item.addItem(self.playhead)
        self.region = pg.LinearRegionItem((0.0, LOOP_DEFAULT_S), brush=pg.mkBrush(255, 179, 0, 40))
        self.region.setZValue(-5)
        self.region.hide()
        self.region.sigRegionChangeFinished.connect(self._region_moved)
        item.addItem(self.region)
        self.plot.scene().sigMouseClicked.connect(self._plot_clicked)
        self._marks: list[pg.InfiniteLine] = []

        self.b_play = QPushButton(self.tr("Reproducir"))
        self.b_play.setObjectName("replayPlay")
        self.b_play.clicked.connect(self.toggle)
        self.b_back = QPushButton(self.tr("−5 s"))
        self.b_back.clicked.connect(lambda: self.jump(-JUMP_S))
        self.b_fwd = QPushButton(self.tr("+5 s"))
        self.b_fwd.clicked.connect(lambda: self.jump(JUMP_S))
        self.speed = QComboBox()
        self.speed.setObjectName("replaySpeed")
        for s in SPEEDS:
            self.speed.addItem(f"{s:g}×", s)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.setToolTip(self.tr("Velocidad (el tono de la voz se conserva)"))
        self.speed.currentIndexChanged.connect(lambda _i: self.set_speed(self.speed.currentData()))
        self.loop = QCheckBox(self.tr("Repetir región"))
        self.loop.setObjectName("replayLoop")
        self.loop.toggled.connect(self._loop_toggled)
        self.position = QLabel("0:00 / 0:00")
        self.position.setObjectName("replayPosition")
        self.level = QProgressBar()
        self.level.setObjectName("replayLevel")
        self.level.setRange(0, 60)
        self.level.setTextVisible(False)
        self.level.setToolTip(self.tr("Nivel (dBFS)"))
        self.output = QLabel()
        self.output.setObjectName("replayOutput")
        self.output.setWordWrap(True)

        transport = QHBoxLayout()
        for w in (self.b_back, self.b_play, self.b_fwd):
            transport.addWidget(w)
        transport.addWidget(QLabel(self.tr("Velocidad:")))
        transport.addWidget(self.speed)
        transport.addWidget(self.loop)
        transport.addWidget(self.position)
        transport.addWidget(self.level, 1)

        self.bookmarks = QListWidget()
        self.bookmarks.setObjectName("replayBookmarks")
        self.bookmarks.itemActivated.connect(self._bookmark_activated)
        self.bookmarks.itemDoubleClicked.connect(self._bookmark_activated)
        self.note = QLineEdit()
        self.note.setObjectName("replayBookmarkNote")
        self.note.setPlaceholderText(self.tr("Nota del marcador (en la posición actual) y Enter"))
        self.note.returnPressed.connect(self.add_bookmark)
        self.b_mark = QPushButton(self.tr("Marcar"))
        self.b_mark.clicked.connect(self.add_bookmark)
        marks = QHBoxLayout()
        marks.addWidget(self.note, 1)
        marks.addWidget(self.b_mark)

        self.verified = QLabel()
        self.verified.setObjectName("replayVerification")
        self.verified.setWordWrap(True)
        self.b_export = QPushButton(self.tr("Exportar evidencia…"))
        self.b_export.setObjectName("replayExport")
        self.b_export.clicked.connect(self.request_export)
        evidence = QHBoxLayout()
        evidence.addWidget(self.verified, 1)
        evidence.addWidget(self.b_export)

        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.problem)
        lay.addWidget(self.plot, 2)
        lay.addLayout(transport)
        lay.addWidget(self.output)
        lay.addWidget(QLabel(self.tr("Marcadores (doble clic: ir)")))
        lay.addWidget(self.bookmarks, 1)
        lay.addLayout(marks)
        lay.addLayout(evidence)

        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._paint)
        self._set_loaded(False)

    # --- the player --------------------------------------------------------------------------
    @property
    def player(self) -> ReplayPlayer:
        """The replay player (created, with its output stream, on first use)."""
        if self._player is None:
            self._player = ReplayPlayer(on_status=self._relay.emit)
        return self._player

    def _on_status(self, status: SoundStatus) -> None:
        if status.available:
            self.output.setText(self.tr("Salida: {0}").format(status.name))
            self.output.setStyleSheet("")
        else:
            self.output.setText(self.tr("Sin salida de audio: {0}").format(status.reason))
            self.output.setStyleSheet("color: #c62828;")

    # --- showing -------------------------------------------------------------------------------
    def show_refusal(self, session_id: str, message: str) -> None:
        """The central refused this recording (tampered, forbidden …): say so, play nothing."""
        self.stop()
        self.session_id = session_id
        self.title.setText(self.tr("Grabación {0}").format(session_id[:8]))
        self.problem.setText(self.tr("La central rechazó la grabación: {0}").format(message))
        self.problem.show()
        self._set_loaded(False)

    def show_recording(self, session_id: str, pcm: np.ndarray, rate: int, row: dict[str, Any],
                       verification: dict[str, Any] | None, source: str, offset_s: float = 0.0) -> None:
        """Load a recording (int16 samples at ``rate``) and show it, paused at ``offset_s``."""
        self.session_id = session_id
        self.incident_id = str(row.get("incident_id") or "")
        self.row, self.pcm, self.rate = row, pcm, rate
        self.verification, self.source = verification, source
        self.problem.hide()
        folio = row.get("folio") or self.incident_id
        where = self.tr("desde la central") if source == "central" else self.tr("desde la caché local")
        self.title.setText(self.tr("Grabación {0} · {1} · {2} · {3}").format(
            session_id[:8], folio, format_elapsed(len(pcm) / rate), where))
        if session_id not in self._overviews:  # computed once per recording
            self._overviews[session_id] = minmax_overview(pcm, OVERVIEW_COLUMNS)
        lo, hi = self._overviews[session_id]
        x = np.linspace(0.0, len(pcm) / rate, len(lo), dtype=np.float64)
        self.curve_lo.setData(x, lo)
        self.curve_hi.setData(x, hi)
        self.plot.setXRange(0.0, max(0.1, len(pcm) / rate), padding=0.0)
        self._show_verification(verification, from_cache=source != "central")
        self.loop.setChecked(False)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.player.load(pcm, rate)
        self.player.set_speed(1.0)
        if offset_s:
            self.player.seek(offset_s)
        self._set_loaded(True)
        self.refresh_bookmarks()
        self._paint()

    def _show_verification(self, report: dict[str, Any] | None, from_cache: bool) -> None:
        if report is None:
            self.verified.setText(self.tr("Verificación: sin informe"))
            self.verified.setStyleSheet("")
            return
        when = self.tr(" (informe guardado al descargarla)") if from_cache else ""
        if report.get("ok"):
            self.verified.setText(self.tr("Verificada por la central: {0} de {1} segmentos, cadena {2}…{3}")
                                  .format(report.get("segments_verified"), report.get("segments_listed"),
                                          str(report.get("chain_head", ""))[:12], when))
            self.verified.setStyleSheet("color: #2e7d32;")
        else:
            self.verified.setText(self.tr("VERIFICACIÓN FALLIDA: {0}{1}").format(
                _first_problem(report), when))
            self.verified.setStyleSheet("color: #c62828; font-weight: bold;")

    def _set_loaded(self, loaded: bool) -> None:
        for w in (self.b_play, self.b_back, self.b_fwd, self.speed, self.loop, self.note, self.b_mark,
                  self.b_export):
            w.setEnabled(loaded)
        if not loaded:
            self.curve_lo.setData([], [])
            self.curve_hi.setData([], [])
            self.bookmarks.clear()

    # --- transport -----------------------------------------------------------------------------
    def toggle(self) -> None:
        """Play or pause."""
        if self.session_id and len(self.pcm):
            self.player.toggle()
            self._paint()

    def stop(self) -> None:
        """Pause (if anything is loaded)."""
        if self._player is not None:
            self._player.pause()

    def jump(self, delta_s: float) -> None:
        """±5 s."""
        if len(self.pcm):
            self.player.jump(delta_s)

    def seek(self, seconds: float) -> None:
        """Go to ``seconds``."""
        if len(self.pcm):
            self.player.seek(seconds)
            self._paint()

    def set_speed(self, speed: float) -> None:
        """Replay speed (0.5 to 2)."""
        if len(self.pcm) and speed:
            self.player.set_speed(float(speed))
            idx = self.speed.findData(float(speed))
            if idx >= 0 and idx != self.speed.currentIndex():
                self.speed.setCurrentIndex(idx)

    def set_loop(self, start_s: float | None, end_s: float | None = None) -> None:
        """Loop a region (None clears)."""
        if start_s is None or end_s is None:
            self.loop.setChecked(False)
            return
        self.region.setRegion((start_s, end_s))
        if not self.loop.isChecked():
            self.loop.setChecked(True)
        else:
            self.player.set_loop(start_s, end_s)

    def _loop_toggled(self, on: bool) -> None:
        if not len(self.pcm):
            return
        if on:
            a, b = self.region.getRegion()
            if b - a < 0.2 or b > len(self.pcm) / self.rate + 0.01:
                here = self.player.position_s()
                a, b = here, min(len(self.pcm) / self.rate, here + LOOP_DEFAULT_S)
                self.region.setRegion((a, b))
            self.region.show()
            self.player.set_loop(a, b)
        else:
            self.region.hide()
            self.player.set_loop(None)

    def _region_moved(self) -> None:
        if self.loop.isChecked():
            a, b = self.region.getRegion()
            self.player.set_loop(a, b)

    def _plot_clicked(self, event) -> None:
        if not len(self.pcm) or event.button() != Qt.MouseButton.LeftButton:
            return
        vb = self.plot.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        self.seek(max(0.0, vb.mapSceneToView(event.scenePos()).x()))

    # --- painting ------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _paint(self) -> None:
        if not len(self.pcm) or self._player is None:
            return
        self.paints += 1
        p = self.player
        pos = p.position_s()
        self.playhead.setValue(pos)
        self.position.setText(f"{format_elapsed(pos)} / {format_elapsed(len(self.pcm) / self.rate)}"
                              f"  {p.speed:g}×")
        self.level.setValue(int(60 + level_dbfs(self.pcm, self.rate, pos)) if p.playing else 0)
        self.b_play.setText(self.tr("Pausa") if p.playing else self.tr("Reproducir"))

    # --- bookmarks -----------------------------------------------------------------------------
    def bookmark_events(self) -> list:
        """This recording's bookmarks on its incident's timeline, by offset."""
        if not self.incident_id:
            return []
        events = [e for e in self.state.timeline(self.incident_id) if e.kind == "bookmark"
                  and (e.data or {}).get("session_id") == self.session_id]
        return sorted(events, key=lambda e: float((e.data or {}).get("offset_s", 0.0)))

    def refresh_bookmarks(self) -> None:
        """Redraw the list and the marks on the overview (the timeline changed)."""
        self.bookmarks.clear()
        item = self.plot.getPlotItem()
        for line in self._marks:
            item.removeItem(line)
        self._marks = []
        for ev in self.bookmark_events():
            offset = float((ev.data or {}).get("offset_s", 0.0))
            pending = "  ⏳" if ev.id.startswith("pending-") else ""
            it = QListWidgetItem(f"{format_elapsed(offset)}  {ev.text}  — {ev.actor}{pending}")
            it.setData(Qt.ItemDataRole.UserRole, offset)
            self.bookmarks.addItem(it)
            line = pg.InfiniteLine(offset, angle=90, pen=pg.mkPen("#ef5350", width=1))
            item.addItem(line)
            self._marks.append(line)

    def add_bookmark(self) -> None:
        """A bookmark at the position heard now, with the note typed."""
        if not self.session_id or not self.incident_id or not len(self.pcm):
            return
        offset = round(self.player.position_s(), 3)
        self.bookmarkRequested.emit(self.incident_id, self.session_id, offset, self.note.text().strip())
        self.note.clear()

    def _bookmark_activated(self, item: QListWidgetItem) -> None:
        self.seek(float(item.data(Qt.ItemDataRole.UserRole) or 0.0))

    # --- evidence export -----------------------------------------------------------------------
    def request_export(self) -> None:
        """Check the recording again, show the result, then (if it verifies) ask for a folder."""
        if self.session_id:
            run_async(self._verify_then_ask())

    async def _verify_then_ask(self) -> bool:
        report, from_cache = self.verification, self.source != "central"
        if self.verifier is not None:
            try:
                report, from_cache = await self.verifier(self.session_id)
            except Exception as e:  # the central went away: the stored report is shown as such
                log.info("verification of %s not fetched: %s", self.session_id, e)
        self.verification = report
        self._show_verification(report, from_cache)
        if report is None or not report.get("ok"):
            self.problem.setText(self.tr("No se exporta: la verificación falló ({0})").format(
                _first_problem(report or {})))
            self.problem.show()
            return False
        dialog = self.export_dialog = QFileDialog(self, self.tr("Carpeta para la evidencia"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda path: run_async(self.export_to(Path(path))))
        dialog.open()
        return True

    async def export_to(self, folder: Path) -> list[Path]:
        """Write the WAV, the manifest and the verification report to ``folder``."""
        if self.exporter is None:
            return []
        written = await self.exporter(self.session_id, folder, self.verification)
        self.verified.setText(self.verified.text() + "\n" + self.tr("Exportada a {0} ({1} archivos)")
                              .format(folder, len(written)))
        return written

    def close_player(self) -> None:
        """Release the output (the window is closing)."""
        if self._player is not None:
            self._player.close()

    # --- opening a recording, following the feed ----------------------------------------------
    def follow(self, bridge) -> None:
        """Redraw the bookmarks when the recording's incident gets new timeline entries;
        send the ones made here; release the output when the application quits."""
        bridge.touched.connect(self._touched)
        if self.submit is not None:
            self.bookmarkRequested.connect(self._bookmark)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close_player)

    def _touched(self, t) -> None:
        if self.incident_id and self.incident_id in t.events_for:
            self.refresh_bookmarks()

    def _bookmark(self, iid: str, sid: str, offset: float, text: str) -> None:
        assert self.submit is not None
        self.run(self.submit("add_bookmark", incident_id=iid, session_id=sid, offset_s=offset,
                             text=text), what=self.tr("guardar el marcador"))

    def open(self, sid: str, offset_s: float = 0.0) -> None:
        """Replay a recording (from the library, the incident's timeline or a bookmark)."""
        self.run(self.open_async(sid, offset_s), what=self.tr("abrir la grabación"))

    async def open_async(self, sid: str, offset_s: float = 0.0) -> bool:
        """Load and show a recording; False if it could not be (the panel says why)."""
        self.opening.emit(sid)
        if self.service is None:
            return False
        row = self.row_of(sid)
        try:
            pcm, rate, meta, source = await self.service.load(sid, row)
        except RecordingRefused as e:
            self.show_refusal(sid, str(e))
            return False
        except Exception as e:
            self.show_refusal(sid, self.tr("no se pudo obtener ({0}: {1})").format(
                type(e).__name__, e))
            return False
        self.show_recording(sid, pcm, rate, dict(meta.get("row") or row or {"session_id": sid}),
                            meta.get("verification"), source, offset_s)
        self.opened.emit(sid)
        return True


def _first_problem(report: dict[str, Any]) -> str:
    for p in report.get("problems") or []:
        if p.get("severity") == "error":
            return f"{p.get('where')}: {p.get('what')}"
    return str(report.get("error") or json.dumps(report)[:200])
