"""The incident queue panel: search, open/all filter and the sorted table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from c4console.gui.queue_model import ID_ROLE, Col, IncidentQueueModel


class QueueFilter(QSortFilterProxyModel):
    """Filters by open/all and a search text; sorting is left to the source model."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.open_only = True
        self.text = ""
        self.setDynamicSortFilter(False)

    def set_filter(self, open_only: bool, text: str) -> None:
        """Change the filter and re-evaluate the rows."""
        self.beginFilterChange()
        self.open_only, self.text = open_only, text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        src: IncidentQueueModel = self.sourceModel()  # type: ignore[assignment]
        inc = src.state.incident(src.incident_id(row))
        if inc is None:
            return False
        if self.open_only and not inc.is_open:
            return False
        if not self.text:
            return True
        hay = " ".join((inc.folio, inc.type_code, inc.sector, inc.colonia, inc.caller,
                        inc.address, src.data(src.index(row, Col.TYPE)) or "")).lower()
        return self.text in hay

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts itself (fast); the proxy keeps its order.
        self.sourceModel().sort(column, order)


class QueuePanel(QWidget):
    """Search box, filter and the queue table; announces the selected incident."""

    incidentSelected = Signal(str)

    def __init__(self, model: IncidentQueueModel, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self.model = model
        self.proxy = QueueFilter(self)
        self.proxy.setSourceModel(model)
        self.search = QLineEdit(self)
        self.search.setObjectName("queueSearch")
        self.search.setPlaceholderText(self.tr("Buscar folio, colonia, tipo… (Ctrl+F)"))
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("Abiertos"), True)
        self.scope.addItem(self.tr("Todos"), False)
        self.view = QTableView(self)
        self.view.setObjectName("queueTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(False)
        self.view.horizontalHeader().setSectionsClickable(True)
        self.view.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        for col, width in ((Col.PRIORITY, 70), (Col.FOLIO, 150), (Col.TYPE, 200),
                           (Col.CHANNEL, 110), (Col.PLACE, 170), (Col.STATUS, 90),
                           (Col.ELAPSED, 60)):
            self.view.setColumnWidth(col, width)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.search.textChanged.connect(self._refilter)
        self.scope.currentIndexChanged.connect(self._refilter)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.scope)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.view)
        self._sort_col = -1
        self._sort_desc = False

    def _header_clicked(self, col: int) -> None:
        # Third click returns to the queue's default order (urgent, oldest first).
        if self._sort_col == col and self._sort_desc:
            self._sort_col, self._sort_desc = -1, False
        elif self._sort_col == col:
            self._sort_desc = True
        else:
            self._sort_col, self._sort_desc = col, False
        order = Qt.SortOrder.DescendingOrder if self._sort_desc else Qt.SortOrder.AscendingOrder
        self.model.sort(self._sort_col, order)

    def _refilter(self) -> None:
        self.proxy.set_filter(bool(self.scope.currentData()), self.search.text())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.incidentSelected.emit(self.proxy.data(current, ID_ROLE))

    def select_incident(self, iid: str) -> bool:
        """Make an incident the current row (clearing a filter that hides it)."""
        row = self.model.row_of(iid)
        if row < 0:
            return False
        ix = self.proxy.mapFromSource(self.model.index(row, 0))
        if not ix.isValid():
            self.search.clear()
            self.scope.setCurrentIndex(1)
            ix = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(ix)
        self.view.scrollTo(ix)
        return True

    def current_incident(self) -> str | None:
        """The selected incident's id."""
        ix = self.view.currentIndex()
        return self.proxy.data(ix, ID_ROLE) if ix.isValid() else None

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus()
        self.search.selectAll()
