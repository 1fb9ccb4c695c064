"""How names are compared while typing: no accents, no case, no punctuation, and street-type
words ("calle", "av.", "blvd"…) left out, so "Av. Uxmal" and "uxmal" are one name (pure)."""

from __future__ import annotations

import unicodedata

# Words that say what kind of street or settlement a name is, not which: INEGI's TIPOVIAL and
# SEPOMEX's tipo de asentamiento, with their usual abbreviations.
TYPE_WORDS = frozenset({
    "calle", "c", "av", "ave", "avenida", "blvd", "blvr", "bulevar", "boulevard", "calz",
    "calzada", "priv", "privada", "cda", "cerrada", "and", "andador", "callejon", "cjon",
    "prol", "prolongacion", "circuito", "cto", "carretera", "carr", "col", "colonia",
    "fracc", "fraccionamiento", "fracionamiento", "ej", "ejido", "unidad", "u", "hab",
    "conjunto", "residencial", "barrio"})
# Type words that say the operator means a settlement, not a street (or the reverse).
SETTLEMENT_WORDS = frozenset({"col", "colonia", "fracc", "fraccionamiento", "fracionamiento",
                              "ej", "ejido", "unidad", "u", "hab", "conjunto", "residencial",
                              "barrio"})
STREET_WORDS = TYPE_WORDS - SETTLEMENT_WORDS
_KEEP = {ord(ch): " " for ch in ".,;:#/\\-_'\"()[]{}!?¿¡°º"}


def fold(text: str) -> str:
    """Lower case, accents and punctuation removed, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_KEEP))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def name_tokens(text: str) -> tuple[str, ...]:
    """The words that identify a name: folded, type words dropped (unless that is all the
    name has: "Calle 5" keeps "5", a street called "Avenida" keeps "avenida")."""
    words = fold(text).split()
    kept = tuple(w for w in words if w not in TYPE_WORDS)
    return kept or tuple(words)


def typed_kind(text: str) -> str:
    """``street`` or ``colonia`` when the words typed name that kind ("calz", "col."), else ""."""
    words = set(fold(text).split())
    if words & STREET_WORDS:
        return "street"
    if words & SETTLEMENT_WORDS:
        return "colonia"
    return ""
