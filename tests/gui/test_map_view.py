"""The live map in a real QtWebEngine page (offscreen): markers, batches, clicks, tiles."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebEngineCore import QWebEngineProfile

from c4console.core.enums import Channel, IncidentStatus, Priority, UnitStatus
from c4console.core.models import Incident, Unit
from c4console.gui.map.map_view import MapView
from c4console.gui.map.mbtiles import register_schemes, schemes_registered, tile_handler
from c4console.gui.map.tiles import TileSettings

# Custom schemes must be known before the QApplication exists; test modules are
# imported at collection, before pytest-qt creates it.
register_schemes()

LAT, LON = 32.63, -115.45  # Mexicali
GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"sector": "S1", "cuadrante": f"C{i}", "colonia": f"Col {i}"},
         "geometry": {"type": "Polygon", "coordinates": [[
             [LON - 0.02 + i * 0.02, LAT - 0.02], [LON + i * 0.02, LAT - 0.02],
             [LON + i * 0.02, LAT + 0.02], [LON - 0.02 + i * 0.02, LAT + 0.02],
             [LON - 0.02 + i * 0.02, LAT - 0.02]]]}}
        for i in range(2)
    ],
}
LOAD_MS = 30_000


def incident(iid: str, status: IncidentStatus = IncidentStatus.NEW, priority: Priority = Priority.ALTA,
             lat: float | None = LAT, lon: float | None = LON, **kw) -> Incident:
    return Incident(id=iid, folio=f"C4-{iid}", type_code="30502", priority=priority,
                    channel=Channel.PANIC_BUTTON, status=status, created_at=0.0, lat=lat, lon=lon, **kw)


def unit(uid: str, lat: float = LAT + 0.005, lon: float = LON,
         status: UnitStatus = UnitStatus.AVAILABLE) -> Unit:
    return Unit(id=uid, callsign=f"P-{uid}", status=status, lat=lat, lon=lon)


def js(qtbot, view: MapView, script: str):
    """Evaluate the expression ``script`` in the page and return its value."""
    box: list = []
    view.evaluate_js(script, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def marker_ids(qtbot, view: MapView) -> tuple[set[str], set[str]]:
    ids = js(qtbot, view, "window.c4map.markerIds()")
    return set(ids["incidents"]), set(ids["units"])


def wait_ids(qtbot, view: MapView, incidents: set[str], units: set[str]) -> None:
    qtbot.waitUntil(lambda: marker_ids(qtbot, view) == (incidents, units), timeout=5000)


@pytest.fixture
def make_view(qtbot, tmp_path):
    """Builds MapViews that have loaded their page; deletes them afterwards."""
    views: list[MapView] = []

    def make(tiles: TileSettings | None = None, geojson: dict = GEOJSON, wait: bool = True) -> MapView:
        view = MapView(tmp_path / f"page{len(views)}", geojson, tiles or TileSettings())
        views.append(view)
        view.resize(800, 600)
        view.show()
        if wait:
            with qtbot.waitSignal(view.ready, timeout=LOAD_MS):
                pass
        return view

    yield make
    for view in views:
        view.close()
        view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_upserts_put_exactly_those_markers_and_closing_removes(qtbot, make_view):
    view = make_view()
    view.upsert_incidents([
        incident("i1"),
        incident("i2", IncidentStatus.DISPATCHED, Priority.MEDIA, lat=LAT + 0.01),
        incident("i3", IncidentStatus.CLOSED),  # closed: never drawn
        incident("i4", lat=None, lon=None),  # nowhere to draw it
    ])
    view.upsert_units([unit("u1"), unit("u2", lon=LON + 0.01, status=UnitStatus.EN_ROUTE)])
    wait_ids(qtbot, view, {"i1", "i2"}, {"u1", "u2"})

    i1 = js(qtbot, view, "window.c4map.markerInfo('incident', 'i1')")
    assert (i1["lat"], i1["lon"], i1["alarm"], i1["color"]) == (LAT, LON, True, "#d32f2f")
    assert js(qtbot, view, "window.c4map.markerInfo('incident', 'i2')")["color"] == "#f57c00"
    assert js(qtbot, view, "window.c4map.markerInfo('unit', 'u2')")["color"] == "#1565c0"
    label = js(qtbot, view, "document.querySelector('[data-c4-id=\"u1\"] .c4-unit-label').textContent")
    assert label == "P-u1"

    view.upsert_incidents([incident("i1", IncidentStatus.FALSE_ALARM)])
    view.remove_incidents(["i2"])
    view.remove_units(["u2"])
    wait_ids(qtbot, view, set(), {"u1"})


def test_rapid_unit_updates_coalesce_into_one_batch(qtbot, make_view):
    view = make_view()
    latencies: list[float] = []
    view.batchApplied.connect(latencies.append)
    before = js(qtbot, view, "window.c4map.stats().batches")
    for k in range(60):
        view.upsert_units([unit("u1", lat=LAT + k * 0.0001)])
    with qtbot.waitSignal(view.batchApplied, timeout=5000):
        pass
    qtbot.wait(300)  # a second batch, if any, would have gone out by now
    assert len(latencies) == 1 and 0.0 <= latencies[0] < 5.0
    assert js(qtbot, view, "window.c4map.stats().batches") == before + 1
    info = js(qtbot, view, "window.c4map.markerInfo('unit', 'u1')")
    assert info["lat"] == pytest.approx(LAT + 59 * 0.0001)


def test_live_position_far_from_confirmed_draws_both(qtbot, make_view):
    view = make_view()
    far = LAT + 0.002  # ~220 m north
    view.upsert_incidents([
        incident("far", live_lat=far, live_lon=LON),
        incident("near", lat=LAT + 0.01, live_lat=LAT + 0.01 + 0.0001, live_lon=LON),  # ~11 m
    ])
    wait_ids(qtbot, view, {"far", "near"}, set())
    info = js(qtbot, view, "window.c4map.markerInfo('incident', 'far')")
    assert (info["lat"], info["lon"]) == (LAT, LON)  # the confirmed marker did not move
    assert info["live"] == {"lat": far, "lon": LON} and info["line"] is True
    roles = js(qtbot, view, "[...document.querySelectorAll('[data-c4-id=\"far\"]')]"
                            ".map(e => e.dataset.c4Role).sort()")
    assert roles == ["live", "main"]
    near = js(qtbot, view, "window.c4map.markerInfo('incident', 'near')")
    assert near["live"] is None and near["line"] is False


def test_marker_click_reaches_python_and_selection_shows(qtbot, make_view):
    view = make_view()
    view.upsert_incidents([incident("i1")])
    view.upsert_units([unit("u1")])
    wait_ids(qtbot, view, {"i1"}, {"u1"})
    click = ("document.querySelector('[data-c4-kind=\"{0}\"][data-c4-id=\"{1}\"]')"
             ".dispatchEvent(new MouseEvent('click', {{bubbles: true, cancelable: true}}))")
    with qtbot.waitSignal(view.incidentClicked, timeout=5000) as clicked:
        js(qtbot, view, click.format("incident", "i1"))
    assert clicked.args == ["i1"]
    with qtbot.waitSignal(view.unitClicked, timeout=5000) as clicked:
        js(qtbot, view, click.format("unit", "u1"))
    assert clicked.args == ["u1"]

    view.select_incident("i1")
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.selection()") == {"kind": "incident", "id": "i1"},
                    timeout=5000)
    assert js(qtbot, view, "window.c4map.markerInfo('incident', 'i1')")["selected"] is True
    assert js(qtbot, view, "document.querySelectorAll('.c4-selected').length") == 1
    view.select_unit("nobody")  # not on the map: no crash, selection recorded
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.selection()")["id"] == "nobody", timeout=5000)


def test_updates_before_load_are_queued_and_delivered(qtbot, make_view):
    view = make_view(wait=False)
    view.upsert_incidents([incident("early")])
    with qtbot.waitSignal(view.ready, timeout=LOAD_MS):
        pass
    wait_ids(qtbot, view, {"early"}, set())


def test_jurisdiction_stays_in_view_on_resize_until_the_operator_moves_the_map(qtbot, make_view):
    view = make_view()
    zoom = js(qtbot, view, "window.c4map.view().zoom")
    view.resize(260, 200)
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.view().zoom") < zoom, timeout=5000)
    small = js(qtbot, view, "window.c4map.view().zoom")
    js(qtbot, view, "document.querySelector('.folium-map').dispatchEvent(new MouseEvent('mousedown'))")
    view.resize(800, 600)
    qtbot.wait(300)
    assert js(qtbot, view, "window.c4map.view().zoom") == small


def _png_tile() -> bytes:
    img = QImage(256, 256, QImage.Format.Format_RGB32)
    img.fill(QColor("#4caf50"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def make_mbtiles(path: Path) -> None:
    """Zoom levels 0–1; at z1 only Mexicali's tile (x=0, XYZ y=0 → TMS row 1) exists."""
    png = _png_tile()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        db.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
                   "tile_data BLOB)")
        db.executemany("INSERT INTO metadata VALUES (?, ?)", [
            ("name", "test"), ("format", "png"), ("minzoom", "0"), ("maxzoom", "1"),
            ("attribution", '<a href="https://example.org">Example</a>'),
        ])
        db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", [(0, 0, 0, png), (1, 0, 1, png)])
    db.close()


