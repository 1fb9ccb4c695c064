"""The *Observatorio* window (issue 14; supervisors and admins): filters (period, type,
channel, risk), the map (choropleth of the cuadrantes and heat layer), the hour ×
weekday and monthly charts, and the colonias ranked by incidence with *Carteles QR
para las seleccionadas* — the WhatsApp QR posters of the chosen colonias' sectors,
saved where the user says. Every figure comes from the central
(:class:`~c4console.sync.observatory_api.ObservatoryApi`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from c4console.core.cases.vocabulary import RiskLevel
from c4console.core.catalogue import Catalogue
from c4console.core.enums import Channel
from c4console.gui.cases.case_labels import risk_label
from c4console.gui.observatory.observatory_charts import HourWeekdayChart, MonthlyChart
from c4console.gui.observatory.observatory_map import ObservatoryMap
from c4console.gui.shell.labels import channel_label, error_text
from c4console.gui.shell.tasks import Run
from c4console.sync.observatory_api import ObservatoryApi, ObservatoryRefused

PHONE_KEY = "observatory/whatsapp_phone"  # the C4's WhatsApp number, remembered
# Choose where to save the posters: (parent, suggested path) → the path, or None.
ChoosePath = Callable[[QWidget, Path], Path | None]


def ask_where(parent: QWidget, suggested: Path) -> Path | None:
    """The save dialog (opened modally from a plain slot, not from a coroutine)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("ObservatoryWindow", "Guardar los carteles QR"),
        str(suggested), QCoreApplication.translate("ObservatoryWindow", "PDF (*.pdf)"))
    return Path(path) if path else None


