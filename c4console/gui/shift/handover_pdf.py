"""The handover report on paper: a PDF with Qt's own writer, or a printer.

Dialogs are opened with ``open()`` and answer through signals: an ``exec()``
inside the qasync loop would stall it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from c4console.platform_support import private_file

PAGE = QPageSize(QPageSize.PageSizeId.A4)
# QTextDocument.print_ keeps a 2 cm margin inside the page's paintable area: the
# PDF page itself needs none; a printer keeps its own (hardware) margins.
PDF_MARGINS_MM = QMarginsF(0, 0, 0, 0)


def _document(html: str, title: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    doc.setHtml(html)
    return doc


def write_pdf(html: str, path: Path, title: str, creator: str = "c4console") -> Path:
    """Write ``html`` as an A4 PDF at ``path`` (page numbers at the foot); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator(creator)
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(PAGE, QPageLayout.Orientation.Portrait, PDF_MARGINS_MM,
                                     QPageLayout.Unit.Millimeter))
    _document(html, title).print_(writer)
    del writer  # the file is complete once the writer is gone
    return private_file(path)


def ask_pdf_path(parent: QWidget, suggested: Path, on_chosen) -> QFileDialog:
    """Ask where to save the PDF (non-blocking); ``on_chosen(Path)`` runs on acceptance."""
    title = QCoreApplication.translate("HandoverPdf", "Guardar reporte de entrega de turno")
    dialog = QFileDialog(parent, title, str(suggested))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(QCoreApplication.translate("HandoverPdf", "PDF (*.pdf)"))
    dialog.setDefaultSuffix("pdf")
    dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
    dialog.finished.connect(lambda _code: dialog.deleteLater())
    dialog.open()
    return dialog


def print_html(parent: QWidget, html: str, title: str) -> QPrintDialog:
    """Show the print dialog (non-blocking); prints the report if the person accepts."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(PAGE)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.printer_ref = printer  # keep the printer alive as long as the dialog
    dialog.accepted.connect(lambda: _document(html, title).print_(dialog.printer()))
    dialog.finished.connect(lambda _code: dialog.deleteLater())
    QDialog.open(dialog)  # QPrintDialog.open needs a receiver in PySide; QDialog's does not
    return dialog
