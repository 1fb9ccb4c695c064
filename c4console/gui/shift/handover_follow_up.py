"""The follow-up's section of the shift handover report (issue 13): the visits and calls
overdue at handover, highest risk first, and what the shift did — visits made (with GPS
proof or by hand), interviews held, calls placed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication

from c4console.core.follow_up.records import FollowCall, FollowPlan, Interview, PatrolVisit
from c4console.core.follow_up.reports import MonthCounts, Overdue, month_counts, overdue
from c4console.gui.cases.case_labels import risk_label
from c4console.gui.follow_up.labels import overdue_kind_label
from c4console.gui.shell.labels import format_elapsed
from c4console.gui.shift.handover_report import _h, _table, _when

_t = QCoreApplication


@dataclass(frozen=True, slots=True)
class FollowUpAtHandover:
    """What is late at ``at`` and what was done in [start, at)."""

    at: float
    start: float
    overdue: list[Overdue]
    done: MonthCounts


def collect_follow_up(plans: Iterable[FollowPlan], visits: Iterable[PatrolVisit],
                      interviews: Iterable[Interview], calls: Iterable[FollowCall],
                      start: float, at: float) -> FollowUpAtHandover:
    """The overdue list judged at ``at`` (the shift's end, or now) and the counts of the
    shift's period [start, at)."""
    visits, calls = list(visits), list(calls)
    return FollowUpAtHandover(at, start, overdue(plans, visits, calls, at),
                              month_counts(visits, interviews, calls, start, at))


def follow_up_section(data: FollowUpAtHandover, callsigns: Mapping[str, str]) -> str:
    """The section's HTML (the report's table style)."""
    late_visits = sum(1 for o in data.overdue if o.kind == "visit")
    late_calls = len(data.overdue) - late_visits
    d = data.done
    lines = [
        _t.translate("HandoverReport", "Atrasadas al entregar: {0} visitas, {1} llamadas").format(
            late_visits, late_calls),
        _t.translate("HandoverReport",
                     "Visitas hechas en el turno: {0} (comprobadas por GPS: {1}; registradas a "
                     "mano: {2})").format(d.visits, d.visits_gps, d.visits_manual),
        _t.translate("HandoverReport", "Entrevistas: {0}").format(d.interviews),
        _t.translate("HandoverReport", "Llamadas de seguimiento: {0} (se habló con ella: {1})").format(
            d.calls, d.calls_reached),
    ]
    rows = [[overdue_kind_label(o.kind), risk_label(o.risk_level), _when(o.due_at), format_elapsed(o.late_s),
             callsigns.get(o.unit_id, o.unit_id), o.case_id] for o in data.overdue]
    return "".join([
        _h(2, _t.translate("HandoverReport", "Seguimiento de órdenes de protección")),
        "<ul>" + "".join(f"<li>{escape(s)}</li>" for s in lines) + "</ul>",
        _table([_t.translate("HandoverReport", "Tipo"), _t.translate("HandoverReport", "Riesgo"),
                _t.translate("HandoverReport", "Vencía"), _t.translate("HandoverReport", "Retraso"),
                _t.translate("HandoverReport", "Unidad"),
                _t.translate("HandoverReport", "Expediente")],
               rows, _t.translate("HandoverReport", "Ninguna visita ni llamada atrasada."),
               frozenset({2, 3})),
    ])
