"""What a referral letter says (pure): exactly what the receiving institution needs.

The letter names her, the reason and urgency, the referring person and desk, the dates
and the C4's reference; of her case it prints only the items the referral shared (her
numbers only with ``contacto``, the aggressor only with ``agresor``…). It never prints
psychological notes: nothing of the specialist desk's notes is read here. The central
lays the content out as a PDF (central/referrals/letter_pdf.py); the wording is Spanish,
the language of the institutions that receive it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from c4console.core.cases.records import Case
from c4console.core.referrals.catalogue import Institution, InstitutionCatalogue
from c4console.core.referrals.records import InstitutionReferral
from c4console.core.referrals.vocabulary import URGENTE
from c4console.core.refused import Refused

ITEM_TITLES = {
    "contacto": "Cómo contactarla",
    "domicilio": "Domicilio",
    "ordenes": "Órdenes de protección",
    "nivel_riesgo": "Nivel de riesgo",
    "agresor": "Persona agresora",
    "episodios": "Episodios de violencia",
    "datos_generales": "Datos generales",
}
STATUS_TITLES = {"enviada": "Enviada", "recibida": "Recibida", "atendida": "Atendida",
                 "cerrada": "Cerrada", "rechazada": "Rechazada"}
DESK_TITLES = {"psicologica": "Atención psicológica", "juridica": "Atención jurídica",
               "": "Atención especializada"}


@dataclass(frozen=True, slots=True)
class LetterSection:
    """A heading and its lines."""

    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LetterContent:
    """The letter, top to bottom: addressee, reference line, sections, signature."""

    title: str
    reference: str
    to: tuple[str, ...]
    sections: tuple[LetterSection, ...]
    signed: tuple[str, ...]

    def text(self) -> str:
        """The whole letter as plain text (what a test or a screen reader checks)."""
        parts = [self.title, self.reference, *self.to]
        for s in self.sections:
            parts += [s.title, *s.lines]
        return "\n".join([*parts, *self.signed])


def reference_of(referral: InstitutionReferral) -> str:
    """The C4's reference for a referral (what the institution quotes back)."""
    return f"C4-CAN-{referral.id}"


def letter_content(referral: InstitutionReferral, case: Case, institution: Institution,
                   catalogue: InstitutionCatalogue, *, tz: tzinfo = UTC,
                   c4_name: str = "C4 Mexicali") -> LetterContent:
    """The letter of ``referral`` (see module docstring). Refused ``bad_command`` when the
    case or institution given are not the referral's, or the institution is not the
    catalogue's (a letter must never go to the wrong addressee)."""
    if case.id != referral.case_id or institution.id != referral.institution_id:
        raise Refused("bad_command", "the case and institution must be the referral's")
    if catalogue.get(institution.id) != institution:
        raise Refused("unknown_institution", f"institution {institution.id} is not the catalogue's")

    def when(ts: float) -> str:
        return datetime.fromtimestamp(ts, tz).strftime("%Y-%m-%d %H:%M")

    shared = set(referral.shared)
    sections = [
        LetterSection("Persona canalizada", (case.person.name,)),
        LetterSection("Motivo de la canalización", (referral.reason,)),
        LetterSection("Urgencia", ("URGENTE" if referral.urgency == URGENTE else "Normal",)),
    ]
    for item, lines_of in _ITEM_LINES.items():
        if item in shared:
            sections.append(LetterSection(ITEM_TITLES[item], lines_of(case, tz) or ("(sin registro)",)))
    sections.append(LetterSection("Información compartida", tuple(
        ITEM_TITLES[i] for i in referral.shared) or ("Solo su nombre y el motivo",)))
    sections.append(LetterSection("Fechas", tuple(
        f"{STATUS_TITLES.get(s.status, s.status)}: {when(s.at)}"
        + (f" — {s.reason}" if s.reason else "") for s in referral.history)))
    desk = DESK_TITLES.get(referral.desk, DESK_TITLES[""])
    return LetterContent(
        title=f"Oficio de canalización — {c4_name}",
        reference=f"Referencia C4: {reference_of(referral)}",
        to=(f"Para: {institution.name}", institution.address,
            f"Tel. {institution.phone} · {institution.email}", f"Horario: {institution.hours}"),
        sections=tuple(sections),
        signed=(f"Canaliza: {referral.created_by}", f"Mesa: {desk}, {c4_name}",
                f"Fecha de envío: {when(referral.created_at)}"),
    )


def _contact(case: Case, tz: tzinfo) -> tuple[str, ...]:
    return (tuple(f"Teléfono: {p}" for p in case.phones)
            + tuple(f"WhatsApp: {w}" for w in case.whatsapp))


def _addresses(case: Case, tz: tzinfo) -> tuple[str, ...]:
    return tuple(a.text + (f", col. {a.colonia}" if a.colonia else "") for a in case.addresses)


def _orders(case: Case, tz: tzinfo) -> tuple[str, ...]:
    return tuple(f"{o.number} ({o.authority})"
                 + (f", vigente {o.valid_from or '…'} a {o.valid_until or '…'}")
                 + (f": {', '.join(o.measures)}" if o.measures else "") for o in case.orders)


def _risk(case: Case, tz: tzinfo) -> tuple[str, ...]:
    level = case.risk_level
    return (level.value.replace("_", " "),) if level is not None else ()


def _aggressors(case: Case, tz: tzinfo) -> tuple[str, ...]:
    return tuple(a.name + (f" ({a.relationship})" if a.relationship else "")
                 for a in case.aggressors)


def _episodes(case: Case, tz: tzinfo) -> tuple[str, ...]:
    return tuple(datetime.fromtimestamp(e.occurred_at, tz).strftime("%Y-%m-%d")
                 + (f": {', '.join(e.types)}" if e.types else "")
                 + (f" ({', '.join(e.modalities)})" if e.modalities else "")
                 for e in case.episodes)


def _general(case: Case, tz: tzinfo) -> tuple[str, ...]:
    p = case.person
    return tuple(x for x in (f"Sexo: {p.sex.value}",
                             f"Fecha de nacimiento: {p.date_of_birth}" if p.date_of_birth else "")
                 if x)


_ITEM_LINES: dict[str, Callable[[Case, tzinfo], tuple[str, ...]]] = {
    "contacto": _contact, "domicilio": _addresses, "ordenes": _orders, "nivel_riesgo": _risk,
    "agresor": _aggressors, "episodios": _episodes, "datos_generales": _general,
}
