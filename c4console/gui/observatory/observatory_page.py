"""Builds the observatory's map page once with folium, as the main map does
(gui/map/page_builder.py: local Leaflet from xstatic-leaflet, the outlines made safe,
no network), plus the Leaflet.heat plugin that folium itself ships
(``folium/templates/leaflet_heat.min.js``) and our ``c4obs.js``. The counts are never
part of the HTML: the window sends them to ``window.c4obs.show``."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import folium
from branca.element import MacroElement
from folium.template import Template

from c4console.gui.map.page_builder import (
    FALLBACK_CENTER,
    FALLBACK_ZOOM,
    _sync_file,
    copy_assets,
    normalise_geojson,
    remote_references,
)
from c4console.resources import RESOURCES

log = logging.getLogger(__name__)

PAGE_NAME = "observatorio.html"
HEAT_PLUGIN = Path(folium.__file__).parent / "templates" / "leaflet_heat.min.js"
SCRIPT = RESOURCES / "observatory" / "c4obs.js"


class _Attach(MacroElement):
    """Hands the folium map and the outlines to c4obs.js once Leaflet has built it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            window.c4obs.attach({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self._name = "C4ObsAttach"
        self.config = config


def _bounds(outlines: dict[str, Any]) -> list[list[float]] | None:
    points = [p for f in outlines["features"] for ring in f["geometry"]["coordinates"] for p in ring]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def build_observatory_page(folder: Path, jurisdiction_geojson: dict[str, Any]) -> Path:
    """Write the observatory page and its assets into ``folder``; returns its path.
    Without the heat plugin (a folium that stops shipping it) c4obs.js draws weighted
    circles instead."""
    folder.mkdir(parents=True, exist_ok=True)
    copy_assets(folder)  # Leaflet and its images, as the main map
    js = [("leaflet", "leaflet/leaflet.js")]
    if HEAT_PLUGIN.is_file():
        _sync_file(HEAT_PLUGIN, folder / "leaflet-heat.js")
        js.append(("leaflet_heat", "leaflet-heat.js"))
    _sync_file(SCRIPT, folder / SCRIPT.name)
    js.append(("c4obs", SCRIPT.name))
    m = folium.Map(location=FALLBACK_CENTER, zoom_start=FALLBACK_ZOOM, tiles=None, zoom_snap=0.25)
    m.default_js = js
    m.default_css = [("leaflet_css", "leaflet/leaflet.css")]
    outlines = normalise_geojson(jurisdiction_geojson)
    _Attach({"outlines": outlines, "bounds": _bounds(outlines)}).add_to(m)
    page = m.get_root().render()
    if remote := remote_references(page):
        log.warning("observatory page references the network (folium changed?): %s", remote)
    path = folder / PAGE_NAME
    tmp = path.with_suffix(".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)  # a half-written page must never be loaded
    return path
