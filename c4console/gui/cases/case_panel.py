"""Expedientes (supervisors, admins): the cases this console holds, searched by name;
the selected one's profile, orders, risk history and aggressors, and below it her
coordination sections (gui/cases/case_sections.py: *Compartido con*, *Lecturas de otras
instituciones*, *Línea de tiempo*). Read-only apart from the risk assessment
(``assessRequested``), an order's exclusion zones (``zonesRequested``, shown with
:meth:`show_zones`) and sharing her case (``shareRequested``); editing the whole case form
comes later."""

from __future__ import annotations

import datetime as dt
import unicodedata
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from c4console.core.cases.records import Case
from c4console.core.cases.risk import level_history
from c4console.gui.cases.case_labels import risk_badge, risk_label, sex_label
from c4console.gui.cases.case_sections import CaseSections
from c4console.gui.shell.plain_text import RICH_TEXT
from c4console.sync.state import ConsoleState, Touched

MAX_LISTED = 300  # rows drawn at once; the search narrows the rest


def _fold(text: str) -> str:
    """Lower case without accents, for a forgiving search."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold())
                   if unicodedata.category(c) != "Mn")


class CasePanel(QWidget):
    """The list of cases, a search box and the selected case's profile."""

    assessRequested = Signal(str)  # case id
    zonesRequested = Signal(str, str)  # case id, protection order number
    banavimRequested = Signal(str)  # case id (issue 12: gui/banavim)
    referRequested = Signal(str)  # case id: Canalizar (gui/referrals)
    interveneRequested = Signal(str)  # case id: Registrar intervención (gui/specialists)
    shareRequested = Signal(str)  # case id: Compartir con una institución (sharing_actions)

    def __init__(self, state: ConsoleState, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("casePanel")
        self.state = state
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("Buscar por nombre…"))
        self.search.textChanged.connect(self.reload)
        self.list = QListWidget()
        self.list.setObjectName("caseList")
        self.list.currentItemChanged.connect(lambda *_: self.show_selected())
        self.profile = QLabel()
        self.profile.setObjectName("caseProfile")
        self.profile.setTextFormat(Qt.TextFormat.RichText)
        self.profile.setProperty(RICH_TEXT, True)  # its data is escaped (_profile)
        self.profile.setWordWrap(True)
        self.profile.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.assess = QPushButton(self.tr("Evaluar riesgo…"))
        self.assess.setObjectName("caseAssessRisk")
        self.assess.clicked.connect(self._assess)
        # An order's exclusion zones (roles that may set them: show_zones).
        self.order_choice = QComboBox()
        self.order_choice.setObjectName("caseOrderChoice")
        self.order_choice.setToolTip(self.tr("Orden de protección"))
        self.zones = QPushButton(self.tr("Zonas de exclusión…"))
        self.zones.setObjectName("caseExclusionZones")
        self.zones.clicked.connect(self._zones)
        self.set_zones_allowed(False)
        self.banavim = QPushButton(self.tr("Registro BANAVIM…"))
        self.banavim.setObjectName("caseBanavim")
        self.banavim.clicked.connect(self._banavim)
        self.banavim.setVisible(False)  # supervisors and specialists (set_banavim_allowed)
        self.refer = QPushButton(self.tr("Canalizar…"))  # roles that may refer: set_refer_allowed
        self.refer.setObjectName("caseRefer")
        self.refer.clicked.connect(self._refer)
        self.refer.setVisible(False)
        # An intervention outside the desk's queue (the desk's roles: set_intervene_allowed).
        self.intervene = QPushButton(self.tr("Registrar intervención…"))
        self.intervene.setObjectName("caseIntervene")
        self.intervene.clicked.connect(self._intervene)
        self.intervene.setVisible(False)
        # Sharing her case with another agency (issue 15; the roles of set_share_allowed).
        self.share = QPushButton(self.tr("Compartir con una institución…"))
        self.share.setObjectName("caseShare")
        self.share.clicked.connect(self._share)
        self.share.setVisible(False)
        self.agency_names: dict[str, str] = {}  # agency id → name, once read (sharing_actions)
        self.sections = CaseSections(state, self.agency_name, self)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.search)
        ll.addWidget(self.list, 1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.profile)
        upright = QSplitter(Qt.Orientation.Vertical)
        upright.addWidget(scroll)
        upright.addWidget(self.sections)
        upright.setStretchFactor(0, 3)
        upright.setStretchFactor(1, 2)
        rl.addWidget(upright, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.order_choice)
        row.addWidget(self.zones)
        row.addWidget(self.banavim)
        row.addWidget(self.refer)
        row.addWidget(self.intervene)
        row.addWidget(self.share)
        row.addWidget(self.assess)
        rl.addLayout(row)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self.reload()

    def follow(self, bridge) -> None:
        """Redraw when cases arrive, change or are withdrawn."""
        bridge.touched.connect(self.on_touched)

    def on_touched(self, t: Touched) -> None:
        """Cases changed: the list (keeping the selection) and the profile; her shares or
        timeline changed: the sections."""
        if t.cases:
            self.reload()
        elif t.case_timelines or t.coordination:
            self.sections.redraw()

    def selected(self) -> str | None:
        """The selected case's id."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_case(self, case_id: str) -> None:
        """Select a case in the list (cleared search if it is filtered out)."""
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == case_id:
                self.list.setCurrentRow(i)
                return
        if self.search.text():
            self.search.clear()
            self.select_case(case_id)

    def reload(self) -> None:
        """Fill the list from the state, filtered by the search."""
        keep = self.selected()
        wanted = _fold(self.search.text().strip())
        cases = sorted((c for c in self.state.cases.values()
                        if c.merged_into is None and wanted in _fold(c.person.name)),
                       key=lambda c: _fold(c.person.name))
        self.list.blockSignals(True)
        self.list.clear()
        for c in cases[:MAX_LISTED]:
            item = QListWidgetItem(f"{c.person.name or c.id} · {risk_label(c.risk_level)}")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)
            if c.id == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.show_selected()

    def show_selected(self) -> None:
        """Draw the selected case's profile."""
        case = self.state.cases.get(self.selected() or "")
        self.assess.setEnabled(case is not None)
        self.banavim.setEnabled(case is not None)
        self.refer.setEnabled(case is not None)
        self.intervene.setEnabled(case is not None)
        self.share.setEnabled(case is not None)
        self.sections.show_case(case.id if case is not None else None)
        self.order_choice.clear()
        for o in case.orders if case is not None else ():
            self.order_choice.addItem(o.number, o.number)
        self.zones.setEnabled(self.order_choice.count() > 0)
        self.profile.setText(self._profile(case) if case is not None
                             else self.tr("Seleccione un expediente"))

    def _profile(self, c: Case) -> str:
        p = c.person
        today = dt.date.today()
        out = [f"<b>{escape(p.name)}</b> · {risk_badge(c.risk_level)}",
               escape(self.tr("Expediente {0} · {1} · nacimiento: {2}").format(
                   c.id, sex_label(p.sex), p.date_of_birth or "—"))]
        for a in c.addresses:
            out.append(escape(self.tr("Domicilio: {0} {1}").format(a.text, a.colonia)))
        if c.phones or c.whatsapp:
            out.append(escape(self.tr("Teléfonos: {0}").format(", ".join(c.numbers()))))
        out.append("<b>" + escape(self.tr("Órdenes de protección")) + "</b>")
        for o in c.orders:
            state = self.tr("VIGENTE") if o.in_force(today) else self.tr("no vigente")
            out.append(escape(f"{o.number} · {o.authority} · {state} "
                              f"({o.valid_from or '…'} – {o.valid_until or '…'})"))
        if not c.orders:
            out.append(escape(self.tr("Ninguna registrada")))
        out.append("<b>" + escape(self.tr("Historial de riesgo")) + "</b>")
        for step in reversed(level_history(c)):
            when = dt.datetime.fromtimestamp(step.at).strftime("%Y-%m-%d %H:%M")
            out.append(f"{when} · {risk_badge(step.level)} · {escape(step.assessed_by)}")
        if not c.risk_assessments:
            out.append(escape(self.tr("Sin evaluación")))
        latest = c.latest_assessment
        if latest is not None and latest.reassess_on:
            out.append(escape(self.tr("Reevaluar el {0}").format(latest.reassess_on)))
        out.append("<b>" + escape(self.tr("Agresores")) + "</b>")
        for a in c.aggressors:
            weapons = {True: self.tr("con acceso a armas"), False: self.tr("sin acceso a armas"),
                       None: ""}[a.weapon_access]
            out.append(escape(" · ".join(x for x in (a.name, a.relationship, weapons) if x)))
        if not c.aggressors:
            out.append(escape(self.tr("Ninguno registrado")))
        out.append(escape(self.tr("Incidentes vinculados: {0}").format(len(c.incident_ids))))
        return "<br>".join(out)

    def set_zones_allowed(self, allowed: bool) -> None:
        """Show the exclusion zones action (only to roles that may set them)."""
        self.order_choice.setVisible(allowed)
        self.zones.setVisible(allowed)

    def set_banavim_allowed(self, allowed: bool) -> None:
        """Show Registro BANAVIM (only to roles that mark cases for it)."""
        self.banavim.setVisible(allowed)

    def set_share_allowed(self, allowed: bool) -> None:
        """Show Compartir con una institución (only to the roles that may share her case)."""
        self.share.setVisible(allowed)

    def agency_name(self, agency_id: str) -> str:
        """An agency's name as the central gave it (its id until the names are read)."""
        return self.agency_names.get(agency_id, agency_id)

    def set_agency_names(self, names: dict[str, str]) -> None:
        """The agencies' names read from the central: the sections show them."""
        self.agency_names = dict(names)
        self.sections.redraw()

    def _share(self) -> None:
        if (cid := self.selected()) is not None:
            self.shareRequested.emit(cid)

    def _banavim(self) -> None:
        if (cid := self.selected()) is not None:
            self.banavimRequested.emit(cid)

    def _zones(self) -> None:
        cid, number = self.selected(), self.order_choice.currentData()
        if cid is not None and number:
            self.zonesRequested.emit(cid, number)

    def set_intervene_allowed(self, allowed: bool) -> None:
        """Show Registrar intervención (only to the roles that record interventions)."""
        self.intervene.setVisible(allowed)

    def _intervene(self) -> None:
        if (cid := self.selected()) is not None:
            self.interveneRequested.emit(cid)

    def _refer(self) -> None:
        if (cid := self.selected()) is not None:
            self.referRequested.emit(cid)

    def _assess(self) -> None:
        if (cid := self.selected()) is not None:
            self.assessRequested.emit(cid)
