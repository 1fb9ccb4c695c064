"""A read-only table of keyed rows that redraws only the rows that changed.

The dock recomputes its rows on each refresh; when the same keys come back in the same
order only the rows whose text changed are announced (``dataChanged``), otherwise the
table is reset."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt

from c4console.gui.shell.table_model import HeaderedTableModel

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class RowsModel(HeaderedTableModel):
    """Rows of text, each with a key (a visit id, a plan id)."""

    def __init__(self, headers: Sequence[str], parent=None, drag_mime: str = "") -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._keys: list[str] = []
        self._rows: list[tuple[str, ...]] = []
        self._drag_mime = drag_mime  # rows drag their key under this type ("": no drag)

    def _row_total(self) -> int:
        return len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == KEY_ROLE:
            return self._keys[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() and self._drag_mime else base

    def mimeTypes(self) -> list[str]:
        return [self._drag_mime] if self._drag_mime else []

    def mimeData(self, indexes) -> QMimeData | None:
        for ix in indexes:
            if ix.isValid() and self._drag_mime:
                mime = QMimeData()
                mime.setData(self._drag_mime, self._keys[ix.row()].encode("utf-8"))
                mime.setText(self._rows[ix.row()][0])
                return mime
        return None

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def key(self, row: int) -> str | None:
        """The key shown on a row."""
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def keys(self) -> list[str]:
        """The keys, in row order."""
        return list(self._keys)

    def row_of(self, key: str) -> int:
        """The row of a key, or -1."""
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    def text(self, row: int) -> tuple[str, ...]:
        """A row's cells."""
        return self._rows[row]

    def set_rows(self, rows: Sequence[tuple[str, tuple[str, ...]]]) -> int:
        """Show these (key, cells) rows; returns how many rows were redrawn."""
        keys = [k for k, _ in rows]
        cells = [c for _, c in rows]
        if keys != self._keys:
            self.beginResetModel()
            self._keys, self._rows = keys, cells
            self.endResetModel()
            return len(keys)
        changed = [r for r, (old, new) in enumerate(zip(self._rows, cells, strict=True)) if old != new]
        self._rows = cells
        last = len(self._headers) - 1
        for r in changed:
            self.dataChanged.emit(self.index(r, 0), self.index(r, last))
        return len(changed)
