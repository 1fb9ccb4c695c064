"""Byte and value generators shared by the fuzz targets: arbitrary data, and data close enough
to each protocol's real messages that the parsers get past their first check."""

from __future__ import annotations

from hypothesis import strategies as st

SCALARS = (st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70)
           | st.floats() | st.text(max_size=40))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5)
                    | st.dictionaries(st.text(max_size=12), inner, max_size=6), max_leaves=30)

# Characters a hostile query or header carries: controls, separators, non-ASCII, surrogates escaped.
NASTY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
NUMBERISH = st.sampled_from(["", "0", "-0", "1e309", "-1e309", "nan", "inf", "-inf", "1" * 400,
                             "32.6", "-115.4", "0x10", "1_000", " 12 ", "١٢", "1e-400"]) | NASTY_TEXT


def tweaked(base: dict, values=JSON):
    """``base`` (a real message) with some keys replaced by arbitrary values or removed."""
    keys = sorted(base)
    return st.fixed_dictionaries({}, optional={k: values for k in keys}).flatmap(
        lambda over: st.sets(st.sampled_from(keys) if keys else st.nothing(), max_size=3).map(
            lambda gone: {k: v for k, v in {**base, **over}.items() if k not in gone}))
