"""The registry form's home row: her home's position ("lat, lon"), the "Elegir en el mapa"
button and where that is in the jurisdiction (sector, cuadrante, colonia).

The button puts the map in pick mode (``MapView.start_pick``); the click's lat/lon comes
back here, the colonia of the jurisdiction there is offered to the form (``coloniaFound``)
and her home marker moves with it while the form is on screen. The position is sent
with the form's next save (``home_lat``/``home_lon`` of ``update_beneficiary``). Its
layout and labels are the Qt Designer form ui/home_picker.ui.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from c4console.core.geo import Cuadrante, Jurisdiction
from c4console.gui.forms.ui_home_picker import Ui_HomePicker


def parse_home(text: str) -> tuple[float, float] | None:
    """``"lat, lon"`` (or ``;``) → (lat, lon); None if it is not two numbers."""
    try:
        lat, lon = (float(x) for x in text.replace(";", ",").split(","))
    except ValueError:
        return None
    return lat, lon


class HomePicker(QWidget):
    """Her home's position, picked on the map or typed."""

    coloniaFound = Signal(str)  # the colonia of a picked point
    note = Signal(str)  # a sentence for the form's message line ("" clears it)

    def __init__(self, parent: QWidget | None = None,
                 jurisdiction: Jurisdiction | None = None) -> None:
        # parent first: ui/registry.ui places it as a promoted widget, HomePicker(parent)
        super().__init__(parent)
        self.jurisdiction = jurisdiction  # where the place line looks (the panel sets it)
        self.map = None  # the MapView (attach_map)
        self.shown = False  # the form is on screen: her marker may show
        self.name = ""  # whose home (None loaded: nobody)
        self.loaded = False
        self._picking = False  # a pick this form started is on
        self.ui = Ui_HomePicker()
        self.ui.setupUi(self)
        self.edit = self.ui.registry_home
        self.edit.editingFinished.connect(self._edited)
        self.pick_button = self.ui.registry_pick_home  # enabled with a map and a record
        self.pick_button.clicked.connect(self.toggle_pick)
        self.place = self.ui.registry_place

    def attach_map(self, map_view) -> None:
        """Use ``map_view`` (a MapView) for the pick and her home marker."""
        self.map = map_view
        map_view.pointPicked.connect(self._picked)
        map_view.pickCancelled.connect(self._pick_ended)
        self.set_enabled(self.loaded)

    def set_enabled(self, on: bool) -> None:
        """Enable editing (the pick only with a map)."""
        self.edit.setEnabled(on)
        self.pick_button.setEnabled(on and self.map is not None)

    def load(self, lat: float | None, lon: float | None, name: str | None) -> None:
        """Show one woman's home (``name`` None: nobody is selected); ends a pending pick."""
        self.cancel()
        self.loaded, self.name = name is not None, name or ""
        self.edit.setText(f"{lat}, {lon}" if lat is not None and lon is not None else "")
        self._show_place(lat, lon)

    def cancel(self) -> None:
        """End pick mode if it is on."""
        if self.map is not None and self.map.is_picking():
            self.map.cancel_pick()

    def toggle_pick(self) -> None:
        """"Elegir en el mapa": the next click on the map is her home; again (or Esc) cancels."""
        if self.map is None or not self.loaded:
            return
        if self.map.is_picking():
            self.map.cancel_pick()
            return
        self.map.start_pick(self.tr("Haga clic en el domicilio de %1 (Esc cancela)")
                            .replace("%1", self.name))
        self.pick_button.setText(self.tr("Cancelar selección"))
        self._picking = True
        self.note.emit(self.tr("Elija el domicilio en el mapa."))

    def _picked(self, lat: float, lon: float) -> None:
        # Only a pick this form started is her home (the zones form picks on the same map).
        if self._picking:
            self.set_home(lat, lon)

    def _pick_ended(self) -> None:
        self._picking = False
        if self.pick_button.text() != self.tr("Elegir en el mapa"):
            self.pick_button.setText(self.tr("Elegir en el mapa"))
            self.note.emit("")

    def set_home(self, lat: float, lon: float) -> None:
        """The point picked on the map becomes her home (and its colonia hers)."""
        self._pick_ended()
        if not self.loaded:
            return
        lat, lon = round(lat, 6), round(lon, 6)  # ~0.1 m: what is shown is what is saved
        self.edit.setText(f"{lat}, {lon}")
        place = self._show_place(lat, lon)
        if place is not None and place.colonia:
            self.coloniaFound.emit(place.colonia)
        self.note.emit(self.tr("Ubicación elegida en el mapa; guarde para enviarla."))

    def set_shown(self, shown: bool) -> None:
        """The form is (not) on screen: show (hide) her home marker; hiding ends a pick."""
        self.shown = shown
        if not shown:
            self.cancel()
        self._edited()

    def _edited(self) -> None:
        point = parse_home(self.edit.text())
        self._show_place(*(point or (None, None)))

    def _show_place(self, lat: float | None, lon: float | None) -> Cuadrante | None:
        """Say where (lat, lon) is in the jurisdiction; move her home marker there."""
        known = lat is not None and lon is not None
        place = (self.jurisdiction.locate(lat, lon)
                 if self.jurisdiction is not None and known else None)
        if not known:
            self.place.clear()
        elif place is None:
            self.place.setText(self.tr("Fuera de la jurisdicción"))
        else:
            self.place.setText(self.tr("Sector %1 · Cuadrante %2 · Colonia %3")
                               .replace("%1", place.sector).replace("%2", place.cuadrante)
                               .replace("%3", place.colonia))
        if self.map is not None:
            if self.shown and self.loaded and known:
                self.map.show_home(lat, lon, self.tr("Domicilio de %1").replace("%1", self.name))
            else:
                self.map.clear_home()
        return place
