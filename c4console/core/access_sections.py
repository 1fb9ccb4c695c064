"""The ``readers`` of a section of access.toml (``[case_share]``, ``[coordination]``…): the
roles of the C4 that receive a kind of record whole."""

from __future__ import annotations

import tomllib

from c4console.core.catalogue import CatalogueError


def section_readers(text: str, section: str) -> frozenset[str]:
    """The ``[section] readers`` of access.toml (none: nobody of the C4); CatalogueError for
    a file that is not TOML or a reader that is not one of its roles."""
    try:
        conf = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise CatalogueError(f"access policy: {e}") from None
    readers = conf.get(section, {}).get("readers", [])
    unknown = sorted(set(readers) - set(conf.get("roles", [])))
    if unknown:
        raise CatalogueError(f"access policy: [{section}] readers {unknown} are not in roles")
    return frozenset(readers)
