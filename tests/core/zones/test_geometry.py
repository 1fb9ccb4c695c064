"""Point in polygon, crossing segments and self-crossing polygons: the edge cases."""

from __future__ import annotations

import pytest

from c4console.core.zones.geometry import (
    point_in_polygon,
    polygon_area_m2,
    segments_intersect,
    self_crossing,
    within_m,
)

SQUARE = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)]
# A U shape (concave): the notch between the arms is outside.
U_SHAPE = [(0, 0), (0, 3), (3, 3), (3, 2), (1, 2), (1, 1), (3, 1), (3, 0)]


@pytest.mark.parametrize(("a", "b", "c", "d", "expected"), [
    ((0, 0), (2, 2), (0, 2), (2, 0), True),      # an X
    ((0, 0), (1, 1), (2, 2), (3, 3), False),     # collinear, apart
    ((0, 0), (2, 2), (1, 1), (3, 3), True),      # collinear, overlapping
    ((0, 0), (1, 0), (1, 0), (2, 5), True),      # touching at an end
    ((0, 0), (1, 0), (2, -1), (2, 1), False),    # the line would cross, the segment does not
    ((0, 0), (0, 2), (0, 1), (5, 1), True),      # a T: one end on the other segment
    ((0, 0), (1, 1), (0, 1), (1, 2), False),     # parallel
])
def test_segments_intersect(a, b, c, d, expected):
    assert segments_intersect(a, b, c, d) is expected
    assert segments_intersect(c, d, a, b) is expected  # symmetric


@pytest.mark.parametrize(("point", "expected"), [
    ((0.5, 0.5), True), ((1.5, 0.5), False), ((-0.1, 0.5), False),
    ((0.0, 0.5), True),   # on an edge: the boundary belongs to the zone
    ((1.0, 1.0), True),   # a corner
    ((0.5, 1.0000001), False),
])
def test_point_in_square(point, expected):
    assert point_in_polygon(*point, SQUARE) is expected


@pytest.mark.parametrize(("point", "expected"), [
    ((0.5, 1.5), True), ((2.0, 1.5), False),  # the notch
    ((2.0, 0.5), True), ((2.0, 2.5), True), ((3.5, 1.5), False),
    ((1.0, 1.5), True),  # the notch's bottom edge
    ((2.0, 2.0), True),  # on the arm's edge (horizontal edge on the ray)
])
def test_point_in_concave_polygon(point, expected):
    assert point_in_polygon(*point, U_SHAPE) is expected


def test_ray_through_a_vertex_is_counted_once():
    diamond = [(0, 1), (1, 2), (2, 1), (1, 0)]
    assert point_in_polygon(1.0, 0.5, diamond)  # ray along lat=1 passes corners (1,2) and (1,0)
    assert not point_in_polygon(1.0, -0.5, diamond)
    assert not point_in_polygon(1.0, 2.5, diamond)


def test_self_crossing_polygons_are_found():
    assert self_crossing(SQUARE) is None
    assert self_crossing(U_SHAPE) is None
    bow_tie = [(0, 0), (1, 1), (1, 0), (0, 1)]
    assert self_crossing(bow_tie) == (0, 2)
    spike = [(0, 0), (0, 2), (0, 1), (1, 1)]  # side 2 folds back over side 1
    assert self_crossing(spike) is not None
    repeated = [(0, 0), (0, 1), (0, 1), (1, 1)]
    assert self_crossing(repeated) is not None
    flat = [(0, 0), (0, 1), (0, 2)]
    assert self_crossing(flat) is not None
    touching = [(0, 0), (0, 4), (4, 4), (0, 2), (-1, 1)]  # corner (0, 2) on side 1
    assert self_crossing(touching) is not None


def test_area_and_distance():
    ring = [(32.62, -115.46), (32.62, -115.45), (32.63, -115.45), (32.63, -115.46)]
    assert 0.9e6 < polygon_area_m2(ring) < 1.2e6  # about 1.1 km × 0.94 km
    assert within_m(32.6245, -115.4523, 32.6245, -115.4470, 500)  # ≈ 497 m east
    assert not within_m(32.6245, -115.4523, 32.6245, -115.4466, 500)  # ≈ 534 m
