"""What the minutes of a coordination meeting say (pure): the meeting, who was present, per
reviewed case its agreements and tasks, and — once the chair signed — "Firmado por <chair> el
<fecha>"; unsigned minutes are a draft (the PDF marks them BORRADOR). The PDF is laid out at
the central (central/coordination/minutes_pdf.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from c4console.core.coordination.records import DONE, CoordinationTask, Meeting


@dataclass(frozen=True, slots=True)
class MinutesSection:
    """A heading and its lines."""

    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MinutesContent:
    """The minutes as text blocks."""

    title: str
    header: tuple[str, ...]
    sections: tuple[MinutesSection, ...]
    signature: str  # "" while unsigned
    draft: bool


def minutes_content(meeting: Meeting, tasks: Iterable[CoordinationTask],
                    agency_names: Mapping[str, str], local_time: Callable[[float], str]
                    ) -> MinutesContent:
    """The minutes of ``meeting`` with its ``tasks``; ``agency_names``: id → name;
    ``local_time(at)``: a timestamp as the C4's date and time."""
    def name(agency_id: str) -> str:
        return agency_names.get(agency_id, agency_id)

    header = (f"Fecha: {meeting.date} {meeting.time}", f"Lugar: {meeting.place}",
              f"Preside: {meeting.chair}",
              "Instituciones: " + ", ".join(name(a) for a in meeting.agencies))
    present = tuple(f"{a['name']} ({name(a['agency_id'])})"
                    + (f" - cuenta {a['account']}" if a.get("account") else "")
                    for a in meeting.attendees) or ("(asistencia no registrada)",)
    sections = [MinutesSection("Asistencia", present)]
    by_case: dict[str, list[CoordinationTask]] = {}
    for task in tasks:
        by_case.setdefault(task.case_id, []).append(task)
    for entry in meeting.cases:
        lines = []
        for agreement in meeting.agreements:
            if agreement["case_id"] == entry["case_id"]:
                to = f" ({name(agreement['agency_id'])})" if agreement.get("agency_id") else ""
                lines.append(f"Acuerdo{to}: {agreement['text']}")
        for task in by_case.get(entry["case_id"], []):
            state = (f"hecha el {local_time(task.done_at or 0.0)}: {task.done_note}"
                     if task.status == DONE else "vencida" if task.overdue else "pendiente")
            who = f", {task.assignee}" if task.assignee else ""
            lines.append(f"Tarea de {name(task.agency_id)}{who}: {task.what} "
                         f"(vence {task.due_on}; {state})")
        view = "" if entry["view"] == "completo" else " - vista reducida"
        sections.append(MinutesSection(f"Caso {entry['ref']}{view}",
                                       tuple(lines) or ("Sin acuerdos.",)))
    signature = (f"Firmado por {meeting.signed_by} el {local_time(meeting.signed_at)}"
                 if meeting.signed_at is not None else "")
    return MinutesContent(f"Minuta de la mesa de coordinación {meeting.date}", header,
                          tuple(sections), signature, draft=meeting.signed_at is None)
