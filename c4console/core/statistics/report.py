"""The period report (pure): every figure a C4 publishes for a period, each table saying
which records it counts. :func:`period_report` takes the records (the central reads them,
c4console/central/reports/reads.py) and gives a :class:`PeriodReport`; an empty period
gives every table with zeros."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from c4console.core.banavim.registration import BanavimRegistration
from c4console.core.cases.age import AgeGroups
from c4console.core.cases.counting import Period, count_persons
from c4console.core.cases.records import Case
from c4console.core.device_lifecycle import DeviceLifecycle, LifeState, stock_counts
from c4console.core.enums import Channel, Priority
from c4console.core.follow_up.records import FollowCall, Interview, PatrolVisit
from c4console.core.follow_up.reports import CALLS_THAT_COUNT, month_counts
from c4console.core.models import Device, Incident
from c4console.core.referrals.records import InstitutionReferral
from c4console.core.referrals.vocabulary import STATUSES as REFERRAL_STATUSES
from c4console.core.specialists.records import CHANNELS, KINDS, TIMINGS, Intervention
from c4console.core.statistics.period import ReportPeriod
from c4console.core.statistics.tables import PeriodReport, Table
from c4console.core.statistics.targets import TimeTarget

SEX_ES = {"mujer": "Mujeres", "hombre": "Hombres", "otro": "Otro"}
CHANNEL_ES = {Channel.PANIC_BUTTON: "Botón de pánico", Channel.CALL_911: "Llamada 911",
              Channel.WHATSAPP: "WhatsApp", Channel.PHONE: "Línea telefónica",
              Channel.WALK_IN: "Presencial", Channel.AGGRESSOR_TRACKER: "Rastreador del agresor"}
PRIORITY_ES = {Priority.ALTA: "Alta", Priority.MEDIA: "Media", Priority.BAJA: "Baja"}
KIND_ES = {"psicologica": "Psicológica", "juridica": "Jurídica", "ambas": "Psicológica y jurídica"}
TIMING_ES = {"previa": "Previa", "12_48h": "12 a 48 h", "subsecuente": "Subsecuente",
             "seguimiento": "Seguimiento"}
DESK_CHANNEL_ES = {"llamada_911": "Llamada 911", "linea_telefonica": "Línea telefónica",
                   "whatsapp": "WhatsApp", "videollamada": "Videollamada", "presencial": "Presencial"}
REFERRAL_STATUS_ES = {"enviada": "Enviada", "recibida": "Recibida", "atendida": "Atendida",
                      "cerrada": "Cerrada", "rechazada": "Rechazada"}


@dataclass(frozen=True, slots=True)
class ReportInputs:
    """The records a period report counts. The central reads those of the period (and
    every case and device lifecycle: merges and the stock need them); more is harmless,
    each table filters on the period itself."""

    incidents: Sequence[Incident] = ()
    cases: Sequence[Case] = ()
    interventions: Sequence[Intervention] = ()
    visits: Sequence[PatrolVisit] = ()
    interviews: Sequence[Interview] = ()
    calls: Sequence[FollowCall] = ()
    referrals: Sequence[InstitutionReferral] = ()
    banavim: Sequence[BanavimRegistration] = ()
    lifecycles: Sequence[DeviceLifecycle] = ()
    devices: Sequence[Device] = ()
    type_names: Mapping[str, str] = field(default_factory=dict)  # incident type code → name
    institution_names: Mapping[str, str] = field(default_factory=dict)


def percentile(values: Sequence[float], p: float) -> float | None:
    """The ``p``-th percentile (0–100) by the nearest-rank method (a value that occurred:
    the median of 4 values is the 2nd); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100.0 * len(ordered)))
    return ordered[rank - 1]


def _counted(title: str, key: str, labels: Mapping[str, str], counts: Counter[str], source: str,
             *, first_column: str, extra_order: bool = True, note: str = "") -> Table:
    """A table of counts: every known label (zeros included), then unknown values seen."""
    rows = [(name, counts.get(code, 0)) for code, name in labels.items()]
    if extra_order:
        rows += [(code, n) for code, n in sorted(counts.items()) if code not in labels]
    rows.append(("Total", sum(counts.values())))
    return Table(key, title, (first_column, "Total"), tuple(rows), source, note, chart="bar")


