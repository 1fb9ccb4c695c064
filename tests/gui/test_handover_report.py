"""The shift handover report: the pure snapshot and HTML, and the PDF written by Qt's
own writer from a console on a real central (poppler renders and reads it)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time

import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QFileDialog

from c4console.core.enums import Channel, IncidentStatus, Priority, UnitStatus
from c4console.core.models import Incident, Shift, Unit
from c4console.gui.shift.handover_pdf import write_pdf
from c4console.gui.shift.handover_report import PendingAction, build_html, collect
from tests.gui.console_harness import demo_devices, osmand, start_session, stop_session, until
from tests.system_tools import require_tools

T0 = 1_800_000_000.0


def _incident(iid, folio, status, **kw):
    return Incident(id=iid, folio=folio, type_code="30502", priority=kw.pop("priority", Priority.ALTA),
                    channel=Channel.PANIC_BUTTON, status=status, created_at=kw.pop("created_at", T0),
                    **kw)


def test_snapshot_keeps_open_incidents_breaches_and_pending_actions(qapp):
    incidents = [
        _incident("a", "C4-A", IncidentStatus.NEW, priority=Priority.MEDIA),
        _incident("b", "C4-B", IncidentStatus.DISPATCHED, acknowledged_at=T0 + 30,
                  dispatched_at=T0 + 200, unit_id="u1"),
        _incident("c", "C4-C", IncidentStatus.CLOSED, acknowledged_at=T0 + 10,
                  closed_at=T0 + 50, disposition="atendida"),
    ]
    units = [Unit("u2", "PM-202", UnitStatus.OUT_OF_SERVICE, sector="S2", status_since=T0),
             Unit("u1", "PM-101", UnitStatus.ASSIGNED, sector="S1", incident_id="b",
                  status_since=T0 + 200)]
    pending = [
        PendingAction(T0 + 300, "add_note", {"incident_id": "b", "text": "Vecina confirma"},
                      "pending"),
        PendingAction(T0 + 290, "unit_status", {"unit_id": "u2", "status": "out_of_service",
                                                "reason": "llanta"}, "rejected", "forbidden"),
    ]
    data = collect(incidents, units, pending, T0 + 400, "jefe1")
    assert [i.folio for i in data.incidents] == ["C4-B", "C4-A"]  # ALTA first, closed left out
    assert [u.callsign for u in data.units] == ["PM-101", "PM-202"]
    got = {(b.incident.folio, b.target, b.stopped) for b in data.breaches}
    # A: no acknowledgement after 400 s (running); B: dispatched at 200 s > 120 s (late).
    assert got == {("C4-A", "minimum_data", False), ("C4-A", "unit_assigned", False),
                   ("C4-B", "unit_assigned", True)}
    assert [p.type for p in data.pending] == ["unit_status", "add_note"]
    html = build_html(data)
    for text in ("C4-A", "C4-B", "PM-101", "PM-202", "Vecina confirma", "Fuera de servicio: llanta",
                 "Su rol no permite", "cumplido tarde", "sigue corriendo", "jefe1",
                 "Datos mínimos (90 s)"):
        assert text in html, text
    assert "C4-C" not in html
    empty = build_html(collect([], [], [], T0, "jefe1"))
    assert "No hay incidentes abiertos." in empty and "confirmadas por la central" in empty


def test_a_shift_period_opened_closed_carried_over_and_its_units(qapp):
    shift = Shift("t1", "Matutino", T0, T0 + 8 * 3600, lead="jefe1",
                  operators=("operadora1", "operadora2"), units=("u1",), sectors=("S1",))
    incidents = [
        _incident("before", "C4-PREV", IncidentStatus.DISPATCHED, created_at=T0 - 600,
                  acknowledged_at=T0 - 590, dispatched_at=T0 - 500, unit_id="u1"),
        _incident("done", "C4-DONE", IncidentStatus.CLOSED, created_at=T0 + 60,
                  acknowledged_at=T0 + 70, closed_at=T0 + 900, disposition="atendida",
                  owner="operadora1"),
        _incident("late", "C4-LATE", IncidentStatus.CLOSED, created_at=T0 + 7 * 3600,
                  acknowledged_at=T0 + 7 * 3600 + 20, closed_at=T0 + 9 * 3600, disposition="x"),
        _incident("next", "C4-NEXT", IncidentStatus.NEW, created_at=T0 + 8 * 3600 + 60),
    ]
    units = [Unit("u1", "PM-101", UnitStatus.ASSIGNED, incident_id="before"),
             Unit("u2", "PM-202", UnitStatus.AVAILABLE)]
    # Read after the shift: the picture at its end, not now.
    data = collect(incidents, units, [], T0 + 10 * 3600, "jefe1", shift=shift)
    assert [i.folio for i in data.opened] == ["C4-DONE", "C4-LATE"]
    assert [i.folio for i in data.closed] == ["C4-DONE"]
    # Still open at the end: the one from before, and the one closed after the end.
    assert {i.folio for i in data.incidents} == {"C4-PREV", "C4-LATE"}
    assert [u.callsign for u in data.units] == ["PM-101"]  # the shift's own units
    html = build_html(data)
    for text in ("Turno: Matutino", "Jefe de turno: jefe1", "Operadoras: operadora1, operadora2",
                 "Abiertos durante el turno: 2; cerrados durante el turno: 1",
                 "Siguen abiertos al cierre del turno: 2", "atendida", "operadora1"):
        assert text in html, text
    assert "C4-NEXT" not in html and "PM-202" not in html


def _visible(kind):
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible()), None)


@pytest.fixture
def poppler():
    require_tools("pdftoppm", "pdftotext", package="poppler-utils")


@pytest.mark.usefixtures("poppler")
def test_handover_pdf_from_a_console_on_a_real_central(qapp, qloop, demo_central, tmp_path):
    async def scenario():
        lead = await start_session(qapp, demo_central.api, tmp_path / "lead", "--operator", "jefe1")
        win = lead.window
        try:
            await until(lambda: len(win.state.units) >= 12, 15, "units synced")
            rows = demo_devices()
            for row in (rows[3], rows[11]):
                status, body = await osmand(demo_central.osmand, id=row["device_id"],
                                            lat=row["home_lat"], lon=row["home_lon"],
                                            timestamp=int(time.time()), alarm="sos")
                assert status == 200, body
            await until(lambda: len(win.state.incidents) >= 2, 10, "two alarms")
            incs = sorted(win.state.all_incidents(), key=lambda i: i.created_at)
            await win.controller.dispatch(incs[0].id)
            # A command the central refuses stays in the report until it is reviewed.
            idle = next(u for u in sorted(win.state.all_units(), key=lambda u: u.callsign)
                        if u.status is UnitStatus.AVAILABLE and u.incident_id is None)
            await win.controller.unit_status(idle.id, "en_route")
            await until(lambda: win.state.pending_count() == 0
                        and win.state.incident(incs[0].id).status is IncidentStatus.DISPATCHED,
                        10, "dispatch confirmed, refusal answered")
            assert len(await lead.engine.db(lead.cache.rejected)) == 1
            sent = win.state.unit(win.state.incident(incs[0].id).unit_id)
            # Ten minutes on: the new alarm has breached its timers.
            pdf = await win.handover.write_pdf(tmp_path / "handover" / "entrega.pdf",
                                               now=time.time() + 600)
            assert pdf.read_bytes()[:5] == b"%PDF-"
            png_root = tmp_path / "page"
            subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", str(pdf),
                            str(png_root)], check=True, capture_output=True, timeout=60)
            pngs = sorted(tmp_path.glob("page*.png"))
            assert len(pngs) == 1 and pngs[0].stat().st_size > 10_000
            text = subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                  capture_output=True, text=True, timeout=60).stdout
            text = " ".join(text.split())  # table cells may wrap
            assert "Reporte de entrega de turno" in text
            for inc in incs:
                assert inc.folio in text
            assert sent.callsign in text and idle.callsign in text
            assert "Datos mínimos (90 s)" in text  # the second alarm, never acknowledged
            assert "La unidad no tiene incidente asignado" in text
            shutil.copy(pngs[0], tmp_path.parent / "handover-page1.png")

            # The Turno menu: the save dialog (open(), not exec()) writes where chosen ...
            menu_pdf = tmp_path / "menu" / "entrega-menu.pdf"
            menu_pdf.parent.mkdir()
            win.a_handover_pdf.trigger()
            chooser = await until(lambda: _visible(QFileDialog), 5, "save dialog")
            chooser.selectFile(str(menu_pdf))
            chooser.accept()
            await until(lambda: menu_pdf.exists() and menu_pdf.stat().st_size > 1000, 10,
                        "PDF written from the menu")
            # ... and the print action shows the print dialog without blocking the loop.
            win.a_handover_print.trigger()
            printer_dialog = await until(lambda: _visible(QPrintDialog), 5, "print dialog")
            await asyncio.sleep(0.1)  # the loop keeps running while it is open
            printer_dialog.reject()
        finally:
            await stop_session(lead)

    qloop.run_until_complete(scenario())


@pytest.mark.usefixtures("poppler")
def test_handover_pdf_of_a_shift_period(qapp, qloop, demo_central, tmp_path):
    async def scenario():
        lead = await start_session(qapp, demo_central.api, tmp_path / "lead", "--operator", "jefe1")
        win = lead.window
        try:
            await until(lambda: len(win.state.units) >= 12 and "demo-turno" in win.state.shifts,
                        15, "units and the demo shift synced")
            rows = demo_devices()
            for row in (rows[1], rows[5]):
                status, body = await osmand(demo_central.osmand, id=row["device_id"],
                                            lat=row["home_lat"], lon=row["home_lon"],
                                            timestamp=int(time.time()), alarm="sos")
                assert status == 200, body
            await until(lambda: len(win.state.incidents) >= 2, 10, "two alarms")
            kept, closed = sorted(win.state.all_incidents(), key=lambda i: i.created_at)
            await win.controller.close(closed.id, "false_alarm", "")
            await until(lambda: not win.state.incident(closed.id).is_open, 10, "closed")

            # The lead's own shift (the demo's, she leads it) is the default.
            assert win.handover.current_shift().id == "demo-turno"
            pdf = await win.handover.write_pdf(tmp_path / "turno.pdf")
            text = subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                  capture_output=True, text=True, timeout=60).stdout
            text = " ".join(text.split())
            for words in ("Turno: Turno demo", "Jefe de turno: jefe1",
                          "Operadoras: operadora1, operadora2",
                          "Abiertos durante el turno: 2; cerrados durante el turno: 1",
                          "Siguen abiertos al cierre del turno: 1", "Cerrados durante el turno",
                          kept.folio, closed.folio, "Falsa alarma"):
                assert words in text, words
            shift = win.state.shifts["demo-turno"]
            assert time.strftime("%Y-%m-%d %H:%M", time.localtime(shift.starts_at)) in text

            # A shift that ended before these alarms: none of them is in its report.
            now = time.time()
            await win.roster.send({"shift_id": "noche", "name": "Nocturno",
                                   "starts_at": now - 12 * 3600, "ends_at": now - 4 * 3600,
                                   "lead": "jefe1", "operators": ["operadora2"], "units": [],
                                   "sectors": []})
            await until(lambda: "noche" in win.state.shifts, 10, "past shift stored")
            pdf = await win.handover.write_pdf(tmp_path / "noche.pdf", shift_id="noche")
            text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                           capture_output=True, text=True,
                                           timeout=60).stdout.split())
            assert "Turno: Nocturno" in text and "Operadoras: operadora2" in text
            assert "Ningún incidente se abrió en el turno." in text
            assert kept.folio not in text and closed.folio not in text
        finally:
            await stop_session(lead)

    qloop.run_until_complete(scenario())


def test_write_pdf_makes_a_multi_page_pdf(qapp, tmp_path):
    rows = "".join(f"<tr><td>fila {n}</td></tr>" for n in range(400))
    pdf = write_pdf(f"<table>{rows}</table>", tmp_path / "long.pdf", "prueba")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines()
                         if line.startswith("Pages:")))
        assert pages > 1
        assert "prueba" in info
