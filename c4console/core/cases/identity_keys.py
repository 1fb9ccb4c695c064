"""Keys that say two records name the same person or the same number, however typed.

Mexican numbers are compared on their last ten digits: ``+52 686 699 3671``,
``6866993671`` and the WhatsApp id ``5216866993671`` (the old mobile ``1``) are one
number. Names are compared without accents, case or repeated spaces.
"""

from __future__ import annotations

import unicodedata

NATIONAL_DIGITS = 10
MIN_NUMBER_DIGITS = 7  # shorter strings are extensions or typos, never matched


def number_key(text: str) -> str:
    """The comparable form of a phone or WhatsApp number; ``""`` if it is not one."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) < MIN_NUMBER_DIGITS:
        return ""
    return digits[-NATIONAL_DIGITS:]


def looks_like_number(text: str) -> bool:
    """True if the text is a phone number (digits, spaces, +, -, parentheses, dots)."""
    stripped = text.strip()
    return (bool(stripped) and all(ch.isdigit() or ch in " +-()." for ch in stripped)
            and bool(number_key(stripped)))


def name_key(name: str) -> str:
    """The comparable form of a person's name: no accents, casefolded, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
