"""The BANAVIM record of one episode of a case (pure): a flat dict keyed by the field
map's fields (``resources/banavim/field_map.csv``; docs/banavim.md says where each value
comes from). Lists hold one value per aggressor of the episode, per protection order, per
service given; a value the case does not hold is ``""`` (or ``None`` for a number), so
:func:`c4console.core.banavim.validation.validate` names what is missing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from typing import Any

from c4console.core.cases.age import age_on
from c4console.core.cases.case_catalogues import CaseCatalogues
from c4console.core.cases.code_lists import CodeList
from c4console.core.cases.records import (
    Aggressor,
    Case,
    CaseTimelineEntry,
    Episode,
    ProtectionOrder,
    iso_date,
)
from c4console.core.cases.vocabulary import AddressKind

# The timeline entries that are services given (issue 12's contracts: the specialist
# desk's interventions and the referrals to institutions).
SERVICE_KINDS = ("intervention", "institution_referral")
# An intervention's kind → the service BANAVIM counts.
INTERVENTION_SERVICE = {"psicologica": "atencion_psicologica", "juridica": "atencion_juridica",
                        "ambas": "atencion_psicologica_juridica"}
REFERRAL_SERVICE = "canalizacion"
UNKNOWN_CODE_MARK = "?"  # an episode code the catalogues no longer hold fails validation


def utc_text(at: float | None) -> str:
    """Epoch seconds as ``YYYY-MM-DDTHH:MM:SSZ`` (``""`` for None)."""
    if at is None:
        return ""
    return datetime.fromtimestamp(float(at), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("si" if value else "no")


def _codes(codes: Iterable[str], known: CodeList) -> list[str]:
    return [c if c in known else UNKNOWN_CODE_MARK + c for c in codes]


def pick_episode(case: Case, episode_id: str | None) -> Episode | None:
    """The episode named by its incident id, or (None) her latest episode; None if none."""
    if episode_id is not None:
        return next((e for e in case.episodes if e.incident_id == episode_id), None)
    return max(case.episodes, key=lambda e: e.occurred_at, default=None)


def _aggressors(case: Case, episode: Episode | None) -> list[Aggressor]:
    if episode is None:
        return []
    by_id = {a.id: a for a in case.aggressors}
    return [by_id[i] for i in episode.aggressor_ids if i in by_id]


def _orders(case: Case, episode: Episode | None, tz: tzinfo) -> list[ProtectionOrder]:
    """Her orders in force on the episode's day or issued after it (no end, or an end not
    before that day); all her orders when there is no episode."""
    if episode is None:
        return list(case.orders)
    day = datetime.fromtimestamp(episode.occurred_at, tz).date()
    return [o for o in case.orders if not o.valid_until or iso_date(o.valid_until) >= day]


def services_given(case: Case, timeline: Iterable[CaseTimelineEntry],
                   episode: Episode | None) -> list[dict[str, str]]:
    """The services given since the episode (until her next episode): one per intervention
    and one per referral to an institution (its latest status), oldest first."""
    start = episode.occurred_at if episode else float("-inf")
    later = [e.occurred_at for e in case.episodes if episode and e.occurred_at > start]
    end = min(later, default=float("inf"))
    interventions: list[tuple[float, dict[str, str]]] = []
    referrals: dict[str, tuple[float, float, dict[str, str]]] = {}
    for entry in timeline:
        if entry.kind not in SERVICE_KINDS or not start <= entry.at < end:
            continue
        data = entry.data or {}
        if entry.kind == "intervention":
            started = data.get("started_at")  # epoch seconds; else when it was written
            at = float(started) if isinstance(started, int | float) and not isinstance(
                started, bool) else entry.at
            interventions.append((at, {
                "tipo": INTERVENTION_SERVICE.get(str(data.get("kind", "")), "atencion"),
                "fecha": utc_text(at), "detalle": str(data.get("channel", ""))}))
        else:
            rid = str(data.get("referral_id") or entry.id)
            detail = " — ".join(x for x in (str(data.get("institution_name", "")),
                                            str(data.get("status", ""))) if x)
            seen = referrals.get(rid)
            if seen is None or entry.at >= seen[1]:  # its latest status says where it is
                referrals[rid] = (min(entry.at, seen[0]) if seen else entry.at, entry.at, {
                    "tipo": REFERRAL_SERVICE, "detalle": detail})
            else:
                referrals[rid] = (min(entry.at, seen[0]), seen[1], seen[2])
    found = interventions + [(first, {**s, "fecha": utc_text(first)})
                             for first, _, s in referrals.values()]
    return [s for _, s in sorted(found, key=lambda pair: pair[0])]


def build_record(case: Case, timeline: Iterable[CaseTimelineEntry], catalogues: CaseCatalogues,
                 episode_id: str | None = None, *, tz: tzinfo = UTC) -> dict[str, Any]:
    """The BANAVIM record of the episode ``episode_id`` (an incident id of her episodes;
    None: her latest episode) of ``case``. ``timeline`` is the case's timeline (its
    interventions and referrals are the services given); ``tz`` the C4's time zone (her
    age on the episode's local day). Codes of episodes the catalogues no longer hold are
    marked, so validation refuses them rather than BANAVIM."""
    person = case.person
    episode = pick_episode(case, episode_id)
    home = next((a for a in case.addresses if a.kind is AddressKind.HOME), None)
    birth = person.birth_date if person.date_of_birth else None
    age = (age_on(birth, datetime.fromtimestamp(episode.occurred_at, tz).date())
           if birth is not None and episode is not None else None)
    aggressors = _aggressors(case, episode)
    orders = _orders(case, episode, tz)
    services = services_given(case, timeline, episode)
    incident_id = episode.incident_id if episode else ""
    return {
        "expediente.id": f"{case.id}:{incident_id}" if incident_id else "",
        "expediente.caso": case.id,
        "expediente.episodio": incident_id,
        "victima.nombre": person.name,
        "victima.sexo": person.sex.value,
        "victima.fecha_nacimiento": person.date_of_birth,
        "victima.edad": age,
        "victima.lugar_nacimiento": person.place_of_birth,
        "victima.nacionalidad": person.nationality,
        "victima.lengua_indigena": person.indigenous_language,
        "victima.discapacidad": person.disability,
        "victima.domicilio": home.text if home else "",
        "victima.colonia": home.colonia if home else "",
        "episodio.fecha": utc_text(episode.occurred_at) if episode else "",
        "episodio.tipos": _codes(episode.types, catalogues.violence_types) if episode else [],
        "episodio.modalidades": (_codes(episode.modalities, catalogues.violence_modalities)
                                 if episode else []),
        "agresor.sexo": [a.sex.value for a in aggressors],
        "agresor.vinculo": [a.relationship if not a.relationship or a.relationship
                            in catalogues.relationships else UNKNOWN_CODE_MARK + a.relationship
                            for a in aggressors],
        "agresor.edad": [a.age for a in aggressors],
        "agresor.acceso_armas": [_yes_no(a.weapon_access) for a in aggressors],
        "agresor.violencia_previa": [_yes_no(a.prior_violence) for a in aggressors],
        "agresor.factores_riesgo": [", ".join(a.risk_factors) for a in aggressors],
        "agresor.escolaridad": ["" for _ in aggressors],  # the case does not record it
        "ordenes.tiene": "si" if orders else "no",
        "ordenes.numero": [o.number for o in orders],
        "ordenes.autoridad": [o.authority for o in orders],
        "ordenes.medidas": [", ".join(o.measures) for o in orders],
        "ordenes.vigencia": [f"{o.valid_from}/{o.valid_until}" for o in orders],
        "servicios.numero": len(services),
        "servicios.tipo": [s["tipo"] for s in services],
        "servicios.fecha": [s["fecha"] for s in services],
        "servicios.detalle": [s["detalle"] for s in services],
    }
