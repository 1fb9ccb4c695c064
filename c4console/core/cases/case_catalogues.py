"""Every catalogue of the case work in one value, parsed from the texts of
``resources/cases/`` (the loader in :mod:`c4console.resources` reads the files)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from c4console.core.cases.age import AgeGroups
from c4console.core.cases.code_lists import CodeList
from c4console.core.cases.need_to_know import NO_GROUNDS, AccessPolicy, Grounds, project_case
from c4console.core.cases.records import Case
from c4console.core.cases.risk import RiskQuestionnaire
from c4console.core.catalogue import CatalogueError

# The files of resources/cases/ that parse() needs, by key.
FILES = {
    "violence_types": "violence_types.csv",
    "violence_modalities": "violence_modalities.csv",
    "relationships": "relationships.csv",
    "age_groups": "age_groups.csv",
    "risk_items": "risk_items.csv",
    "risk_levels": "risk_levels.toml",
    "access": "access.toml",
}


@dataclass(frozen=True, slots=True)
class CaseCatalogues:
    """Types and modalities of violence, relationships, age groups, the risk
    questionnaire and the need-to-know policy."""

    violence_types: CodeList
    violence_modalities: CodeList
    relationships: CodeList
    age_groups: AgeGroups
    risk: RiskQuestionnaire
    access: AccessPolicy

    @classmethod
    def parse(cls, texts: Mapping[str, str]) -> CaseCatalogues:
        """Parse the texts of the files, keyed as in :data:`FILES`."""
        missing = set(FILES) - set(texts)
        if missing:
            raise CatalogueError(f"case catalogues: missing {', '.join(sorted(missing))}")
        return cls(
            violence_types=CodeList.parse("violence types", texts["violence_types"], "legal_basis"),
            violence_modalities=CodeList.parse("violence modalities", texts["violence_modalities"],
                                               "legal_basis"),
            relationships=CodeList.parse("relationships", texts["relationships"], "kind"),
            age_groups=AgeGroups.parse(texts["age_groups"]),
            risk=RiskQuestionnaire.parse(texts["risk_items"], texts["risk_levels"]),
            access=AccessPolicy.parse(texts["access"]),
        )

    def project(self, case: Case, role: str, purpose: str, today: date,
                grounds: Grounds = NO_GROUNDS) -> dict[str, Any] | None:
        """:func:`project_case` with these catalogues' policy and age groups."""
        return project_case(case, role, purpose, policy=self.access, ages=self.age_groups,
                            today=today, grounds=grounds)
