"""The registry's record of a woman and her case: one case per beneficiary (pure).

The registry (Botón Seguro's beneficiary record, edited with ``update_beneficiary`` or
imported from the devices CSV) *owns* some parts of her case: her name, the registry's
phone, her home address, the order and aggressor named in the record, and her trusted
contacts. When the record changes, :func:`follow_registry` carries those parts over and
keeps the rest of the case (other phones and addresses, assessments, episodes…). Her case
id is derived from her registry id, so the migration, an import and an edit all reach the
same case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from c4console.core.cases.records import (
    Address,
    Aggressor,
    Case,
    PersonProfile,
    ProtectionOrder,
    TrustedContact,
)
from c4console.core.cases.vocabulary import AddressKind, Sex
from c4console.core.models import Beneficiary

REGISTRY_AGGRESSOR = "registry"  # the id of the aggressor named in her registry record


def case_id_for(beneficiary_id: str) -> str:
    """Her case's id, derived from her registry id."""
    return f"case-{beneficiary_id}"


def _order(ben: Beneficiary) -> ProtectionOrder | None:
    if not ben.order_number:
        return None
    measures = tuple(m.strip() for m in ben.order_measures.split(";") if m.strip())
    return ProtectionOrder(ben.order_number, ben.order_authority, measures,
                           ben.order_valid_from, ben.order_valid_until)


def _home(ben: Beneficiary) -> Address | None:
    if not ben.address and ben.home_lat is None:
        return None
    return Address(AddressKind.HOME, ben.address, ben.colonia, ben.home_lat, ben.home_lon)


def _contacts(ben: Beneficiary) -> tuple[TrustedContact, ...]:
    return tuple(TrustedContact(c.get("name", ""), c.get("phone", ""), c.get("relation", ""))
                 for c in ben.trusted_contacts or ())


def case_from_registry(ben: Beneficiary, *, now: float, device_ids: Iterable[str] = (),
                       incident_ids: Iterable[str] = ()) -> Case:
    """A new case for a registry beneficiary (a woman: the programme serves women)."""
    base = Case(id=case_id_for(ben.id), person=PersonProfile(name=ben.name, sex=Sex.MUJER),
                created_at=now, updated_at=now, beneficiary_id=ben.id,
                device_ids=tuple(dict.fromkeys(device_ids)),
                incident_ids=tuple(dict.fromkeys(incident_ids)))
    return follow_registry(base, ben, now=now)


def follow_registry(case: Case, ben: Beneficiary, *, now: float,
                    previous: Beneficiary | None = None) -> Case:
    """Her case with the registry's parts taken from ``ben``; ``previous`` (the record
    before the edit) says which phone and order the registry had put there, so they are
    replaced rather than added to. Returns ``case`` itself when nothing changes."""
    old_phone = previous.phone if previous else ""
    phones = tuple(p for p in case.phones if p not in {old_phone, ben.phone})
    phones = ((ben.phone,) if ben.phone else ()) + phones
    home = _home(ben)
    addresses = tuple(a for a in case.addresses if a.kind is not AddressKind.HOME)
    addresses = ((home,) if home else ()) + addresses
    old_numbers = {ben.order_number, previous.order_number if previous else ""} - {""}
    order = _order(ben)
    orders = tuple(o for o in case.orders if o.number not in old_numbers)
    orders = ((order,) if order else ()) + orders
    aggressors = tuple(a for a in case.aggressors if a.id != REGISTRY_AGGRESSOR)
    if ben.aggressor:
        kept = next((a for a in case.aggressors if a.id == REGISTRY_AGGRESSOR), None)
        named = replace(kept, name=ben.aggressor) if kept else Aggressor(REGISTRY_AGGRESSOR,
                                                                         ben.aggressor)
        aggressors = (named, *aggressors)
    new = replace(case, person=replace(case.person, name=ben.name or case.person.name),
                  phones=phones, addresses=addresses, orders=orders, aggressors=aggressors,
                  trusted_contacts=_contacts(ben) if ben.trusted_contacts is not None
                  else case.trusted_contacts, beneficiary_id=ben.id)
    return case if new == case else replace(new, updated_at=now)


def with_links(case: Case, *, now: float, device_ids: Iterable[str] = (),
               incident_ids: Iterable[str] = ()) -> Case:
    """Her case holding these devices and incidents too (``case`` itself if it did)."""
    devices = tuple(dict.fromkeys((*case.device_ids, *device_ids)))
    incidents = tuple(dict.fromkeys((*case.incident_ids, *incident_ids)))
    if devices == case.device_ids and incidents == case.incident_ids:
        return case
    return replace(case, device_ids=devices, incident_ids=incidents, updated_at=now)
