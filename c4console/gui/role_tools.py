"""Tools a window shows to some roles only (the audit view, the recordings, the registry).

Built the first time an allowed role logs in, then shown or hidden on each role change;
hiding is a convenience, the central refuses what the role may not do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar


class RoleTools(Protocol):
    def set_allowed(self, allowed: bool) -> None: ...


T = TypeVar("T", bound=RoleTools)


def tools_for_role(window: Any, attr: str, allowed: bool, make: Callable[[Any], T]) -> T | None:
    """``window.<attr>`` built by ``make(window)`` when ``allowed`` and not built yet, then
    shown or hidden with ``set_allowed``; None while no allowed role has logged in."""
    tools: T | None = getattr(window, attr, None)
    if tools is None and allowed:
        tools = make(window)
        setattr(window, attr, tools)
    if tools is not None:
        tools.set_allowed(allowed)
    return tools