@pytest.mark.skipif(not schemes_registered(), reason="c4tiles: registered too late in this session")
def test_mbtiles_tiles_are_served_to_the_page(qtbot, make_view, tmp_path):
    path = tmp_path / "city.mbtiles"
    make_mbtiles(path)
    handler = tile_handler(QWebEngineProfile.defaultProfile())
    served_before = handler.served
    view = make_view(TileSettings(mode="mbtiles", mbtiles_path=str(path)))
    page = (view.page_path.read_text(encoding="utf-8"))
    assert "c4tiles:/" in page and "http" not in page.replace("http-equiv", "")
    qtbot.waitUntil(lambda: handler.served > served_before, timeout=10_000)
    loaded = ("[...document.querySelectorAll('img.leaflet-tile')]"
              ".filter(i => i.src.startsWith('c4tiles:') && i.complete && i.naturalWidth === 256).length")
    qtbot.waitUntil(lambda: js(qtbot, view, loaded) >= 1, timeout=10_000)
    assert handler.missing == 0  # the TMS row flip found the one z1 tile


def test_xyz_tiles_from_a_local_folder_template(qtbot, make_view, tmp_path):
    root = tmp_path / "xyz"
    root.mkdir()
    template = root.as_uri() + "/{z}/{x}/{y}.png"
    view = make_view(TileSettings(mode="xyz", url=template))
    assert template in view.page_path.read_text(encoding="utf-8")
    srcs = "[...document.querySelectorAll('img.leaflet-tile')].map(i => i.src)"
    qtbot.waitUntil(lambda: bool(js(qtbot, view, srcs)), timeout=10_000)
    # Leaflet asked for the tiles of its current view; provide them and reload the images.
    png = _png_tile()
    for src in js(qtbot, view, srcs):
        z, x, y = src.rsplit("/", 3)[1:]
        tile = root / z / x / y
        tile.parent.mkdir(parents=True, exist_ok=True)
        tile.write_bytes(png)
    js(qtbot, view, "document.querySelectorAll('img.leaflet-tile').forEach(i => { i.src = i.src; })")
    loaded = ("[...document.querySelectorAll('img.leaflet-tile')]"
              ".filter(i => i.complete && i.naturalWidth === 256).length")
    qtbot.waitUntil(lambda: js(qtbot, view, loaded) >= 1, timeout=10_000)


