"""Who of the C4 receives the ``case_share`` records (pure): ``[case_share]`` of
``resources/cases/access.toml`` lists the readers (supervisors and the specialist desk, who
share and revoke); every other C4 role receives them as deletes. A liaison never reaches this
policy: the feed gate gives her her agency's shares (:mod:`.feed`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from c4console.core.access_sections import section_readers
from c4console.core.agencies.feed import SHARE_ENTITY
from c4console.core.need_to_know import RecordPolicy


def share_readers(text: str) -> frozenset[str]:
    """The ``[case_share] readers`` of access.toml."""
    return section_readers(text, "case_share")


@dataclass(frozen=True)
class SharePolicy:
    """The feed's record policy with the case shares: these here, the rest to ``inner``."""

    inner: RecordPolicy
    # Not ``readers``: the wrapped policies answer ``readers(entity)`` (the desk's routes ask).
    share_readers: frozenset[str]

    def project(self, role: str, entity: str, data: Mapping[str, Any], *, open_incident: bool,
                today: date | None = None) -> Mapping[str, Any] | None:
        """The record as ``role`` may hold it."""
        if entity == SHARE_ENTITY:
            return data if role in self.share_readers else None
        return self.inner.project(role, entity, data, open_incident=open_incident, today=today)

    def __getattr__(self, name: str) -> Any:
        # The wrapped policy's other helpers stay reachable (never during construction).
        if name.startswith("__") or name in ("inner", "share_readers"):
            raise AttributeError(name)
        return getattr(self.inner, name)