def _persons(inp: ReportInputs, period: ReportPeriod, ages: AgeGroups) -> Table:
    attendances = [(i.case_id, i.started_at) for i in inp.interventions]
    attendances += [(i.case_id, i.held_at) for i in inp.interviews]
    attendances += [(c.case_id, c.placed_at) for c in inp.calls if c.result in CALLS_THAT_COUNT]
    attendances += [(v.case_id, v.proven_at) for v in inp.visits
                    if v.happened and v.proven_at is not None]
    counted = count_persons(inp.cases, Period(period.starts_at, period.ends_at), ages,
                            attendances=attendances, day_of=period.day_of)
    names = {g.code: g.name for g in ages}
    rows: list[tuple[str, int]] = [("Personas únicas atendidas", counted.unique)]
    rows += [(SEX_ES.get(code, code), n) for code, n in counted.summary.items() if code in SEX_ES]
    rows += [(names[code], n) for code, n in counted.summary.items() if code in names]
    rows += [(f"{names[g.code]} (todas)", counted.by_age_group.get(g.code, 0))
             for g in ages if not g.in_summary]
    rows.append(("Edad desconocida", counted.unknown_age))
    return Table("personas", "Personas atendidas", ("Grupo", "Personas"), tuple(rows),
                 "Expedientes (casos) con un episodio, una intervención, una entrevista, una "
                 "llamada de seguimiento atendida o un rondín comprobado en el periodo",
                 "Los grupos se traslapan (una adulta mayor cuenta como mujer y como adulta "
                 f"mayor): la suma de los grupos principales ({counted.summary_total}) puede "
                 f"ser mayor que las personas únicas ({counted.unique}). Infancia no se cuenta "
                 "por sexo.", chart="bar")


def _incidents(incs: Sequence[Incident], inp: ReportInputs) -> list[Table]:
    source = "Incidentes creados en el periodo (sin activaciones de prueba)"
    by_channel = Counter(str(i.channel.value) for i in incs)
    by_priority = Counter(str(i.priority.value) for i in incs)
    by_type = Counter(i.type_code for i in incs)
    type_rows = [(code, inp.type_names.get(code, ""), n)
                 for code, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))]
    type_rows.append(("Total", "", len(incs)))
    return [
        _counted("Incidentes por canal de entrada", "incidentes_canal",
                 {c.value: CHANNEL_ES[c] for c in Channel}, by_channel, source, first_column="Canal"),
        Table("incidentes_tipo", "Incidentes por tipo", ("Clave", "Tipo", "Total"),
              tuple(type_rows), source + "; tipo según el Catálogo Nacional de Incidentes",
              chart="bar", chart_column=2),
        _counted("Incidentes por prioridad", "incidentes_prioridad",
                 {p.value: PRIORITY_ES[p] for p in Priority}, by_priority, source,
                 first_column="Prioridad"),
    ]


def _fmt_share(n: int, of: int) -> float | None:
    return round(100.0 * n / of, 1) if of else None


def _times(incs: Sequence[Incident], targets: Sequence[TimeTarget]) -> Table:
    rows = []
    for t in targets:
        secs = [getattr(i, t.stamp) - i.created_at for i in incs if getattr(i, t.stamp) is not None]
        secs = [max(0.0, s) for s in secs]
        within = sum(1 for s in secs if s <= t.limit_s)
        med, p90 = percentile(secs, 50), percentile(secs, 90)
        rows.append((t.title, len(secs), None if med is None else round(med, 1),
                     None if p90 is None else round(p90, 1), int(t.limit_s), within,
                     _fmt_share(within, len(secs))))
    return Table("tiempos_nt911", "Tiempos de atención (Norma Técnica 911)",
                 ("Medición", "Medidos", "Mediana (s)", "P90 (s)", "Meta (s)", "En meta",
                  "% en meta"), tuple(rows),
                 "Incidentes creados en el periodo (sin pruebas) con la marca de tiempo "
                 "correspondiente; segundos desde la creación del incidente",
                 "Datos: acuse del operador (tipo y ubicación confirmados); unidad: asignación; "
                 "arribo: unidad en el lugar. P90: percentil 90 (por rango más cercano); "
                 "medidos: incidentes con esa marca.", chart="bar", chart_column=6)


def _follow_up(inp: ReportInputs, period: ReportPeriod) -> Table:
    m = month_counts(inp.visits, inp.interviews, inp.calls, period.starts_at, period.ends_at)
    rows = (("Rondines realizados", m.visits), ("Con comprobación GPS", m.visits_gps),
            ("Sin comprobación GPS (registro manual)", m.visits_manual),
            ("Entrevistas", m.interviews), ("Llamadas de seguimiento", m.calls),
            ("Llamadas en que se le localizó", m.calls_reached))
    return Table("seguimiento", "Seguimiento de medidas de protección", ("Concepto", "Total"), rows,
                 "Rondines comprobados, entrevistas y llamadas de seguimiento del periodo "
                 "(Fuerza Rosa)", chart="bar")


