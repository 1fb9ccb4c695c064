"""NT911 response-time targets as data (``resources/statistics/nt911_targets.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from c4console.core.catalogue import CatalogueError

STAMPS = ("acknowledged_at", "dispatched_at", "en_route_at", "on_scene_at", "closed_at")


@dataclass(frozen=True, slots=True)
class TimeTarget:
    """Seconds from an incident's creation to its ``stamp``, within ``limit_s``."""

    code: str
    title: str
    stamp: str
    limit_s: float


def parse_targets(text: str) -> tuple[TimeTarget, ...]:
    """Parse the targets file; refuses an unknown stamp, a limit that is not positive,
    a repeated code, or no targets."""
    try:
        rows = tomllib.loads(text).get("target", [])
    except tomllib.TOMLDecodeError as e:
        raise CatalogueError(f"nt911_targets.toml: {e}") from None
    out: list[TimeTarget] = []
    for n, row in enumerate(rows, start=1):
        try:
            t = TimeTarget(str(row["code"]), str(row["title"]), str(row["stamp"]), float(row["limit_s"]))
        except (KeyError, TypeError, ValueError) as e:
            raise CatalogueError(f"nt911_targets.toml target {n}: {e}") from None
        if t.stamp not in STAMPS or t.limit_s <= 0 or t.code in {o.code for o in out}:
            raise CatalogueError(f"nt911_targets.toml target {n} ({t.code}): stamp must be one of "
                                 f"{', '.join(STAMPS)}, limit positive, code unique")
        out.append(t)
    if not out:
        raise CatalogueError("nt911_targets.toml: no targets")
    return tuple(out)
