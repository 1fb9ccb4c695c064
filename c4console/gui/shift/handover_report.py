"""The shift handover report as data and as HTML (for QTextDocument).

:func:`collect` takes a snapshot of what the incoming shift must know — open
incidents, every unit's state, the Norma Técnica 911 timers already breached on
open incidents, and the actions this console has not had confirmed by the central
(pending in the outbox, or refused and not yet reviewed). Given a shift, it covers
that shift's period: incidents opened and closed during it, those still open at its
end (or now, if it has not ended: carried over to the next shift), the shift's units,
and a header naming the shift, its period, lead and operators. :func:`build_html`
renders that snapshot; it does no I/O. Writing the PDF and printing live in
:mod:`c4console.gui.shift.handover_pdf`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from c4console.core.catalogue import Catalogue
from c4console.core.device_health import DeviceHealth
from c4console.core.enums import IncidentStatus, UnitStatus
from c4console.core.models import Incident, Shift, Unit
from c4console.core.timers import TimerState, read_timers
from c4console.gui.shell.labels import (
    command_label,
    format_elapsed,
    priority_label,
    rejection_label,
    status_label,
    timer_label,
    unit_status_label,
)
from c4console.gui.shift.handover_devices import (
    SilentDevice,
    kind_label,
    never_label,
    silent_devices,
)

# Written out as _t.translate("HandoverReport", "…") so that pyside6-lupdate finds them.
_t = QCoreApplication


@dataclass(frozen=True, slots=True)
class Breach:
    """A Norma Técnica 911 target an open incident has passed."""

    incident: Incident
    target: str
    limit_s: float
    elapsed_s: float
    stopped: bool  # the stamp arrived late (False: still running past the limit)


@dataclass(frozen=True, slots=True)
class PendingAction:
    """A command of this console the central has not confirmed (or has refused)."""

    created_at: float
    type: str
    body: Mapping[str, Any]
    state: str  # "pending" or "rejected"
    reason: str = ""


@dataclass(frozen=True)
class HandoverData:
    """Everything the report shows, taken at one moment."""

    generated_at: float
    operator: str
    incidents: list[Incident]
    units: list[Unit]
    breaches: list[Breach]
    pending: list[PendingAction]
    folios: Mapping[str, str] = field(default_factory=dict)  # incident id -> folio
    callsigns: Mapping[str, str] = field(default_factory=dict)  # unit id -> callsign
    # With a shift: ``incidents`` are those still open at its end (or now), carried over.
    shift: Shift | None = None
    opened: list[Incident] = field(default_factory=list)  # created during the shift
    closed: list[Incident] = field(default_factory=list)  # finished during the shift
    # The daily heartbeat check: devices not heard in 24 h (None: this console holds no
    # device health, so the section is left out rather than claiming all is well).
    silent_devices: list[SilentDevice] | None = None


def _urgent_first(incidents: Iterable[Incident]) -> list[Incident]:
    return sorted(incidents, key=lambda i: (i.priority.rank, i.created_at, i.id))


def _open_at(inc: Incident, at: float) -> bool:
    """True if the incident existed and was not finished at ``at``."""
    if inc.created_at >= at:
        return False
    return inc.is_open or (inc.closed_at is not None and inc.closed_at >= at)


def collect(incidents: Iterable[Incident], units: Iterable[Unit],
            pending: Iterable[PendingAction], now: float, operator: str,
            shift: Shift | None = None, health: Iterable[DeviceHealth] | None = None,
            names: Mapping[str, str] | None = None) -> HandoverData:
    """Snapshot for the report: open incidents most urgent first, units by callsign.

    With ``shift``: the incidents opened and closed in its period, those still open at
    its end (now, if it has not ended), its own units (every unit if it lists none), and
    the timers breached on the ones carried over, as they stood at that moment.
    ``health`` (the device health this console holds; ``names``: beneficiary id → name)
    gives the devices not heard in 24 h.
    """
    all_incidents = list(incidents)
    all_units = list(units)
    at = now if shift is None else min(now, shift.ends_at)
    if shift is None:
        open_ = _urgent_first(i for i in all_incidents if i.is_open)
        opened: list[Incident] = []
        closed: list[Incident] = []
        shown_units = all_units
    else:
        open_ = _urgent_first(i for i in all_incidents if _open_at(i, at))
        opened = sorted((i for i in all_incidents
                         if shift.starts_at <= i.created_at < shift.ends_at),
                        key=lambda i: (i.created_at, i.id))
        closed = sorted((i for i in all_incidents if i.closed_at is not None
                         and shift.starts_at <= i.closed_at < shift.ends_at),
                        key=lambda i: (i.closed_at or 0.0, i.id))
        on_shift = set(shift.units)
        shown_units = [u for u in all_units if u.id in on_shift] if on_shift else all_units
    breaches = []
    for inc in open_:
        for r in read_timers(inc, at):
            if r.state is TimerState.BREACHED:
                stopped = getattr(inc, r.target.stop_field) is not None
                breaches.append(Breach(inc, r.target.name, r.target.limit_s, r.elapsed_s, stopped))
    return HandoverData(
        generated_at=now, operator=operator, incidents=open_,
        units=sorted(shown_units, key=lambda u: u.callsign), breaches=breaches,
        pending=sorted(pending, key=lambda p: p.created_at),
        folios={i.id: i.folio for i in all_incidents},
        callsigns={u.id: u.callsign for u in all_units},
        shift=shift, opened=opened, closed=closed,
        silent_devices=None if health is None else silent_devices(health, names or {}, now),
    )


def _when(t: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t)) if t else ""


def _table(headers: list[str], rows: list[list[str]], empty: str,
           nowrap: frozenset[int] = frozenset()) -> str:
    """A bordered table; columns in ``nowrap`` (folios, times) never break across lines."""
    if not rows:
        return f"<p><i>{escape(empty)}</i></p>"

    def cell(n: int, text: str) -> str:
        style = ' style="white-space: nowrap;"' if n in nowrap else ""
        return f"<td{style}>{escape(text)}</td>"

    head = "".join(f'<th align="left" bgcolor="#e0e0e0" style="white-space: nowrap;">'
                   f"{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(cell(n, c) for n, c in enumerate(row)) + "</tr>"
                   for row in rows)
    return (f'<table border="1" cellspacing="0" cellpadding="3" width="100%">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _action_target(p: PendingAction, data: HandoverData) -> str:
    parts = []
    iid = p.body.get("incident_id")
    if isinstance(iid, str) and iid:
        parts.append(data.folios.get(iid, iid))
    uid = p.body.get("unit_id")
    if isinstance(uid, str) and uid:
        parts.append(data.callsigns.get(uid, uid))
    return " · ".join(parts)


def _action_detail(p: PendingAction) -> str:
    b = p.body
    status = b.get("status")
    if p.type == "unit_status" and isinstance(status, str):
        try:
            text = unit_status_label(UnitStatus(status))
        except ValueError:
            text = status
        return f"{text}: {b['reason']}" if b.get("reason") else text
    if p.type in ("set_status", "close") and isinstance(status, str):
        try:
            text = status_label(IncidentStatus(status))
        except ValueError:
            text = status
        return f"{text}: {b['disposition']}" if b.get("disposition") else text
    if p.type == "add_note":
        note = str(b.get("text", ""))
        return note if len(note) <= 80 else note[:79] + "…"
    if p.type == "classify":
        return str(b.get("type_code", ""))
    return ""


def _h(level: int, text: str) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


def build_html(data: HandoverData, catalogue: Catalogue | None = None,
               extra_sections: Iterable[str] = ()) -> str:
    """The report as HTML in the subset QTextDocument renders; ``extra_sections`` (HTML,
    e.g. the follow-up's, handover_follow_up.py) go at its end."""
    now = data.generated_at

    def type_name(code: str) -> str:
        if catalogue is not None and code in catalogue.types:
            return f"{code} {catalogue.get(code).name}"
        return code

    available = sum(1 for u in data.units if u.status is UnitStatus.AVAILABLE)
    waiting = sum(1 for p in data.pending if p.state == "pending")
    refused = len(data.pending) - waiting
    shift = data.shift
    summary = [
        (_t.translate("HandoverReport", "Siguen abiertos al cierre del turno: {0}")
         if shift else _t.translate("HandoverReport", "Incidentes abiertos: {0}")
         ).format(len(data.incidents)),
        _t.translate("HandoverReport", "Unidades disponibles: {0} de {1}").format(
            available, len(data.units)),
        _t.translate("HandoverReport", "Tiempos de la Norma Técnica 911 vencidos: {0}").format(
            len(data.breaches)),
        _t.translate("HandoverReport",
                     "Acciones pendientes de confirmar: {0}; rechazadas sin revisar: {1}").format(
            waiting, refused),
    ]
    if shift:
        summary[1:1] = [_t.translate("HandoverReport",
                                     "Abiertos durante el turno: {0}; cerrados durante el turno: {1}"
                                     ).format(len(data.opened), len(data.closed))]
    late = _t.translate("HandoverReport", "cumplido tarde")
    running = _t.translate("HandoverReport", "sigue corriendo")
    pending_text = _t.translate("HandoverReport", "Pendiente")
    refused_text = _t.translate("HandoverReport", "Rechazada: {0}")
    incidents = [[
        i.folio, priority_label(i.priority), type_name(i.type_code), status_label(i.status),
        ", ".join(x for x in (i.colonia, i.sector) if x) or i.address,
        data.callsigns.get(i.unit_id, i.unit_id) if i.unit_id else "",
        format_elapsed(now - i.created_at),
    ] for i in data.incidents]
    breaches = [[
        b.incident.folio, timer_label(b.target), format_elapsed(b.limit_s),
        format_elapsed(b.elapsed_s), late if b.stopped else running,
    ] for b in data.breaches]
    units = [[
        u.callsign, unit_status_label(u.status), u.sector,
        data.folios.get(u.incident_id, u.incident_id) if u.incident_id else "",
        format_elapsed(now - u.status_since) if u.status_since else "",
    ] for u in data.units]
    actions = [[
        _when(p.created_at), command_label(p.type), _action_target(p, data), _action_detail(p),
        pending_text if p.state == "pending" else refused_text.format(rejection_label(p.reason)),
    ] for p in data.pending]
    folio = _t.translate("HandoverReport", "Folio")
    unit = _t.translate("HandoverReport", "Unidad")
    status = _t.translate("HandoverReport", "Estado")
    situation = _t.translate("HandoverReport", "Situación")
    generated = _t.translate("HandoverReport", "Generado: {0} · por: {1}").format(
        _when(now), data.operator)
    parts = [
        "<html><body style=\"font-family: 'DejaVu Sans', sans-serif; font-size: 9pt;\">",
        _h(1, _t.translate("HandoverReport", "C4 · Reporte de entrega de turno")),
        f"<p>{escape(generated)}</p>",
        *_shift_header(data),
        "<ul>" + "".join(f"<li>{escape(s)}</li>" for s in summary) + "</ul>",
        *_shift_sections(data, type_name),
        _h(2, _t.translate("HandoverReport", "Siguen abiertos al cierre del turno (pasan al "
                                             "siguiente)") if shift
           else _t.translate("HandoverReport", "Incidentes abiertos")),
        _table([folio, _t.translate("HandoverReport", "Prioridad"),
                _t.translate("HandoverReport", "Tipo"), status,
                _t.translate("HandoverReport", "Lugar"), unit,
                _t.translate("HandoverReport", "Tiempo")],
               incidents, _t.translate("HandoverReport", "No hay incidentes abiertos."),
               frozenset({0, 5, 6})),
        _h(2, _t.translate("HandoverReport", "Tiempos de la Norma Técnica 911 vencidos")),
        _table([folio, _t.translate("HandoverReport", "Meta"),
                _t.translate("HandoverReport", "Límite"),
                _t.translate("HandoverReport", "Transcurrido"), situation],
               breaches,
               _t.translate("HandoverReport", "Ningún tiempo vencido en los incidentes abiertos."),
               frozenset({0, 2, 3})),
        _h(2, _t.translate("HandoverReport", "Unidades")),
        _table([unit, status, _t.translate("HandoverReport", "Sector"),
                _t.translate("HandoverReport", "Incidente"),
                _t.translate("HandoverReport", "En estado")],
               units, _t.translate("HandoverReport", "No hay unidades registradas."),
               frozenset({0, 3, 4})),
        _h(2, _t.translate("HandoverReport", "Acciones pendientes")),
        _table([_t.translate("HandoverReport", "Hora"), _t.translate("HandoverReport", "Acción"),
                _t.translate("HandoverReport", "Sobre"),
                _t.translate("HandoverReport", "Detalle"), situation],
               actions,
               _t.translate("HandoverReport",
                            "Todas las acciones de esta consola están confirmadas por la central."),
               frozenset({0})),
        "<p><i>" + escape(_t.translate(
            "HandoverReport",
            "Las acciones pendientes son las de esta consola; otras consolas tienen las suyas."))
        + "</i></p>",
        *_silent_section(data),
        *extra_sections,
        "</body></html>",
    ]
    return "".join(parts)


def _silent_section(data: HandoverData) -> list[str]:
    """The daily heartbeat check: devices not heard in 24 h (left out without health data)."""
    if data.silent_devices is None:
        return []
    rows = [[d.device_id, kind_label(d.kind), d.who,
             _when(d.last_report_at) if d.last_report_at else never_label()]
            for d in data.silent_devices]
    return [
        _h(2, _t.translate("HandoverReport", "Dispositivos sin reporte en 24 h")),
        _table([_t.translate("HandoverReport", "Dispositivo"),
                _t.translate("HandoverReport", "Tipo"),
                _t.translate("HandoverReport", "Beneficiaria"),
                _t.translate("HandoverReport", "Último reporte")],
               rows, _t.translate("HandoverReport", "Todos los dispositivos reportaron en las "
                                                    "últimas 24 horas."), frozenset({0, 3})),
    ]


def _shift_header(data: HandoverData) -> list[str]:
    """The shift's name, period, lead and operators (nothing without a shift)."""
    shift = data.shift
    if shift is None:
        return []
    lines = [
        _t.translate("HandoverReport", "Turno: {0}").format(shift.name),
        _t.translate("HandoverReport", "Periodo: {0} a {1}").format(
            _when(shift.starts_at), _when(shift.ends_at)),
        _t.translate("HandoverReport", "Jefe de turno: {0}").format(shift.lead or "—"),
        _t.translate("HandoverReport", "Operadoras: {0}").format(
            ", ".join(shift.operators) or "—"),
        _t.translate("HandoverReport", "Sectores: {0}").format(", ".join(shift.sectors) or "—"),
    ]
    return [f"<p><b>{escape(lines[0])}</b><br/>"
            + "<br/>".join(escape(line) for line in lines[1:]) + "</p>"]


def _shift_sections(data: HandoverData, type_name) -> list[str]:
    """Incidents opened and closed during the shift (nothing without a shift)."""
    if data.shift is None:
        return []
    folio = _t.translate("HandoverReport", "Folio")
    status = _t.translate("HandoverReport", "Estado")
    opened = [[i.folio, _when(i.created_at), priority_label(i.priority), type_name(i.type_code),
               status_label(i.status), ", ".join(x for x in (i.colonia, i.sector) if x) or i.address,
               i.owner] for i in data.opened]
    closed = [[i.folio, _when(i.closed_at), status_label(i.status), type_name(i.type_code),
               i.disposition, i.owner] for i in data.closed]
    by = _t.translate("HandoverReport", "A cargo de")
    return [
        _h(2, _t.translate("HandoverReport", "Abiertos durante el turno")),
        _table([folio, _t.translate("HandoverReport", "Hora"),
                _t.translate("HandoverReport", "Prioridad"), _t.translate("HandoverReport", "Tipo"),
                status, _t.translate("HandoverReport", "Lugar"), by],
               opened, _t.translate("HandoverReport", "Ningún incidente se abrió en el turno."),
               frozenset({0, 1})),
        _h(2, _t.translate("HandoverReport", "Cerrados durante el turno")),
        _table([folio, _t.translate("HandoverReport", "Hora"), status,
                _t.translate("HandoverReport", "Tipo"),
                _t.translate("HandoverReport", "Disposición"), by],
               closed, _t.translate("HandoverReport", "Ningún incidente se cerró en el turno."),
               frozenset({0, 1})),
    ]