def _interventions(inp: ReportInputs, period: ReportPeriod) -> list[Table]:
    made = [i for i in inp.interventions if period.holds(i.started_at)]
    source = "Intervenciones de la mesa de especialistas iniciadas en el periodo"
    kinds = Counter(i.kind for i in made)
    by_kind = _counted("Intervenciones por tipo", "intervenciones_tipo",
                       {k: KIND_ES[k] for k in KINDS}, kinds, source, first_column="Tipo")
    return [by_kind,
            _counted("Intervenciones por momento de atención", "intervenciones_momento",
                     {k: TIMING_ES[k] for k in TIMINGS}, Counter(i.timing for i in made), source,
                     first_column="Momento",
                     note="Previa: antes o fuera de la ventana; 12 a 48 h después del episodio; "
                          "subsecuente: otra del mismo episodio; seguimiento: una cita agendada."),
            _counted("Intervenciones por medio", "intervenciones_medio",
                     {k: DESK_CHANNEL_ES[k] for k in CHANNELS}, Counter(i.channel for i in made),
                     source, first_column="Medio")]


def _referrals(inp: ReportInputs, period: ReportPeriod) -> Table:
    made = [r for r in inp.referrals if period.holds(r.created_at)]
    counts = Counter((r.institution_id, r.status) for r in made)
    rows = []
    for inst in sorted({r.institution_id for r in made}):
        per = [counts.get((inst, s), 0) for s in REFERRAL_STATUSES]
        rows.append((inp.institution_names.get(inst, inst), *per, sum(per)))
    totals = [sum(counts.get((i, s), 0) for i in {r.institution_id for r in made})
              for s in REFERRAL_STATUSES]
    rows.append(("Total", *totals, len(made)))
    return Table("canalizaciones", "Canalizaciones a instituciones por estado",
                 ("Institución", *(REFERRAL_STATUS_ES[s] for s in REFERRAL_STATUSES), "Total"),
                 tuple(rows), "Canalizaciones hechas en el periodo; estado actual de cada una",
                 chart="bar", chart_column=len(REFERRAL_STATUSES) + 1)


def _banavim(inp: ReportInputs, period: ReportPeriod) -> Table:
    registered = sum(1 for r in inp.banavim if r.registered and period.holds_day(r.registered_on))
    marked = sum(1 for r in inp.banavim if period.holds(r.marked_at))
    return Table("banavim", "Registros en el BANAVIM", ("Concepto", "Total"),
                 (("Expedientes registrados (folio BANAVIM)", registered),
                  ("Casos marcados para registro", marked)),
                 "Registros BANAVIM con fecha de registro en el periodo; marcas hechas en el periodo",
                 "El BANAVIM cuenta un expediente por episodio.")


def _devices(inp: ReportInputs, period: ReportPeriod, test_activations: int) -> Table:
    steps = [s for lc in inp.lifecycles for s in lc.steps]
    requested = sum(1 for s in steps if s.state == LifeState.REQUESTED.value and period.holds(s.at))
    # A delivery step of the period; a device registered (or imported) as already in her
    # hands has no such step: its registry step carries the delivery day instead.
    delivered = sum(1 for s in steps if s.state == LifeState.DELIVERED.value and period.holds(s.at))
    delivered += sum(1 for s in steps if s.state == LifeState.IN_USE.value and s.data
                     and s.data.get("from_registry") and period.holds_day(s.day))
    stock = stock_counts(inp.lifecycles, inp.devices)
    rows = (("Solicitados en el periodo", requested),
            ("Entregados en el periodo", delivered),
            ("Activaciones de prueba en el periodo", test_activations),
            ("En uso (al generar el informe)", stock[LifeState.IN_USE]),
            ("Con ella: entregados, probados o en uso (al generar el informe)", stock.delivered),
            ("Total de dispositivos del programa", stock.total))
    return Table("dispositivos", "Dispositivos (botones de pánico)", ("Concepto", "Total"), rows,
                 "Ciclo de vida de cada botón de pánico: pasos fechados en el periodo (entregas "
                 "importadas del registro: su fecha de entrega); existencias al momento de "
                 "generar el informe; activaciones de prueba: incidentes de prueba "
                 "del periodo", chart="bar")


def period_report(inputs: ReportInputs, period: ReportPeriod, *, ages: AgeGroups,
                  targets: Sequence[TimeTarget], generated_at: float,
                  include: Callable[[Incident], bool] = lambda _i: True) -> PeriodReport:
    """The period report from the records: persons attended (unique and by overlapping
    group), incidents by channel, type and priority, NT911 times (median, 90th percentile,
    share within target), follow-up, interventions (kind, timing, channel), referrals by
    institution and status, BANAVIM registrations, devices. ``include`` narrows the
    incidents (e.g. to a jurisdiction); test activations are counted apart."""
    in_period = [i for i in inputs.incidents if period.holds(i.created_at) and include(i)]
    real = [i for i in in_period if not i.test]
    tables = [_persons(inputs, period, ages), *_incidents(real, inputs), _times(real, targets),
              _follow_up(inputs, period), *_interventions(inputs, period),
              _referrals(inputs, period), _banavim(inputs, period),
              _devices(inputs, period, len(in_period) - len(real))]
    return PeriodReport(period, generated_at, tuple(tables))
