"""Pick mode and the home marker on the real QtWebEngine map page (offscreen): a click on
the map in pick mode comes back through the page's bridge as lat/lon; Esc in the page or
cancel from Python leaves pick mode; a click outside pick mode picks nothing."""

from __future__ import annotations

import json

import pytest

from tests.gui.test_map_view import LAT, LON, js, make_view  # noqa: F401  (fixture)


def click_map(qtbot, view, lat: float, lon: float) -> None:
    """A DOM click where (lat, lon) is drawn, on whatever element is there (as a mouse would)."""
    js(qtbot, view, f"""(function () {{
        var box = document.querySelector('.leaflet-container').getBoundingClientRect();
        var p = window.c4map.containerPoint({lat}, {lon});
        var at = {{bubbles: true, cancelable: true, view: window, button: 0,
                  clientX: box.left + p.x, clientY: box.top + p.y}};
        var target = document.elementFromPoint(at.clientX, at.clientY);
        target.dispatchEvent(new MouseEvent('click', at));
        return target.tagName;
    }}())""")


def press_escape(qtbot, view) -> None:
    js(qtbot, view, "document.dispatchEvent(new KeyboardEvent('keydown', "
                    "{key: 'Escape', bubbles: true})) && true")


def test_pick_mode_sends_the_click_back_and_escape_cancels(qtbot, make_view):  # noqa: F811
    view = make_view()
    picked: list[tuple[float, float]] = []
    cancelled: list[bool] = []
    view.pointPicked.connect(lambda lat, lon: picked.append((lat, lon)))
    view.pickCancelled.connect(lambda: cancelled.append(True))

    click_map(qtbot, view, LAT, LON)  # not picking: nothing comes back
    view.start_pick("Haga clic en el domicilio (Esc cancela)")
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.picking()") is True, timeout=5000)
    banner = js(qtbot, view, "document.querySelector('.c4-pick-banner').textContent")
    assert banner == "Haga clic en el domicilio (Esc cancela)"
    assert js(qtbot, view, "document.querySelector('.leaflet-container')"
                           ".classList.contains('c4-picking')") is True
    assert picked == []

    target = (LAT + 0.004, LON + 0.012)
    with qtbot.waitSignal(view.pointPicked, timeout=5000):
        click_map(qtbot, view, *target)
    assert picked == [pytest.approx(target, abs=1e-4)]
    assert not view.is_picking()
    assert js(qtbot, view, "window.c4map.picking()") is False
    assert js(qtbot, view, "document.querySelectorAll('.c4-pick-banner').length") == 0
    click_map(qtbot, view, LAT, LON)  # pick mode is over: one click, one point
    qtbot.wait(200)
    assert len(picked) == 1 and cancelled == []

    view.start_pick("Elegir")
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.picking()") is True, timeout=5000)
    with qtbot.waitSignal(view.pickCancelled, timeout=5000):
        press_escape(qtbot, view)
    assert not view.is_picking() and cancelled == [True]
    click_map(qtbot, view, LAT, LON)
    qtbot.wait(200)
    assert len(picked) == 1

    view.start_pick("Elegir")
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.picking()") is True, timeout=5000)
    view.cancel_pick()
    assert cancelled == [True, True]
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.picking()") is False, timeout=5000)


def test_home_marker_shows_moves_and_goes(qtbot, make_view):  # noqa: F811
    view = make_view()
    view.show_home(LAT, LON, "Domicilio de B0001 <b>")
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.homeInfo()") is not None, timeout=5000)
    home = js(qtbot, view, "window.c4map.homeInfo()")
    assert (home["lat"], home["lon"], home["label"]) == (LAT, LON, "Domicilio de B0001 <b>")
    view.show_home(LAT + 0.01, LON, "otra")
    qtbot.waitUntil(lambda: (js(qtbot, view, "window.c4map.homeInfo()") or {}).get("label") == "otra",
                    timeout=5000)
    assert js(qtbot, view, "document.querySelectorAll('[data-c4-kind=\"home\"]').length") == 1
    view.clear_home()
    qtbot.waitUntil(lambda: js(qtbot, view, "window.c4map.homeInfo()") is None, timeout=5000)
    assert json.dumps(js(qtbot, view, "document.querySelectorAll('.c4-home').length")) == "0"
