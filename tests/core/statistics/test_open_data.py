"""Open data (issue 14, pure): whole months, every colonia a row, cells under 5 (zero
included) shown as "<5", complementary suppression so no row or column total recovers a
suppressed cell, and her presence not confirmed: the export with her incident and
without it is the same."""

from __future__ import annotations

from datetime import date

import pytest

from c4console.core.statistics.open_data import (
    NO_COLONIA,
    SUPPRESSED,
    months_of,
    open_data_period,
    open_data_table,
    suppress,
)
from c4console.core.statistics.period import ReportRefused
from tests.core.statistics.attacker import published_grid, unrecoverable

TZ = "America/Tijuana"
Q1 = open_data_period("2026-01", "2026-03", TZ)
COLONIAS = ("Centro", "Loma Linda", "Pueblo Nuevo", "Robledo")
# Centro's February (3) is the only small cell of its row: the row's total would give it.
# Loma Linda's February is her alone. Pueblo Nuevo's March is exactly 5.
GRID = {"Centro": (12, 3, 20), "Pueblo Nuevo": (6, 7, 5), "Loma Linda": (8, 1, 9),
        "Robledo": (5, 6, 7)}


def counts(grid: dict[str, tuple[int, ...]]) -> dict[tuple[str, str], int]:
    return {(m, col): n for col, row in grid.items() for m, n in zip(months_of(Q1), row, strict=True)
            if n}


def test_periods_are_whole_months_and_bad_ones_are_refused():
    p = open_data_period("2026-01-17", "2026-03-02", TZ)
    assert (p.first, p.last) == (date(2026, 1, 1), date(2026, 3, 31))
    assert months_of(p) == ("2026-01", "2026-02", "2026-03")
    assert months_of(open_data_period("2025-12", "2026-01", TZ)) == ("2025-12", "2026-01")
    for first, last, words in (("2026-03", "2026-01", "before it starts"),
                               ("2020-01", "2026-01", "over 5 years"),
                               ("2026-13", "2026-12", "not a date"), ("", "2026-01", "not a date"),
                               ("2026-01", "2026-1", "not a date"), ("2026-01", "", "not a date"),
                               ("2026-01", "9999-12", "too far"), ("2026-01", "2026-02-30", "not a date")):
        with pytest.raises(ReportRefused, match=words):
            open_data_period(first, last, TZ)


def test_small_cells_and_their_complements_are_suppressed_and_five_is_shown():
    table = open_data_table(counts(GRID), COLONIAS, Q1)
    assert table.colonias == ("Centro", "Loma Linda", "Pueblo Nuevo", "Robledo")
    grid = published_grid(table.cells())
    assert grid[("2026-02", "Loma Linda")] == SUPPRESSED  # her
    assert grid[("2026-02", "Centro")] == SUPPRESSED
    assert grid[("2026-03", "Pueblo Nuevo")] == 5  # exactly 5: published
    # Centro's row had one small cell: its smallest other cell (January, 12) goes too; so
    # does Loma Linda's January (8) for her row. January's column then holds two.
    assert grid[("2026-01", "Centro")] == SUPPRESSED
    assert grid[("2026-01", "Loma Linda")] == SUPPRESSED
    assert [v for (m, _c), v in grid.items() if v == SUPPRESSED and m == "2026-03"] == []
    assert grid[("2026-01", "Robledo")] == 5
    assert grid[("2026-03", "Centro")] == 20
    assert unrecoverable(grid) == []


def test_the_export_is_the_same_with_her_and_without_her():
    """The attacker knows her colonia and month: whether she called or not, she reads the
    same export (zero is shown as "<5" as well), so nothing confirms her presence."""
    with_her = open_data_table(counts(GRID), COLONIAS, Q1)
    without = open_data_table(counts({**GRID, "Loma Linda": (8, 0, 9)}), COLONIAS, Q1)
    assert with_her.cells() == without.cells()
    assert with_her.counts != without.counts


def test_every_colonia_is_a_row_and_incidents_without_one_are_counted_apart():
    table = open_data_table({("2026-01", "Centro"): 7, ("2026-01", ""): 2}, COLONIAS, Q1)
    assert table.colonias == (*COLONIAS, NO_COLONIA)
    grid = published_grid(table.cells())
    assert grid[("2026-01", NO_COLONIA)] == SUPPRESSED and grid[("2026-02", "Robledo")] == SUPPRESSED
    assert unrecoverable(grid) == []


@pytest.mark.parametrize("seed", range(40))
def test_no_row_or_column_ever_holds_a_single_suppressed_cell(seed):
    import random

    rng = random.Random(seed)
    rows, cols = rng.randint(1, 7), rng.randint(1, 7)
    grid = [[rng.choice((0, 1, 3, 4, 5, 6, 9, 15, 40)) for _ in range(cols)] for _ in range(rows)]
    hidden = suppress(grid)
    assert {(r, c) for r in range(rows) for c in range(cols) if grid[r][c] < 5} <= hidden
    for r in range(rows):
        if cols > 1:
            assert sum((r, c) in hidden for c in range(cols)) != 1, (grid, hidden)
    for c in range(cols):
        if rows > 1:
            assert sum((r, c) in hidden for r in range(rows)) != 1, (grid, hidden)
