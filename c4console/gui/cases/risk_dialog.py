"""The risk assessment (supervisors and admins): the questionnaire of
``resources/cases/risk_items.csv``, yes / no / no sé for each item, with the level the
answers give shown as they are given (the core's scorer, the same the central signs
with). Opened with ``open()``; ``submitted`` carries the answers and the note.

The frame (headings, level line, note, buttons) is the Qt Designer form ui/risk.ui; the
rows, one per item of the catalogue, are added here."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QDialog, QDialogButtonBox, QLabel, QRadioButton, QWidget

from c4console.core.cases.risk import RiskQuestionnaire, RiskResult
from c4console.gui.cases.case_labels import risk_badge
from c4console.gui.forms.ui_risk import Ui_RiskDialog
from c4console.gui.shell.plain_text import RICH_TEXT, plain_labels

# Button id in each item's group → the answer it stands for.
_ANSWERS: dict[int, bool | None] = {0: True, 1: False, 2: None}


class RiskDialog(QDialog):
    """One row per item (yes / no / no sé), the level so far, a note."""

    submitted = Signal(dict, str)  # answers {item code: true/false/null}, note

    def __init__(self, questionnaire: RiskQuestionnaire, who: str, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_RiskDialog()
        self.ui.setupUi(self)
        self.ui.riskPerson.setText(self.ui.riskPerson.text().format(who))
        self.questionnaire = questionnaire
        self.groups: dict[str, QButtonGroup] = {}
        grid, host = self.ui.grid, self.ui.riskItems
        focus_chain: list[QWidget] = [self.ui.riskScroll]
        for row, item in enumerate(questionnaire.items.values(), start=1):
            question = QLabel(item.question, host)
            question.setWordWrap(True)
            grid.addWidget(question, row, 0)
            group = QButtonGroup(self)
            for bid in _ANSWERS:
                b = QRadioButton(host)
                b.setObjectName(f"risk_{item.code}_{bid}")
                group.addButton(b, bid)
                grid.addWidget(b, row, bid + 1, Qt.AlignmentFlag.AlignCenter)
                focus_chain.append(b)
            group.button(2).setChecked(True)
            group.idClicked.connect(self._update)
            self.groups[item.code] = group
        # Tab goes through the answers, then the note and the buttons.
        focus_chain += [self.ui.riskNote, self.ui.box]
        for before, after in pairwise(focus_chain):
            QWidget.setTabOrder(before, after)
        self.level = self.ui.riskLevelPreview
        self.level.setProperty(RICH_TEXT, True)  # the level badge: the console's own markup
        self.note = self.ui.riskNote
        box = self.ui.box
        box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Guardar evaluación"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        plain_labels(self)  # her name, the items' text: never markup (the level badge opts out)
        self._update()

    def set_answer(self, code: str, answer: bool | None) -> None:
        """Answer one item (as clicking its button does)."""
        bid = next(k for k, v in _ANSWERS.items() if v is answer)
        self.groups[code].button(bid).setChecked(True)
        self._update()

    def answers(self) -> dict[str, bool | None]:
        """Every item's answer (None: no sé)."""
        return {code: _ANSWERS[g.checkedId()] for code, g in self.groups.items()}

    def scored(self) -> RiskResult:
        """What the answers so far give."""
        return self.questionnaire.score(self.answers())

    def _update(self, *_args) -> None:
        r = self.scored()
        self.level.setText(risk_badge(r.level) + "  " + self.tr(
            "puntuación {0} de {1}; sin responder: {2}").format(r.score, r.max_score,
                                                                len(r.unanswered)))

    def accept(self) -> None:
        self.submitted.emit(self.answers(), self.note.text().strip())
        super().accept()
