"""Polygon pick on the real QtWebEngine map page (offscreen), for the exclusion zones form:
each click adds a corner, a double click or Enter closes the outline and its corners come
back through the bridge; Esc cancels; draft zones are drawn while a form edits them."""

from __future__ import annotations

import pytest

from tests.gui.test_map_pick import click_map, press_escape
from tests.gui.test_map_view import LAT, LON, js, make_view  # noqa: F401  (fixture)

CORNERS = [(LAT, LON), (LAT, LON + 0.01), (LAT + 0.008, LON + 0.01)]


def double_click_map(qtbot, view, lat: float, lon: float) -> None:
    """Two clicks and a dblclick at (lat, lon), as a mouse's double click sends them."""
    click_map(qtbot, view, lat, lon)
    click_map(qtbot, view, lat, lon)
    js(qtbot, view, f"""(function () {{
        var box = document.querySelector('.leaflet-container').getBoundingClientRect();
        var p = window.c4map.containerPoint({lat}, {lon});
        var at = {{bubbles: true, cancelable: true, view: window, button: 0,
                  clientX: box.left + p.x, clientY: box.top + p.y}};
        document.elementFromPoint(at.clientX, at.clientY).dispatchEvent(new MouseEvent('dblclick', at));
        return true;
    }}())""")


def press_enter(qtbot, view) -> None:
    js(qtbot, view, "document.dispatchEvent(new KeyboardEvent('keydown', "
                    "{key: 'Enter', bubbles: true})) && true")


def test_polygon_pick_closes_on_double_click_or_enter_and_escape_cancels(qtbot, make_view):  # noqa: F811
    view = make_view()
    outlines: list[list[tuple[float, float]]] = []
    cancelled: list[bool] = []
    points: list[tuple[float, float]] = []
    view.polygonPicked.connect(outlines.append)
    view.pickCancelled.connect(lambda: cancelled.append(True))
    view.pointPicked.connect(lambda lat, lon: points.append((lat, lon)))
    zoom = js(qtbot, view, "window.c4map.view().zoom")

    view.start_polygon_pick("Haga clic en cada esquina")
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.polygonPicking()") == [], timeout=5000)
    assert view.is_picking()
    for corner in CORNERS[:2]:
        click_map(qtbot, view, *corner)
    with qtbot.waitSignal(view.polygonPicked, timeout=5000):
        double_click_map(qtbot, view, *CORNERS[2])
    assert len(outlines) == 1 and len(outlines[0]) == 3  # the double click's clicks: one corner
    assert outlines[0] == [pytest.approx(c, abs=1e-4) for c in CORNERS]
    assert js(qtbot, view, "window.c4map.view().zoom") == zoom  # no double-click zoom meanwhile
    assert not view.is_picking() and points == [] and cancelled == []
    assert js(qtbot, view, "window.c4map.polygonPicking()") is None
    assert js(qtbot, view, "document.querySelectorAll('.c4-pick-banner').length") == 0

    view.start_polygon_pick("otra")
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.polygonPicking()") == [], timeout=5000)
    for corner in CORNERS:
        click_map(qtbot, view, *corner)
    with qtbot.waitSignal(view.polygonPicked, timeout=5000):
        press_enter(qtbot, view)
    assert len(outlines) == 2 and len(outlines[1]) == 3

    view.start_polygon_pick("y otra")
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.polygonPicking()") == [], timeout=5000)
    click_map(qtbot, view, *CORNERS[0])
    with qtbot.waitSignal(view.pickCancelled, timeout=5000):
        press_escape(qtbot, view)
    assert cancelled == [True] and len(outlines) == 2 and not view.is_picking()
    assert js(qtbot, view, "window.c4map.polygonPicking()") is None
    click_map(qtbot, view, *CORNERS[1])  # over: clicks add nothing
    qtbot.wait(200)
    assert len(outlines) == 2 and points == []


def test_draft_zones_are_drawn_and_cleared(qtbot, make_view):  # noqa: F811
    view = make_view()
    view.show_draft_zones([
        {"kind": "circle", "lat": LAT, "lon": LON, "radius_m": 300.0, "points": [], "label": "Casa"},
        {"kind": "polygon", "lat": LAT, "lon": LON, "radius_m": 0.0,
         "points": [list(c) for c in CORNERS], "label": "Escuela"}])
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.draftZoneCount()") == 2, timeout=5000)
    assert js(qtbot, view, "document.querySelectorAll('.c4-zone-draft').length") == 2
    view.show_draft_zones([])
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.draftZoneCount()") == 0, timeout=5000)
