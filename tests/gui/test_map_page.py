"""The map page as built by folium: offline, complete, with the jurisdiction's outlines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from c4console.gui.map.page_builder import build_page, normalise_geojson
from c4console.gui.map.tiles import TileLayerSpec

GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"sector": "S2", "cuadrante": "C7", "colonia": "Pueblo <Nuevo>"},
         "geometry": {"type": "Polygon", "coordinates": [[[-115.5, 32.6], [-115.4, 32.6], [-115.4, 32.7],
                                                          [-115.5, 32.6]]]}},
        {"type": "Feature", "properties": {"sector": 3}, "geometry": None},
    ],
}


def local_refs(html: str) -> list[str]:
    return re.findall(r"""(?:src|href)="([^"]+)\"""", html)


def test_page_references_no_network_and_every_asset_is_beside_it(tmp_path):
    page = build_page(tmp_path, GEOJSON)
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"https?://", html)
    refs = local_refs(html)
    assert {"leaflet/leaflet.js", "leaflet/leaflet.css", "c4map.js", "c4map.css"} <= set(refs)
    for ref in refs:
        assert (tmp_path / ref).is_file(), ref
    assert (tmp_path / "leaflet" / "images" / "layers.png").is_file()
    assert "jquery" not in html and "bootstrap" not in html and "awesome" not in html


def test_outlines_with_tooltips_fit_the_jurisdiction(tmp_path):
    page = build_page(tmp_path, GEOJSON, aliases=("Sector", "Cuadrante", "Colonia"))
    html = page.read_text(encoding="utf-8")
    assert "fitBounds" in html and "[[32.6, -115.5], [32.7, -115.4]]" in html
    assert '"sector", "cuadrante", "colonia"' in html and "foliumtooltip" in html
    # Tooltips write HTML: the value is HTML-escaped (and then JSON-escaped by folium).
    assert "Pueblo \\u0026lt;Nuevo\\u0026gt;" in html
    attach = re.search(r"window\.c4map\.attach\(map_\w+, (\{.*\})\);", html)
    assert attach and json.loads(attach.group(1)) == {"tiles": False,
                                                      "bounds": [[32.6, -115.5], [32.7, -115.4]]}


def test_tile_layers_use_the_given_template(tmp_path):
    spec = TileLayerSpec("c4tiles:/abc/{z}/{x}/{y}", attribution="Mosaicos locales", max_native_zoom=16)
    html = build_page(tmp_path, GEOJSON, spec).read_text(encoding="utf-8")
    assert "L.tileLayer" in html and '"c4tiles:/abc/{z}/{x}/{y}"' in html and '"maxNativeZoom": 16' in html
    assert '"tiles": true' in html and "L.control.scale" not in html  # c4map adds a metric one


def test_empty_jurisdiction_still_builds_a_page(tmp_path):
    html = build_page(tmp_path, {"type": "FeatureCollection", "features": []}).read_text(encoding="utf-8")
    assert "fitBounds" not in html and "window.c4map.attach(" in html


def test_geojson_is_normalised_and_invalid_input_refused():
    fc = normalise_geojson(GEOJSON)
    assert len(fc["features"]) == 1  # the feature without geometry is dropped
    assert fc["features"][0]["properties"] == {"sector": "S2", "cuadrante": "C7",
                                               "colonia": "Pueblo &lt;Nuevo&gt;"}
    single = normalise_geojson({**GEOJSON["features"][0], "properties": None})
    assert single["features"][0]["properties"] == {"sector": "", "cuadrante": "", "colonia": ""}
    with pytest.raises(ValueError):
        normalise_geojson({"type": "Polygon", "coordinates": []})


def test_page_is_rewritten_in_place(tmp_path: Path):
    first = build_page(tmp_path, GEOJSON)
    second = build_page(tmp_path, GEOJSON)
    assert first == second and not list(tmp_path.glob("*.tmp"))
