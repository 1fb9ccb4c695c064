"""The woman's case (expediente), pure: records, catalogues, risk, need-to-know,
matching and history. No I/O; the central stores cases and calls these rules.

Modules, one job each:

- ``vocabulary`` — RiskLevel, Sex, AddressKind (fixed wire values)
- ``records`` — Case, PersonProfile, Address, Aggressor, ProtectionOrder, Episode,
  RiskAssessment, CaseTimelineEntry (to_wire/from_wire)
- ``code_lists``, ``age``, ``risk``, ``need_to_know``, ``case_catalogues`` — the
  catalogues of ``resources/cases/`` parsed from text, and the rules they drive
- ``refusals``, ``validation`` — CaseRefused and the checks on case input
- ``identity_keys``, ``grid``, ``facts``, ``case_index``, ``incident_index`` — keys and
  indexes so a look-up never scans every case or incident
- ``matching`` (suggest_cases), ``history`` (history_for), ``counting`` (count_persons)
- ``case_fields`` — the fields a projection of a case may carry
"""

from c4console.core.cases.age import AgeGroup, AgeGroups, age_on
from c4console.core.cases.case_catalogues import CaseCatalogues
from c4console.core.cases.case_index import CaseIndex
from c4console.core.cases.counting import Period, PersonCount, count_persons
from c4console.core.cases.facts import IncidentFacts, facts_of
from c4console.core.cases.history import History, HistoryIndex, history_for
from c4console.core.cases.matching import CaseSuggestion, suggest_cases
from c4console.core.cases.need_to_know import (
    AccessPolicy,
    Grounds,
    project_case,
    project_timeline,
)
from c4console.core.cases.records import (
    Address,
    Aggressor,
    Case,
    CaseTimelineEntry,
    Episode,
    PersonProfile,
    ProtectionOrder,
    RiskAssessment,
    TrustedContact,
)
from c4console.core.cases.refusals import CaseRefused
from c4console.core.cases.risk import RiskQuestionnaire, level_history, priority_for
from c4console.core.cases.validation import validate_case, validate_episode, validate_link
from c4console.core.cases.vocabulary import AddressKind, RiskLevel, Sex

__all__ = [
    "AccessPolicy", "Address", "AddressKind", "AgeGroup", "AgeGroups", "Aggressor", "Case",
    "CaseCatalogues", "CaseIndex", "CaseRefused", "CaseSuggestion", "CaseTimelineEntry",
    "Episode", "Grounds", "History", "HistoryIndex", "IncidentFacts", "Period", "PersonCount",
    "PersonProfile", "ProtectionOrder", "RiskAssessment", "RiskLevel", "RiskQuestionnaire", "Sex",
    "TrustedContact", "age_on", "count_persons", "facts_of", "history_for", "level_history",
    "priority_for", "project_case", "project_timeline", "suggest_cases", "validate_case",
    "validate_episode", "validate_link",
]
