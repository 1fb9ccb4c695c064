"""Type-ahead over the CNIE catalogue (the call-taker's form): code or words, accents and
case ignored, the name's own words before its category's."""

from __future__ import annotations

from c4console.core.calls.type_search import search_types
from c4console.resources import load_catalogue

CATALOGUE = load_catalogue()


def codes(text: str, limit: int = 8) -> list[str]:
    return [t.code for t in search_types(CATALOGUE, text, limit)]


def test_words_find_the_type_by_its_name_first():
    assert codes("violencia fam")[0] == "30503"
    assert codes("VIOLENCIA FAM")[0] == "30503"
    assert codes("fam violencia")[0] == "30503"  # any order still matches
    assert codes("violacion") == ["30707"]  # accents ignored
    assert codes("llamada m")[0] == "70104"


def test_a_code_prefix_lists_its_types_in_code_order_by_priority():
    found = codes("305")
    assert found and all(c.startswith("305") for c in found)
    assert codes("30702") == ["30702"]


def test_nothing_typed_or_nothing_matching_gives_nothing():
    assert codes("") == [] and codes("   ") == []
    assert codes("zzzz") == [] and codes("99999") == []
    assert len(codes("a", limit=3)) <= 3
