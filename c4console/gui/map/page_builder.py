"""Builds the map page once with folium: local Leaflet, jurisdiction outlines, our script.

The page is written to a folder together with every asset it needs, so it loads
from ``file://`` with no network. Live markers are never part of this HTML;
they arrive later in batches (see ``resources/map/c4map.js``).
"""

from __future__ import annotations

import copy
import html
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any

import folium
import xstatic.pkg.leaflet
from branca.element import MacroElement
from folium.template import Template

from c4console.gui.map.tiles import TileLayerSpec
from c4console.resources import RESOURCES

log = logging.getLogger(__name__)

PAGE_NAME = "c4map.html"
LEAFLET_DIR = Path(xstatic.pkg.leaflet.BASE_DIR)
MAP_ASSETS = RESOURCES / "map"
OUTLINE_FIELDS = ("sector", "cuadrante", "colonia")
DEFAULT_ALIASES = ("Sector", "Cuadrante", "Colonia")
# Whole country: used only when the jurisdiction has no outlines to fit.
FALLBACK_CENTER, FALLBACK_ZOOM = (23.6, -102.5), 5

_REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", re.I)


class _Attach(MacroElement):
    """Hands the folium map object to c4map.js once Leaflet has built it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            window.c4map.attach({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self._name = "C4Attach"
        self.config = config


def _sync_file(src: Path, dst: Path) -> None:
    # Skip unchanged files: the page folder is rebuilt at every start.
    st = src.stat()
    if dst.exists():
        dt = dst.stat()
        if dt.st_size == st.st_size and int(dt.st_mtime) == int(st.st_mtime):
            return
    dst.parent.mkdir(parents=True, exist_ok=True)
    # The content and the time (for the skip above), not the installed file's 0644: the
    # data folder's files take the process's private umask.
    shutil.copyfile(src, dst)
    os.utime(dst, ns=(st.st_atime_ns, st.st_mtime_ns))


def copy_assets(folder: Path) -> None:
    """Copy Leaflet (from xstatic-leaflet) and our map script/stylesheet beside the page."""
    for name in ("leaflet.js", "leaflet.css"):
        _sync_file(LEAFLET_DIR / name, folder / "leaflet" / name)
    for img in sorted((LEAFLET_DIR / "images").glob("*.png")):
        _sync_file(img, folder / "leaflet" / "images" / img.name)
    for asset in sorted(MAP_ASSETS.iterdir()):
        if asset.is_file() and asset.suffix in (".js", ".css", ".png", ".svg"):
            _sync_file(asset, folder / asset.name)


def normalise_geojson(data: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection copy whose features all carry escaped sector/cuadrante/colonia strings.

    Tooltips need every field on every feature; a missing one would make folium
    refuse the whole layer, so it becomes an empty string instead.
    """
    if data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise ValueError("jurisdiction GeoJSON must be a FeatureCollection")
    features = []
    for f in data["features"]:
        if not isinstance(f, dict) or not f.get("geometry"):
            continue  # a feature without geometry cannot be drawn or fitted
        f = copy.deepcopy(f)
        props = f.get("properties") or {}
        # folium's tooltip writes the values as HTML: escape them once here.
        f["properties"] = {k: html.escape("" if props.get(k) is None else str(props.get(k)))
                           for k in OUTLINE_FIELDS}
        features.append(f)
    return {"type": "FeatureCollection", "features": features}


def remote_references(html: str) -> list[str]:
    """Fragments of ``html`` that would load something over the network."""
    return [html[max(0, m.start() - 20): m.end() + 40] for m in _REMOTE.finditer(html)]


def _outline_style(_feature: dict[str, Any]) -> dict[str, Any]:
    return {"color": "#37474f", "weight": 1, "opacity": 0.8, "fillColor": "#90a4ae", "fillOpacity": 0.06}


def build_page(
    folder: Path,
    jurisdiction_geojson: dict[str, Any],
    tile_layer: TileLayerSpec | None = None,
    *,
    aliases: tuple[str, str, str] = DEFAULT_ALIASES,
) -> Path:
    """Write the map page and its assets into ``folder``; returns the page's path.

    ``tile_layer`` None gives outlines on a plain background. ``aliases`` are the
    (translated) tooltip labels for sector, cuadrante and colonia.
    """
    folder.mkdir(parents=True, exist_ok=True)
    copy_assets(folder)
    # The (metric-only) scale control is added by c4map.js.
    # Quarter zoom steps let the jurisdiction fill the widget instead of half of it.
    m = folium.Map(location=FALLBACK_CENTER, zoom_start=FALLBACK_ZOOM, tiles=None, zoom_snap=0.25)
    # Replace folium's CDN defaults (Leaflet, jQuery, Bootstrap, awesome-markers):
    # only Leaflet is needed and it is served from the page folder.
    m.default_js = [("leaflet", "leaflet/leaflet.js"), ("c4map", "c4map.js")]
    m.default_css = [("leaflet_css", "leaflet/leaflet.css"), ("c4map_css", "c4map.css")]
    if tile_layer is not None:
        folium.TileLayer(
            tiles=tile_layer.url_template,
            attr=tile_layer.attribution or "&nbsp;",
            name="tiles",
            min_zoom=tile_layer.min_zoom,
            max_zoom=tile_layer.max_zoom,
            max_native_zoom=tile_layer.max_native_zoom,
        ).add_to(m)
    outlines = normalise_geojson(jurisdiction_geojson)
    bounds = None
    if outlines["features"]:
        layer = folium.GeoJson(
            outlines,
            name="cuadrantes",
            style_function=_outline_style,
            tooltip=folium.GeoJsonTooltip(fields=list(OUTLINE_FIELDS), aliases=list(aliases), sticky=True),
        ).add_to(m)
        bounds = layer.get_bounds()
        m.fit_bounds(bounds)
    _Attach({"tiles": tile_layer is not None, "bounds": bounds}).add_to(m)
    page = m.get_root().render()
    remote = remote_references(page)
    if remote and (tile_layer is None or not tile_layer.remote):
        log.warning("map page references the network (folium changed?): %s", remote)
    path = folder / PAGE_NAME
    tmp = path.with_suffix(".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)  # a half-written page must never be loaded
    return path
