"""A case or a history record as a reader may hold it on the feed: the same record shape
(so it parses on the console as a :class:`~c4console.core.cases.records.Case` or an
:class:`~c4console.core.cases.history_record.IncidentHistory`) with only the parts the
reader's case fields allow; what is withheld takes its default (empty).

``shown`` lists the case fields the reader was given, so a console can tell "withheld"
from "empty". The reduced fields of access.toml become reduced records here: under
``aggressor_names`` an aggressor is only its id and name, under ``trusted_contact_names``
a contact only its name and relation, under ``orders_in_force`` only the orders in force
today, under ``risk_level`` only her latest assessment's level and dates (no answers).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from c4console.core.cases.records import Case, iso_date

SHOWN = "shown"
_PERSON = ("sex", "date_of_birth", "place_of_birth", "nationality", "indigenous_language",
           "disability")
_PLAIN = ("beneficiary_id", "incident_ids", "device_ids", "phones", "whatsapp", "addresses",
          "episodes", "created_at", "updated_at")
# History fields that tell of her other incidents (and possible duplicates): dispatching
# them is the point of the history, so prior_incidents is in the dispatch group.
_PRIOR = frozenset({"prior_incidents", "incident_ids"})
# What a case's wire dict must hold to be projected as it is (else it is normalised first).
_WIRE_KEYS = frozenset({"id", "person", "merged_into", "orders", "risk_assessments", "aggressors",
                        "trusted_contacts", *_PLAIN})
_PERSON_KEYS = frozenset({"name", *_PERSON})


def case_view(case: Case, fields: frozenset[str], today: date) -> dict[str, Any] | None:
    """Her case with only what ``fields`` (case fields of access.toml) allow; None for none."""
    return case_wire_view(case.to_wire(), fields, today)


def case_wire_view(data: Mapping[str, Any], fields: frozenset[str], today: date
                   ) -> dict[str, Any] | None:
    """:func:`case_view` of a case's wire dict, without parsing it into a :class:`Case` (the
    feed projects every case change for every reader: parsing it back and forth cost more
    than the rest of the filtering). A dict that lacks fields (an older snapshot) is
    normalised through :class:`Case` first. Lists in the result are the input's."""
    if not fields:
        return None
    if not data.keys() >= _WIRE_KEYS or not data["person"].keys() >= _PERSON_KEYS:
        data = Case.from_wire(dict(data)).to_wire()
    person = data["person"]
    out: dict[str, Any] = {"id": data["id"], "person": {"name": person["name"] if "name" in fields
                                                        else ""},
                           "created_at": 0.0, "merged_into": data["merged_into"],
                           SHOWN: sorted(fields)}
    for name in _PERSON:
        if name in fields:
            out["person"][name] = person[name]
    for name in _PLAIN:
        if name in fields:
            out[name] = data[name]
    if "prior_incidents" in fields:  # the dispatch group's view of her incidents: their ids
        out["incident_ids"] = data["incident_ids"]
    if "orders" in fields:
        out["orders"] = data["orders"]
    elif "orders_in_force" in fields:
        out["orders"] = [o for o in data["orders"] if _in_force(o, today)]
    if "risk_assessments" in fields:
        out["risk_assessments"] = data["risk_assessments"]
    elif "risk_level" in fields and data["risk_assessments"]:
        a = max(data["risk_assessments"], key=lambda a: a["assessed_at"])
        out["risk_assessments"] = [{"id": a["id"], "answers": {}, "level": a["level"], "score": 0,
                                    "assessed_by": "", "assessed_at": a["assessed_at"],
                                    "reassess_on": a["reassess_on"] if "reassess_on" in fields else ""}]
    if "aggressors" in fields:
        out["aggressors"] = data["aggressors"]
    elif "aggressor_names" in fields:
        out["aggressors"] = [{"id": a["id"], "name": a["name"], "sex": ""} for a in data["aggressors"]]
    if "trusted_contacts" in fields:
        out["trusted_contacts"] = data["trusted_contacts"]
    elif "trusted_contact_names" in fields:
        out["trusted_contacts"] = [{"name": t["name"], "relation": t["relation"]}
                                   for t in data["trusted_contacts"]]
    return out


def _in_force(order: Mapping[str, Any], today: date) -> bool:
    """:meth:`ProtectionOrder.in_force` of an order's wire dict."""
    start, end = iso_date(order.get("valid_from", "")), iso_date(order.get("valid_until", ""))
    return (start is None or start <= today) and (end is None or today <= end)


def history_view(data: Mapping[str, Any], fields: frozenset[str]) -> dict[str, Any] | None:
    """A history record with only what ``fields`` allow; None for none."""
    if not fields:
        return None
    out: dict[str, Any] = {"id": data["id"], "case_id": data.get("case_id"),
                           "computed_at": data.get("computed_at", 0.0), SHOWN: sorted(fields)}
    if fields & _PRIOR:
        for name in ("prior", "prior_total", "repeat_within_30_days", "possible_duplicates",
                     "suggestions"):
            out[name] = data.get(name)
    if "orders" in fields:
        out["orders"] = data.get("orders", [])
    elif "orders_in_force" in fields:
        out["orders"] = [o for o in data.get("orders", []) if o.get("in_force")]
    if "risk_level" in fields:
        out["risk_level"] = data.get("risk_level")
    if fields & {"aggressor_names", "aggressors"}:
        out["aggressor_names"] = data.get("aggressor_names", [])
    if "incident_ids" in fields:  # the case's own timeline: her case workers'
        out["last_contact"] = data.get("last_contact")
    if "beneficiary_id" in fields:
        out["beneficiary_id"] = data.get("beneficiary_id")
    return {k: v for k, v in out.items() if v is not None or k == "case_id"}
