"""The location-search bench runs (small sizes), finds what is typed, and reports its figures
beside the plain prefix scan."""

from __future__ import annotations

from benchmarks.places_bench import generate, measure, queries
from c4console.core.places.search import ADDRESS, CROSSING, PlaceIndex


def test_the_bench_reports_per_keystroke_beside_a_prefix_scan():
    result = measure(n_segments=2_000, n_named=200)
    assert result["segments"] == 2_000 and result["colonias_and_landmarks"] == 200
    assert result["found_at_last_keystroke"] == result["queries"]
    assert result["search_per_keystroke_ms"]["n"] == result["plain_prefix_scan_ms"]["n"] > 0


def test_the_scripted_queries_find_their_shape():
    places = generate(2_000, 200)
    index = PlaceIndex(places)
    typed = queries(places, n=10)
    assert index.search(typed[1])[0].kind == ADDRESS
    assert index.search(typed[2])[0].kind == CROSSING
