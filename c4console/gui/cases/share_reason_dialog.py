"""A step on a share that needs its own reason: *Retirar* (``revoke_case_share``) or
*Compartir notas psicológicas…* (``share_psych_notes``, the explicit second step, with a
warning). The layout is the Qt Designer form ui/share_reason.ui.

``submitted`` carries the command's fields (``share_id``, ``reason``); the caller sends them
and answers with :meth:`show_refusal` (reason kept) or closes it when the share changes on
the feed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from c4console.gui.cases.sharing_labels import refusal_text
from c4console.gui.forms.ui_share_reason import Ui_ShareReasonDialog
from c4console.gui.shell.plain_text import plain_labels


class ShareReasonDialog(QDialog):
    """Title, what is about to happen, an optional warning and the required reason."""

    submitted = Signal(dict)  # the command's fields: share_id, reason

    def __init__(self, kind: str, share_id: str, title: str, what: str, warning: str = "",
                 parent: QWidget | None = None) -> None:
        """``kind``: the command it sends (revoke_case_share, share_psych_notes)."""
        super().__init__(parent)
        self.kind, self.share_id = kind, share_id
        self.ui = ui = Ui_ShareReasonDialog()
        ui.setupUi(self)
        self.setWindowTitle(title)
        ui.shareStepWhat.setText(what)
        ui.shareStepWarning.setText(warning)
        ui.shareStepWarning.setVisible(bool(warning))
        self.reason, self.problem, self.warning = (ui.shareStepReason, ui.shareStepProblem,
                                                   ui.shareStepWarning)
        ui.box.accepted.connect(self.send)
        ui.box.rejected.connect(self.reject)
        plain_labels(self)
        self.sending = False

    def ok_button(self):
        """The button that sends (tests click it)."""
        return self.ui.box.button(QDialogButtonBox.StandardButton.Ok)

    def send(self) -> None:
        """The reason is required; then hand the fields over (``submitted``)."""
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.problem.setText(self.tr("Escriba el motivo: queda registrado con el compartido"))
            return
        self.problem.setText(self.tr("Enviando…"))
        self.ok_button().setEnabled(False)
        self.sending = True
        self.submitted.emit({"share_id": self.share_id, "reason": reason})

    def show_refusal(self, reason: str) -> None:
        """The central refused the step: say why in plain words; keep the reason typed."""
        self.problem.setText(refusal_text(reason))
        self.ok_button().setEnabled(True)
        self.sending = False
