"""Type-ahead over the CNIE catalogue for the call-taker's form (pure): the operator types a
code ("305") or words ("violencia fam", accents and case ignored) and gets the types ranked.

Ranking, best first: the code starting with what was typed; the name starting with it; every
typed word at the start of a word of the name, in order; in any order; then the same over the
type's category (so "violencia fam" puts *Violencia familiar* before the other types of the
category *Violencia familiar y de género*). Ties: higher priority first, then the code.
"""

from __future__ import annotations

from c4console.core.catalogue import Catalogue, IncidentType
from c4console.core.enums import Priority
from c4console.core.places.fold import fold

_PRIORITY_RANK = {Priority.ALTA: 0, Priority.MEDIA: 1, Priority.BAJA: 2}


def _words_tier(words: list[str], name_words: list[str], joined: str, typed: str) -> int | None:
    """0 name starts with the text, 1 words in order, 2 any order, None no match."""
    if joined.startswith(typed):
        return 0
    if all(n < len(name_words) and name_words[n].startswith(w) for n, w in enumerate(words)):
        return 1
    if all(any(nw.startswith(w) for nw in name_words) for w in words):
        return 2
    return None


def search_types(catalogue: Catalogue, text: str, limit: int = 8) -> list[IncidentType]:
    """The catalogue's types matching ``text`` (a code or words), best first."""
    typed = fold(text)
    if not typed:
        return []
    words = typed.split()
    ranked: list[tuple[tuple[int, int, str], IncidentType]] = []
    for t in catalogue.types.values():
        if typed.isdigit():
            tier = 0 if t.code.startswith(typed) else None
        else:
            name = fold(t.name)
            tier = _words_tier(words, name.split(), name, typed)
            if tier is not None:
                tier += 1
            else:
                category = fold(t.category)
                found = _words_tier(words, category.split(), category, typed)
                tier = None if found is None else 4 + found
        if tier is not None:
            ranked.append(((tier, _PRIORITY_RANK.get(t.priority, 3), t.code), t))
    ranked.sort(key=lambda r: r[0])
    return [t for _, t in ranked[:limit]]
