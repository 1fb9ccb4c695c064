"""The supervisor's recordings library: list and filter the recordings, open one for replay,
keep the replayed ones in a bounded local cache, export evidence.

Given its service (the central's recordings through the typed API, and the cache); the
main window lays it out as a dock, with the replay panel (gui/audio/replay_panel.py) beside it,
for the roles the core's table lets list and replay recordings; the central refuses the
other roles anyway (403). The list
comes from the central's recordings list; with the central unreachable it shows what the
cache holds, and a cached recording replays offline.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
import json
import logging
import wave
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from c4console.gui.shell.labels import format_elapsed
from c4console.gui.shell.tasks import run_async
from c4console.platform_support import private_dir, write_private
from c4console.sync.central_api import CentralApi
from c4console.sync.recordings import DEFAULT_CACHE_MB, RecordingCache, RecordingRefused, RecordingsApi

log = logging.getLogger(__name__)

COLUMNS = 8


def wav_pcm(data: bytes) -> tuple[np.ndarray, int]:
    """(int16 samples, rate) of a 16-bit mono WAV."""
    with wave.open(io.BytesIO(data), "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise ValueError("not a 16-bit mono WAV")
        rate, raw = w.getframerate(), w.readframes(w.getnframes())
    return np.frombuffer(raw[: len(raw) // 2 * 2], dtype="<i2").astype(np.int16), rate


class RecordingsService:
    """Fetching, caching and exporting recordings for one console (no widgets)."""

    def __init__(self, central: CentralApi, cache: RecordingCache) -> None:
        self.central = central
        self.cache = cache

    def api(self) -> RecordingsApi | None:
        """The central's recordings endpoints (None before the first connection)."""
        return self.central.recordings()

    async def list(self) -> tuple[list[dict[str, Any]], str]:
        """The central's recordings plus the cached ones it did not list; and a problem, if any."""
        problem = ""
        rows: list[dict[str, Any]] = []
        api = self.api()
        try:
            if api is None:
                raise ConnectionError("not connected")
            rows = await api.list()
        except RecordingRefused as e:
            problem = f"{e.status}: {e}"
        except Exception as e:  # unreachable central: the cache still answers
            problem = f"offline: {type(e).__name__}: {e}"
        cached = await asyncio.to_thread(self.cache.entries)
        listed = {r.get("session_id") for r in rows}
        rows += [dict(c.meta.get("row") or {"session_id": c.session_id}) for c in cached
                 if c.session_id not in listed]
        return rows, problem

    async def load(self, sid: str, row: dict[str, Any] | None = None
                   ) -> tuple[np.ndarray, int, dict[str, Any], str]:
        """(int16 samples, rate, cache meta, "cache" | "central"): from the cache if it holds the
        recording intact, else downloaded (verified by the central) and cached."""
        cached = await asyncio.to_thread(self.cache.get, sid)
        if cached is not None:
            data = await asyncio.to_thread(cached.wav.read_bytes)
            if hashlib.sha256(data).hexdigest() == cached.meta.get("wav_sha256"):
                pcm, rate = wav_pcm(data)
                return pcm, rate, cached.meta, "cache"
            log.warning("cached recording %s changed on this disk: fetched again", sid)
            await asyncio.to_thread(self.cache.remove, sid)
        api = self.api()
        if api is None:
            raise ConnectionError("not connected to the central and the recording is not cached")
        data, headers = await api.audio(sid)
        manifest = await api.manifest(sid)
        report = await api.verification(sid)
        meta = {"row": row or {"session_id": sid}, "verification": report, "headers": headers,
                "wav_sha256": hashlib.sha256(data).hexdigest(),
                "fetched_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        try:
            await asyncio.to_thread(self.cache.put, sid, data, manifest, meta)
        except OSError as e:
            log.warning("recording %s not cached: %s", sid, e)
        pcm, rate = wav_pcm(data)
        return pcm, rate, meta, "central"

    async def verify(self, sid: str, purpose: str = "export") -> tuple[dict[str, Any] | None, bool]:
        """(the central's verification report, False) or, offline, (the stored one, True)."""
        api = self.api()
        try:
            if api is None:
                raise ConnectionError("not connected")
            return await api.verification(sid, purpose), False
        except RecordingRefused:
            raise
        except Exception as e:
            log.info("verification of %s from the cache: %s", sid, e)
        cached = await asyncio.to_thread(self.cache.get, sid, False)
        return (cached.meta.get("verification") if cached else None), True

    async def export(self, sid: str, folder: Path, report: dict[str, Any] | None) -> list[Path]:
        """WAV + manifest + verification report (text and JSON) into ``folder``."""
        cached = await asyncio.to_thread(self.cache.get, sid)
        if cached is None:
            await self.load(sid)
            cached = await asyncio.to_thread(self.cache.get, sid)
        if cached is None:
            raise OSError(f"recording {sid} could not be kept for export")
        report = report or cached.meta.get("verification") or {}

        def write() -> list[Path]:
            private_dir(folder, tighten=False)
            out = [folder / f"{sid}.wav", folder / f"{sid}.manifest.jsonl",
                   folder / f"{sid}.verification.txt", folder / f"{sid}.verification.json"]
            write_private(out[0], cached.wav.read_bytes())
            write_private(out[1], cached.manifest.read_bytes() if cached.manifest.is_file() else b"")
            write_private(out[2], str(report.get("text") or ""))
            write_private(out[3], json.dumps(report, indent=2))
            return out

        return await asyncio.to_thread(write)


def _operator(state, row: dict[str, Any]) -> str:
    """Who worked the incident (acknowledged it), else who opened the audio session."""
    iid = row.get("incident_id")
    if iid and state is not None:
        for ev in state.timeline(iid):
            if ev.kind == "acknowledged":
                return ev.actor
    return str(row.get("created_by") or "")


class RecordingsLibrary(QWidget):
    """The list of recordings with its filters."""

    openRequested = Signal(str, float)  # session id, offset s

    def __init__(self, service: RecordingsService, state, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("recordingsLibrary")
        self.service = service
        self.state = state
        self.rows: list[dict[str, Any]] = []
        self.visible_rows: list[dict[str, Any]] = []
        self.problem = ""

        today = QDate.currentDate()
        self.f_from = QDateEdit(today.addDays(-30))
        self.f_to = QDateEdit(today)
        for d in (self.f_from, self.f_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.dateChanged.connect(self.apply_filters)
        self.f_incident = QLineEdit()
        self.f_device = QLineEdit()
        self.f_person = QLineEdit()
        self.f_operator = QLineEdit()
        for w, hint in ((self.f_incident, self.tr("Folio o id")), (self.f_device, self.tr("Dispositivo")),
                        (self.f_person, self.tr("Nombre o id")), (self.f_operator, self.tr("Usuario"))):
            w.setPlaceholderText(hint)
            w.setClearButtonEnabled(True)
            w.textChanged.connect(self.apply_filters)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Desde:")), 0, 0)
        grid.addWidget(self.f_from, 0, 1)
        grid.addWidget(QLabel(self.tr("Hasta:")), 0, 2)
        grid.addWidget(self.f_to, 0, 3)
        grid.addWidget(QLabel(self.tr("Incidente:")), 0, 4)
        grid.addWidget(self.f_incident, 0, 5)
        grid.addWidget(QLabel(self.tr("Dispositivo:")), 1, 0)
        grid.addWidget(self.f_device, 1, 1)
        grid.addWidget(QLabel(self.tr("Beneficiaria:")), 1, 2)
        grid.addWidget(self.f_person, 1, 3)
        grid.addWidget(QLabel(self.tr("Operador(a):")), 1, 4)
        grid.addWidget(self.f_operator, 1, 5)

        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("recordingsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Inicio"), self.tr("Folio"), self.tr("Dispositivo"), self.tr("Beneficiaria"),
            self.tr("Operador(a)"), self.tr("Duración"), self.tr("Estado"), self.tr("En caché")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())

        self.b_refresh = QPushButton(self.tr("Actualizar"))
        self.b_refresh.clicked.connect(lambda: run_async(self.reload()))
        self.b_open = QPushButton(self.tr("Reproducir"))
        self.b_open.setObjectName("recordingsOpen")
        self.b_open.clicked.connect(self.open_selected)
        self.status = QLabel()
        self.status.setObjectName("recordingsStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.b_refresh)
        buttons.addWidget(self.b_open)

        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)

    async def reload(self) -> None:
        """Fetch the list again (the cache's when the central is unreachable)."""
        self.rows, self.problem = await self.service.list()
        self.apply_filters()

    def _person(self, row: dict[str, Any]) -> str:
        b = self.state.beneficiaries.get(row.get("beneficiary_id") or "") if self.state else None
        return b.name if b is not None else str(row.get("beneficiary_id") or "")

    def _matches(self, row: dict[str, Any]) -> bool:
        started = row.get("started_at")
        if isinstance(started, int | float):
            day = dt.date.fromtimestamp(started)
            if not (self.f_from.date().toPython() <= day <= self.f_to.date().toPython()):
                return False
        for box, values in ((self.f_incident, (row.get("folio"), row.get("incident_id"))),
                            (self.f_device, (row.get("device_id"),)),
                            (self.f_person, (self._person(row), row.get("beneficiary_id"))),
                            (self.f_operator, (_operator(self.state, row), row.get("created_by")))):
            text = box.text().strip().lower()
            if text and not any(text in str(v or "").lower() for v in values):
                return False
        return True

    def apply_filters(self) -> None:
        """Redraw the table with the rows the filters let through."""
        self.visible_rows = [r for r in self.rows if self._matches(r)]
        self.table.setRowCount(len(self.visible_rows))
        cache = self.service.cache
        for i, r in enumerate(self.visible_rows):
            started = r.get("started_at")
            cells = (
                dt.datetime.fromtimestamp(started).strftime("%Y-%m-%d %H:%M:%S")
                if isinstance(started, int | float) else "—",
                str(r.get("folio") or ""), str(r.get("device_id") or ""), self._person(r),
                _operator(self.state, r), format_elapsed(float(r.get("duration_s") or 0.0)),
                str(r.get("status") or ""),
                self.tr("sí") if cache.contains(str(r.get("session_id"))) else self.tr("no"),
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.get("session_id"))
                self.table.setItem(i, j, item)
        held = cache.entries()
        text = self.tr("{0} grabaciones · caché local: {1} ({2:.1f} de {3:.0f} MB)").format(
            len(self.visible_rows), len(held), sum(c.size for c in held) / 2**20, cache.limit_bytes / 2**20)
        if self.problem.startswith("offline"):
            text = self.tr("Sin conexión con la central: solo las grabaciones en caché se pueden "
                           "reproducir. ") + text
        elif self.problem:
            text = self.tr("La central no dio la lista: {0}. ").format(self.problem) + text
        self.status.setText(text)

    def select(self, sid: str) -> bool:
        """Select a recording's row; False if it is not shown."""
        for i, r in enumerate(self.visible_rows):
            if r.get("session_id") == sid:
                self.table.selectRow(i)
                return True
        return False

    def row_of(self, sid: str) -> dict[str, Any] | None:
        """The listed row of a recording (None if it is not listed)."""
        return next((r for r in self.rows if r.get("session_id") == sid), None)

    def open_selected(self) -> None:
        """Replay the selected recording."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.openRequested.emit(str(self.visible_rows[rows[0].row()].get("session_id")), 0.0)


def recordings_cache(settings) -> RecordingCache:
    """The console's cache of downloaded recordings: beside its settings file, bounded by
    ``replay/cache_mb`` (default :data:`DEFAULT_CACHE_MB`)."""
    data_dir = Path(settings.qsettings.fileName()).parent
    try:
        mb = float(settings.qsettings.value("replay/cache_mb", DEFAULT_CACHE_MB))
    except (TypeError, ValueError):
        mb = DEFAULT_CACHE_MB
    return RecordingCache(data_dir / "recordings-cache", int(max(1.0, mb) * 2**20))
