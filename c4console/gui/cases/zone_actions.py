"""Zonas de exclusión from the supervisors' Expedientes panel: the form of one protection
order (gui/cases/zones_dialog.py), the map's picks it asks for (a circle's centre, a
polygon's corners), its zones drawn on the map while it is open, and the
``set_exclusion_zones`` command sent through the controller's outbox. The central's answer
reaches the form: a refusal is shown in it (the zones stay), the record's arrival closes it."""

from __future__ import annotations

from collections.abc import Callable

from c4console.core import access
from c4console.gui.cases import zone_draft
from c4console.gui.cases.case_tool import CaseToolActions, Send
from c4console.gui.cases.zones_dialog import ExclusionZonesDialog
from c4console.gui.shell.controller import ConsoleController

COMMAND = "set_exclusion_zones"


class ZoneActions(CaseToolActions):
    """Opens the zones form of an order and carries its command and the central's answer."""

    def __init__(self, window, controller: ConsoleController, send: Send,
                 say: Callable[[str], None]) -> None:
        super().__init__(window, controller, send, say)
        self.map = getattr(window, "map_view", None)
        self.dialog: ExclusionZonesDialog | None = None  # the one open (tests fill it)
        self._picking = False  # a pick the form asked for is on
        controller.saved.connect(self._saved)
        controller.bridge.commandRejected.connect(self._rejected)
        controller.bridge.touched.connect(self._touched)
        if self.map is not None:
            self.map.pointPicked.connect(self._point_picked)
            self.map.polygonPicked.connect(self._polygon_picked)
            self.map.pickCancelled.connect(self._pick_cancelled)

    @staticmethod
    def allowed(role: str) -> bool:
        """The roles that may send ``set_exclusion_zones`` (core/access.py)."""
        return access.may_send(role, COMMAND)

    def open(self, case_id: str, order_number: str) -> None:
        """The form for this order of her case (the one open form is replaced)."""
        case = self.state.cases.get(case_id)
        if case is None or not any(o.number == order_number for o in case.orders):
            self.say(self.tr("Seleccione un expediente con orden de protección"))
            return
        if self.dialog is not None:
            self.dialog.close()
        held = next((o for o in self.state.exclusion_orders.values()
                     if (o.case_id, o.order_number) == (case_id, order_number)), None)
        beneficiary = self.state.beneficiaries.get(case.beneficiary_id or "")
        dialog = ExclusionZonesDialog(
            case_id, order_number, case.person.name or case_id,
            zone_draft.her_places(case, beneficiary),
            zone_draft.her_device_ids(case, self.state.devices.values()), held, self.window)
        dialog.submitted.connect(self._submit)
        dialog.pickPointRequested.connect(self._pick_point)
        dialog.pickPolygonRequested.connect(self._pick_polygon)
        dialog.zonesChanged.connect(self._draw)
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self.dialog = dialog
        self._draw(dialog.drawn())
        dialog.show()  # not modal: the map takes the clicks

    def _closed(self, dialog: ExclusionZonesDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
            if self._picking and self.map is not None:
                self.map.cancel_pick()
            self._draw([])
        dialog.deleteLater()

    def _draw(self, zones: list) -> None:
        if self.map is not None:
            self.map.show_draft_zones(zones)

    # --- the map's picks -----------------------------------------------------------------
    def _pick_point(self) -> None:
        if self.map is None:
            self.say(self.tr("No hay mapa en esta consola"))
            return
        self._picking = True
        self.map.start_pick(self.tr("Haga clic en el centro de la zona (Esc cancela)"))

    def _pick_polygon(self) -> None:
        if self.map is None:
            self.say(self.tr("No hay mapa en esta consola"))
            return
        self._picking = True
        self.map.start_polygon_pick(self.tr("Haga clic en cada esquina de la zona; Intro o doble "
                                            "clic la cierra, Esc cancela"))

    def _point_picked(self, lat: float, lon: float) -> None:
        if self._picking and self.dialog is not None:
            self._picking = False
            self.dialog.pick_ended()
            self.dialog.add_circle(lat, lon)

    def _polygon_picked(self, points: list) -> None:
        if self._picking and self.dialog is not None:
            self._picking = False
            self.dialog.pick_ended()
            self.dialog.add_polygon(points)

    def _pick_cancelled(self) -> None:
        if self._picking:
            self._picking = False
            if self.dialog is not None:
                self.dialog.pick_ended()

    # --- the command and the central's answer -------------------------------------------------
    def _submit(self, fields: dict) -> None:
        dialog = self.dialog
        if dialog is not None:
            dialog.sent_key = ""  # sent; the key comes with ``saved``
        self.send(self.controller.submit(COMMAND, **fields), self.tr("guardar las zonas de exclusión"))

    def _saved(self, key: str, type_: str) -> None:
        if type_ == COMMAND and self.dialog is not None and self.dialog.sent_key == "":
            self.dialog.sent_key = key

    def _rejected(self, result: dict) -> None:
        dialog = self.dialog
        if dialog is not None and dialog.sent_key and result.get("key") == dialog.sent_key:
            dialog.show_refusal(str(result.get("reason", "")), str(result.get("message", "")))

    def _touched(self, t) -> None:
        dialog = self.dialog
        if (dialog is not None and dialog.sent_key and dialog.record_id in t.exclusion_orders
                and dialog.record_id in self.state.exclusion_orders):
            dialog.saved()
