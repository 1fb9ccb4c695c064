"""The dialog of a report to save: its period (this month by default, any days), its
format, *Guardar…*; and a line that says what happened (saved where, or what the
central refused, in Spanish). Layout in ui/report.ui."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDialog, QWidget

from c4console.gui.forms.ui_report import Ui_ReportDialog


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportDialog(QDialog):
    """Period and format of one report; ``saveRequested(first, last, fmt)`` with the days
    as ``YYYY-MM-DD``. Opened with ``open()`` (never ``exec``: qasync)."""

    saveRequested = Signal(str, str, str)

    def __init__(self, title: str, formats: Sequence[str], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ReportDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(title)
        self.first, self.last = self.ui.reportFirst, self.ui.reportLast
        self.format, self.message, self.save = (self.ui.reportFormat, self.ui.reportMessage,
                                                self.ui.reportSave)
        self.set_period(today.replace(day=1), today)
        for fmt in formats:
            self.format.addItem(fmt.upper(), fmt)
        self.save.clicked.connect(self._save)
        self.ui.reportClose.clicked.connect(self.reject)

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