def test_missing_mbtiles_falls_back_to_outlines_with_a_notice(qtbot, make_view, tmp_path):
    view = make_view(TileSettings(mode="mbtiles", mbtiles_path=str(tmp_path / "none.mbtiles")))
    notice = view.findChild(type(view._notice), "mapNotice")
    assert notice is not None and not notice.isHidden() and "mosaicos" in notice.text()


def test_page_that_cannot_be_built_shows_a_message(qtbot, make_view, tmp_path, caplog):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the page folder should be")
    view = MapView(blocker / "page", GEOJSON, TileSettings())
    try:
        error = view.findChild(type(view._error), "mapError")
        assert error is not None and "No se pudo preparar el mapa" in error.text()
        # IT reads the log, not the operator's screen: the same words are there.
        assert f"map unavailable: {error.text()}" in caplog.text
        view.upsert_incidents([incident("i1")])  # still safe to feed
        qtbot.wait(150)
        assert not view.is_ready()
    finally:
        view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_page_that_cannot_load_says_so_on_screen_and_in_the_log(qtbot, make_view, caplog):
    view = make_view()
    view.page_path.unlink()  # e.g. the data folder was moved away while the console ran
    view.web_page().load_home(QUrl.fromLocalFile(str(view.page_path)))
    error = view.findChild(type(view._error), "mapError")
    qtbot.waitUntil(lambda: error.isVisible(), timeout=LOAD_MS)
    assert error.text() == f"No se pudo cargar el mapa ({view.page_path})."
    assert f"map unavailable: {error.text()}" in caplog.text
    assert not view.is_ready()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX kill")
