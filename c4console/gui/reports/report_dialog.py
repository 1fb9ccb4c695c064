"""The dialog of a report to save: its period (this month by default, any days), its
format, *Guardar…*; and a line that says what happened (saved where, or what the
central refused, in Spanish)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportDialog(QDialog):
    """Period and format of one report; ``saveRequested(first, last, fmt)`` with the days
    as ``YYYY-MM-DD``. Opened with :meth:`open` (never ``exec``: qasync)."""

    saveRequested = Signal(str, str, str)

    def __init__(self, title: str, formats: Sequence[str], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.first = QDateEdit(_qdate(today.replace(day=1)), self)
        self.last = QDateEdit(_qdate(today), self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.format = QComboBox(self)
        for fmt in formats:
            self.format.addItem(fmt.upper(), fmt)
        form = QFormLayout()
        form.addRow(self.tr("Desde"), self.first)
        form.addRow(self.tr("Hasta (incluido)"), self.last)
        form.addRow(self.tr("Formato"), self.format)
        self.message = QLabel(self)
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save = QPushButton(self.tr("Guardar…"), self)
        self.save.setObjectName("reportSave")
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save.clicked.connect(self._save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def set_period(self, first: date, last: date) -> None:
        """Show the days ``first`` to ``last``."""
        self.first.setDate(_qdate(first))
        self.last.setDate(_qdate(last))

    def set_format(self, fmt: str) -> None:
        """Choose ``fmt`` (one of the dialog's formats)."""
        self.format.setCurrentIndex(self.format.findData(fmt))

    def show_message(self, text: str) -> None:
        """What happened (saved, refused, failed)."""
        self.message.setText(text)

    def _save(self) -> None:
        self.saveRequested.emit(self.first.date().toString("yyyy-MM-dd"),
                                self.last.date().toString("yyyy-MM-dd"),
                                str(self.format.currentData()))
