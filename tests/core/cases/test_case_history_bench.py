"""The case-history bench runs (small sizes) and reports its figures beside the floor."""

from __future__ import annotations

from benchmarks.case_history_bench import build, measure


def test_the_bench_reports_history_beside_a_dict_lookup_floor():
    result = measure(n_cases=300, n_incidents=3_000, lookups=50)
    assert result["history_ms"]["n"] == 50 and result["dict_lookup_floor_ms"]["n"] == 50
    assert result["prior_incidents_median"] > 0  # the synthetic women do have history


def test_the_synthetic_world_is_what_the_bench_says():
    index, cases, _ = build(n_cases=100, n_incidents=900)
    assert len(index.cases) == 100 and len(index.incidents) == 900
    assert sum(1 for f in index.incidents.facts.values() if f.number.startswith("686")) == 600
