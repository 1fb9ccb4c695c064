"""Zonas de exclusión of one protection order (supervisors, admins): her zones listed —
circles (default 500 m) at her home, work or school address or at a click on the map, and
polygons drawn by clicks on the map —, the distance he must keep from her and his tracker.

The layout is the Qt Designer form ui/exclusion_zones.ui. The dialog is not modal: the
map beside it takes the clicks (``pickPointRequested`` / ``pickPolygonRequested``; the
caller answers with :meth:`add_circle` / :meth:`add_polygon`). Saving checks the zones with
the core's rules first (gui/cases/zone_draft.py); what the central refuses is shown in the
form (:meth:`show_refusal`) and every zone typed stays."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from c4console.core.refused import Refused
from c4console.core.zones.records import CIRCLE, DEFAULT_RADIUS_M, POLYGON, ExclusionOrder
from c4console.gui.cases import zone_draft
from c4console.gui.forms.ui_exclusion_zones import Ui_ExclusionZonesDialog


class ExclusionZonesDialog(QDialog):
    """One order's zones, distance and tracker; ``submitted`` carries the command's fields."""

    submitted = Signal(dict)  # set_exclusion_zones fields
    pickPointRequested = Signal()  # a circle's centre: the next click on the map
    pickPolygonRequested = Signal()  # a polygon: clicks on the map until Enter / double click
    zonesChanged = Signal(list)  # the zones as drawn now (for the map's draft layer)

    def __init__(self, case_id: str, order_number: str, who: str,
                 places: dict[str, tuple[float, float]], hers: set[str],
                 held: ExclusionOrder | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_ExclusionZonesDialog()
        ui.setupUi(self)
        self.setWindowModality(Qt.WindowModality.NonModal)
        ui.zonesOrder.setText(ui.zonesOrder.text().format(order_number, who))
        self.case_id, self.order_number = case_id, order_number
        self.record_id = held.id if held is not None else zone_draft.record_id(case_id, order_number)
        self.places, self.hers = places, hers
        self.zones: list[dict[str, Any]] = [zone_draft.spec_of(z) for z in held.zones] if held else []
        self.place_names = {"home": self.tr("Domicilio"), "work": self.tr("Trabajo"),
                            "school": self.tr("Escuela"), "other": self.tr("Otro lugar")}
        for key in zone_draft.PLACES:
            ui.zonesPlace.addItem(self.place_names[key], key)
        ui.zonesRadius.setValue(int(DEFAULT_RADIUS_M))
        if held is not None:
            ui.zonesKeepAway.setValue(int(held.keep_away_m))
            ui.zonesAggressorDevice.setText(next(iter(held.aggressor_device_ids), ""))
        self.list, self.problem, self.status = ui.zonesList, ui.zonesProblem, ui.zonesStatus
        self.radius, self.place, self.label = ui.zonesRadius, ui.zonesPlace, ui.zonesLabel
        self.keep_away, self.aggressor = ui.zonesKeepAway, ui.zonesAggressorDevice
        self.model = ui.zonesAggressorModel
        ui.zonesAtAddress.clicked.connect(self.add_circle_at_place)
        ui.zonesAtClick.clicked.connect(self._ask_point)
        ui.zonesPolygon.clicked.connect(self._ask_polygon)
        ui.zonesRemove.clicked.connect(self.remove_selected)
        ui.zonesRadius.valueChanged.connect(self._radius_changed)
        self.list.currentRowChanged.connect(self._row_chosen)
        self.save_button = ui.box.button(QDialogButtonBox.StandardButton.Save)
        ui.box.accepted.connect(self.save)
        ui.box.rejected.connect(self.reject)
        self.sent_key: str | None = None  # the command waiting for the central's answer
        self._redraw()

    # --- zones ------------------------------------------------------------------------
    def _new_id(self) -> str:
        taken = {z.get("id") for z in self.zones}
        n = len(self.zones) + 1
        while f"z{n}" in taken:
            n += 1
        return f"z{n}"

    def _label(self) -> str:
        return self.label.text().strip() or self.place_names[self.place.currentData()]

    def add_circle_at_place(self) -> None:
        """A circle (the radius given) around her address of the place chosen."""
        key = self.place.currentData()
        if key not in self.places:
            self.problem.setText(self.tr("Su dirección ({0}) no está ubicada en el mapa: haga clic "
                                         "en el mapa para el centro").format(self.place_names[key]))
            return
        lat, lon = self.places[key]
        self.add_circle(lat, lon)

    def add_circle(self, lat: float, lon: float) -> None:
        """A circle at (lat, lon) with the radius, place and name in the form."""
        self.zones.append({"id": self._new_id(), "kind": CIRCLE, "lat": lat, "lon": lon,
                           "radius_m": float(self.radius.value()), "label": self._label(),
                           "place": self.place.currentData()})
        self._added()

    def add_polygon(self, points: list[tuple[float, float]]) -> None:
        """A polygon with these corners (the place and name in the form)."""
        self.zones.append({"id": self._new_id(), "kind": POLYGON,
                           "points": [[lat, lon] for lat, lon in points], "label": self._label(),
                           "place": self.place.currentData()})
        self._added()

    def remove_selected(self) -> None:
        """Take the selected zone out of the list."""
        row = self.list.currentRow()
        if 0 <= row < len(self.zones):
            del self.zones[row]
            self._redraw()

    def _added(self) -> None:
        self.label.clear()
        self.problem.clear()
        self._redraw()
        self.list.setCurrentRow(len(self.zones) - 1)

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.zones) and self.zones[row]["kind"] == CIRCLE:
            self.radius.blockSignals(True)
            self.radius.setValue(int(self.zones[row]["radius_m"]))
            self.radius.blockSignals(False)

    def _radius_changed(self, value: int) -> None:
        """The selected circle takes the new radius (and new circles too)."""
        row = self.list.currentRow()
        if 0 <= row < len(self.zones) and self.zones[row]["kind"] == CIRCLE:
            self.zones[row]["radius_m"] = float(value)
            self._redraw()

    def _row_text(self, z: dict[str, Any]) -> str:
        name = z.get("label") or self.place_names.get(z.get("place") or "other", "")
        if z["kind"] == POLYGON:
            return self.tr("{0} · polígono de {1} esquinas").format(name, len(z["points"]))
        return self.tr("{0} · círculo de {1} m").format(name, f"{z['radius_m']:g}")

    def _redraw(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([self._row_text(z) for z in self.zones])
        self.list.setCurrentRow(min(row, len(self.zones) - 1))
        self.list.blockSignals(False)
        self.zonesChanged.emit(self.drawn())

    def drawn(self) -> list[dict[str, Any]]:
        """The zones as the map's draft layer draws them."""
        out = []
        for z in self.zones:
            if z["kind"] == POLYGON:
                out.append({"kind": POLYGON, "points": z["points"], "label": z.get("label", "")})
            else:
                out.append({"kind": CIRCLE, "lat": z["lat"], "lon": z["lon"],
                            "radius_m": z["radius_m"], "label": z.get("label", "")})
        return out

    def _ask_point(self) -> None:
        self.status.setText(self.tr("Haga clic en el mapa en el centro del círculo (Esc cancela)"))
        self.pickPointRequested.emit()

    def _ask_polygon(self) -> None:
        self.status.setText(self.tr("Haga clic en el mapa en cada esquina; Intro o doble clic "
                                    "cierra el polígono, Esc cancela"))
        self.pickPolygonRequested.emit()

    def pick_ended(self) -> None:
        """The map's pick is over (a point, a polygon or cancelled)."""
        self.status.clear()

    # --- saving ---------------------------------------------------------------------------
    def fields(self) -> dict[str, Any]:
        """The ``set_exclusion_zones`` command as the form stands."""
        return zone_draft.command_fields(
            self.record_id, self.case_id, self.order_number, self.zones,
            float(self.keep_away.value()), self.aggressor.text().strip(), self.model.text().strip())

    def save(self) -> None:
        """Check with the core's rules; then ``submitted`` (the form stays open until the
        central answers: :meth:`saved` or :meth:`show_refusal`)."""
        f = self.fields()
        try:
            zone_draft.check_draft(f["zones"], f["keep_away_m"], f.get("aggressor_device_id", ""),
                                   self.places, self.hers)
        except Refused as e:
            self.show_refusal(e.reason, str(e), central=False)
            return
        self.problem.clear()
        self.status.setText(self.tr("Enviando a la central…"))
        self.save_button.setEnabled(False)
        self.submitted.emit(f)

    def saved(self) -> None:
        """The central took the zones: the form closes."""
        self.sent_key = None
        self.status.setText(self.tr("Zonas guardadas"))
        self.accept()

    def show_refusal(self, reason: str, message: str, *, central: bool = True) -> None:
        """A refusal (the central's, or the same check here) shown in the form; the zones stay."""
        self.sent_key = None
        self.save_button.setEnabled(True)
        self.status.clear()
        text = self._reason_text(reason)
        if central:
            text = self.tr("La central rechazó las zonas: {0}").format(text)
        self.problem.setText(f"{text} ({message})" if message else text)

    def _reason_text(self, reason: str) -> str:
        texts = {
            "radius_out_of_range": self.tr("el radio de un círculo debe estar entre 50 m y 10 km"),
            "polygon_self_intersects": self.tr("el polígono se cruza a sí mismo: dibuje su contorno "
                                               "sin líneas que se crucen"),
            "zone_too_large": self.tr("el polígono mide más de 20 km de lado a lado"),
            "distance_out_of_range": self.tr("la distancia a guardar debe ser 0 (ninguna) o entre "
                                             "50 m y 10 km"),
            "aggressor_device_is_hers": self.tr("ese rastreador está registrado como dispositivo de "
                                                "ella: el del agresor debe ser otro"),
            "no_aggressor_device": self.tr("indique el rastreador del agresor: las zonas se vigilan "
                                           "en su dispositivo"),
            "device_in_use": self.tr("ese rastreador ya está en uso (otro tipo de dispositivo u "
                                     "otra orden)"),
            "unknown_order": self.tr("el expediente no tiene esa orden de protección"),
            "forbidden": self.tr("su rol no puede definir zonas de exclusión"),
        }
        return texts.get(reason, self.tr("zona no válida"))
