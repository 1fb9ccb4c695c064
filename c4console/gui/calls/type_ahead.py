"""A line edit with a ranked list under it, worked from the keyboard: what is typed re-ranks
the list, the first row is the choice until Up/Down (in the line edit) moves it — so the
operator never leaves the field to choose. Used for the CNIE type (core/calls/type_search)
and, through :class:`ListChooser`, for the location search."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem

from c4console.core.calls.type_search import search_types
from c4console.core.catalogue import Catalogue, IncidentType
from c4console.gui.shell.labels import priority_label


class ListChooser(QObject):
    """Binds ``edit`` and ``results``: ``search(text)`` gives (label, value) rows; ``chosen``
    carries the value of the current row (None when nothing matches)."""

    chosen = Signal(object)

    def __init__(self, edit: QLineEdit, results: QListWidget,
                 search: Callable[[str], Sequence[tuple[str, Any]]]) -> None:
        super().__init__(edit)
        self.edit, self.results, self._search = edit, results, search
        self.value: Any = None
        self._quiet = False
        edit.textEdited.connect(self.refresh)
        edit.installEventFilter(self)
        results.currentRowChanged.connect(self._row_changed)

    def refresh(self) -> None:
        """Re-rank for the text in the line edit; the first row becomes the choice."""
        rows = self._search(self.edit.text()) if self.edit.text().strip() else []
        self._quiet = True
        self.results.clear()
        for label, value in rows:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            self.results.addItem(item)
        self._quiet = False
        if rows:
            self.results.setCurrentRow(0)
        else:
            self._set(None)

    def _row_changed(self, row: int) -> None:
        if self._quiet:
            return
        item = self.results.item(row) if row >= 0 else None
        self._set(item.data(Qt.ItemDataRole.UserRole) if item is not None else None)

    def _set(self, value: Any) -> None:
        self.value = value
        self.chosen.emit(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the line edit move the list's choice."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and self.results.count():
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())
            if step is not None:
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return False


def type_rows(catalogue: Catalogue, text: str, limit: int = 8) -> list[tuple[str, IncidentType]]:
    """The ranked types for ``text`` as list rows: code, name, priority."""
    return [(f"{t.code} · {t.name} · {priority_label(t.priority)}", t)
            for t in search_types(catalogue, text, limit)]


def type_chooser(catalogue: Catalogue, edit: QLineEdit, results: QListWidget) -> ListChooser:
    """The CNIE type's type-ahead (code or words, accents ignored)."""
    return ListChooser(edit, results, lambda text: type_rows(catalogue, text))