def test_renderer_crash_reloads_and_repaints_the_markers(qtbot, make_view):
    view = make_view()
    view.upsert_incidents([incident("i1")])
    view.upsert_units([unit("u1")])
    wait_ids(qtbot, view, {"i1"}, {"u1"})
    pid = view.web_page().renderProcessPid()
    assert pid > 0
    with qtbot.waitSignal(view.web_page().renderProcessTerminated, timeout=10_000):
        os.kill(pid, signal.SIGKILL)
    view.upsert_units([unit("u2")])  # arrives while the page is down
    with qtbot.waitSignal(view.ready, timeout=LOAD_MS):
        pass
    wait_ids(qtbot, view, {"i1"}, {"u1", "u2"})


def test_a_new_alarm_goes_to_the_page_at_once_while_routine_moves_wait(qtbot, make_view):
    view = make_view()
    view.upsert_units([unit("u1"), unit("u2", lon=LON + 0.01)])
    wait_ids(qtbot, view, set(), {"u1", "u2"})
    js(qtbot, view, "document.querySelector('[data-c4-id=\"u1\"]').c4probe = 'same element'")
    view.upsert_units([unit("u2", lon=LON + 0.02)])  # a routine change opens a window
    sent = view.batches_sent()
    view.move_units([unit("u1", lat=LAT + 0.01)])
    assert view.batches_sent() == sent  # moves coalesce: nothing went out yet
    view.upsert_incidents([incident("alarm")])
    assert view.batches_sent() == sent + 1  # the alarm did not wait for the window
    wait_ids(qtbot, view, {"alarm"}, {"u1", "u2"})
    # The move follows in the routine batch; the unit's marker moves in place.
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.markerInfo('unit', 'u1')")["lat"] == LAT + 0.01,
                    timeout=5000)
    assert js(qtbot, view, "document.querySelector('[data-c4-id=\"u1\"]').c4probe") == "same element"
    # A routine update of an incident already on the map waits like the moves.
    sent = view.batches_sent()
    view.upsert_incidents([incident("alarm", IncidentStatus.ACKNOWLEDGED)])
    assert view.batches_sent() == sent
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.markerInfo('incident', 'alarm')")["status"]
                    == "acknowledged", timeout=5000)


def test_the_page_keeps_up_with_thousands_of_moves_and_holds_the_latest(qtbot, make_view):
    view = make_view()
    ids = [f"u{i}" for i in range(2000)]
    view.upsert_units([unit(uid, lat=LAT + i * 1e-5) for i, uid in enumerate(ids)])
    qtbot.waitUntil(lambda: len(marker_ids(qtbot, view)[1]) == 2000, timeout=20_000)
    for step in range(1, 6):
        view.move_units([unit(uid, lat=LAT + i * 1e-5, lon=LON + step * 1e-4) for i, uid in enumerate(ids)])
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.markerInfo('unit', 'u1999')")["lon"]
                    == pytest.approx(LON + 5e-4), timeout=10_000)
    lons = js(qtbot, view, "window.c4map.markerIds().units.map("
                           "function (id) { return window.c4map.markerInfo('unit', id).lon; })")
    assert lons == [pytest.approx(LON + 5e-4)] * 2000
    assert js(qtbot, view, "window.c4map.stats().errors") == 0