class ObservatoryWindow(QWidget):
    """One window per console; :meth:`query` asks the central for the filters shown.
    ``answered`` is emitted with each answer shown, ``postersSaved`` with the file."""

    answered = Signal(dict)
    postersSaved = Signal(str)

    def __init__(self, api: ObservatoryApi, catalogue: Catalogue, jurisdiction_geojson: dict,
                 page_dir: Path, run: Run, *, qsettings: Any = None,
                 choose_path: ChoosePath = ask_where, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("observatoryWindow")
        self.setWindowTitle(self.tr("Observatorio: dónde y cuándo ocurren los incidentes"))
        self.api, self.run, self.qsettings, self.choose_path = api, run, qsettings, choose_path
        self.last: dict[str, Any] | None = None
        self._build_filters(catalogue)
        self.map = ObservatoryMap(page_dir, jurisdiction_geojson, self)
        self.hours = HourWeekdayChart(self)
        self.months = MonthlyChart(self)
        self._build_ranking()
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.hours, 2)
        rl.addWidget(self.months, 2)
        rl.addWidget(self.ranking, 3)
        rl.addLayout(self._poster_row())
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.map)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 520])  # the map first: it is what the window is about
        self.status = QLabel(self)
        self.status.setObjectName("obsStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self.resize(1280, 800)

    # --- building ---------------------------------------------------------------------------
    def _combo(self, name: str, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.addItem(everything, "")
        for value, label in items:
            box.addItem(label, value)
        return box

    def _build_filters(self, catalogue: Catalogue) -> None:
        today = date.today()
        self.first = QDateEdit(QDate(today - timedelta(days=364)), self)
        self.first.setObjectName("obsFrom")
        self.last_day = QDateEdit(QDate(today), self)
        self.last_day.setObjectName("obsTo")
        for edit in (self.first, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.type = self._combo("obsType", self.tr("Todos los tipos"),
                                [(code, f"{code} {t.name}") for code, t in sorted(catalogue.types.items())])
        self.channel = self._combo("obsChannel", self.tr("Todos los canales"),
                                   [(c.value, channel_label(c)) for c in Channel])
        self.risk = self._combo("obsRisk", self.tr("Cualquier riesgo"),
                                [(r.value, risk_label(r)) for r in RiskLevel])
        self.query_button = QPushButton(self.tr("Consultar"), self)
        self.query_button.setObjectName("obsQuery")
        self.query_button.clicked.connect(self.query)
        form = QFormLayout()
        form.addRow(self.tr("Desde"), self.first)
        form.addRow(self.tr("Hasta"), self.last_day)
        self.filters = QHBoxLayout()
        self.filters.addLayout(form)
        for label, box in ((self.tr("Tipo"), self.type), (self.tr("Canal"), self.channel),
                           (self.tr("Riesgo de su caso"), self.risk)):
            self.filters.addWidget(QLabel(label, self))
            self.filters.addWidget(box)
        self.filters.addWidget(self.query_button)
        self.filters.addStretch(1)

    def _build_ranking(self) -> None:
        self.ranking = QTableWidget(0, 4, self)
        self.ranking.setObjectName("obsRanking")
        self.ranking.setHorizontalHeaderLabels(
            [self.tr("Lugar"), self.tr("Colonia"), self.tr("Sector"), self.tr("Incidentes")])
        self.ranking.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ranking.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.ranking.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ranking.verticalHeader().hide()
        self.ranking.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _poster_row(self) -> QHBoxLayout:
        self.phone = QLineEdit(self)
        self.phone.setObjectName("obsPhone")
        self.phone.setPlaceholderText(self.tr("WhatsApp del C4, p. ej. +526861234567"))
        if self.qsettings is not None:
            self.phone.setText(str(self.qsettings.value(PHONE_KEY, "") or ""))
        self.posters_button = QPushButton(self.tr("Carteles QR para las seleccionadas"), self)
        self.posters_button.setObjectName("obsPosters")
        self.posters_button.clicked.connect(self.save_posters)
        row = QHBoxLayout()
        row.addWidget(self.phone, 1)
        row.addWidget(self.posters_button)
        return row

    # --- asking the central -----------------------------------------------------------------
    def _filters(self) -> dict[str, Any]:
        def chosen(box: QComboBox) -> list[str]:
            return [box.currentData()] if box.currentData() else []

        return {"first": self.first.date().toString("yyyy-MM-dd"),
                "last": self.last_day.date().toString("yyyy-MM-dd"),
                "types": chosen(self.type), "channels": chosen(self.channel),
                "risks": chosen(self.risk)}

    def query(self) -> None:
        """Ask the central for the observatory of the filters shown."""
        self.status.setText(self.tr("Consultando a la central…"))
        self.query_button.setEnabled(False)
        self.run(self._query(self._filters()), self.tr("consultar el observatorio"),
                 on_error=self._failed)

    async def _query(self, f: dict[str, Any]) -> None:
        try:
            data = await self.api.observatory(f["first"], f["last"], types=f["types"],
                                              channels=f["channels"], risks=f["risks"])
        except ObservatoryRefused as e:
            self.query_button.setEnabled(True)
            self.status.setText(self.tr("La central no aceptó la consulta: {0}").format(e))
            return
        self.query_button.setEnabled(True)
        self.show_answer(data)

    def _failed(self, error: BaseException) -> None:
        self.query_button.setEnabled(True)
        self.status.setText(self.tr("No se pudo consultar el observatorio: {0}")
                            .format(error_text(error)))

    def show_answer(self, data: dict[str, Any]) -> None:
        """Show one answer of the central everywhere in the window."""
        self.last = data
        p = data["period"]
        text = self.tr("{0} incidentes del {1} al {2}").format(data["total"], p["from"], p["to"])
        if data.get("unplaced"):
            text += " · " + self.tr("{0} sin ubicación (no están en el mapa)").format(data["unplaced"])
        self.status.setText(text)
        self.map.show_answer(data)
        self.hours.show_grid(data["hour_weekday"])
        self.months.show_months(data["months"])
        self.ranking.setRowCount(0)
        for row, c in enumerate(data["colonias"]):
            self.ranking.insertRow(row)
            for col, value in enumerate((c["rank"], c["colonia"], c["sector"], c["count"])):
                item = QTableWidgetItem(str(value))
                if col in (0, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.ranking.setItem(row, col, item)
        self.answered.emit(data)

    # --- the posters ------------------------------------------------------------------------
    def selected_sectors(self) -> list[str]:
        """The sectors of the colonias selected in the ranking, in ranking order, once each."""
        rows = sorted({i.row() for i in self.ranking.selectedIndexes()})
        sectors: list[str] = []
        for r in rows:
            item = self.ranking.item(r, 2)
            if item is not None and item.text() and item.text() not in sectors:
                sectors.append(item.text())
        return sectors

    def save_posters(self) -> None:
        """Ask where, then fetch the selected colonias' sectors' posters and save them."""
        sectors = self.selected_sectors()
        phone = self.phone.text().strip()
        if not sectors:
            self.status.setText(self.tr("Seleccione en la tabla las colonias de los carteles."))
            return
        if not phone:
            self.status.setText(self.tr("Escriba el número de WhatsApp del C4 para los carteles."))
            return
        path = self.choose_path(self, Path.home() / f"carteles-qr-{'-'.join(sectors)}.pdf")
        if path is None:
            return
        if self.qsettings is not None:
            self.qsettings.setValue(PHONE_KEY, phone)
        self.status.setText(self.tr("Preparando los carteles de {0}…").format(", ".join(sectors)))
        self.run(self._save_posters(sectors, phone, path), self.tr("preparar los carteles QR"),
                 on_error=lambda e: self.status.setText(
                     self.tr("No se pudieron preparar los carteles: {0}").format(error_text(e))))

    async def _save_posters(self, sectors: list[str], phone: str, path: Path) -> None:
        pdf = await self.api.posters(sectors, phone)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)  # posters are public: no personal data in them
        self.status.setText(self.tr("Carteles de {0} guardados en {1}").format(", ".join(sectors), path))
        self.postersSaved.emit(str(path))

    def showEvent(self, event: Any) -> None:
        """The first show asks the central at once."""
        super().showEvent(event)
        if self.last is None and self.query_button.isEnabled():
            QTimer.singleShot(0, self.query)
