"""Generate the demo jurisdiction ``cuadrantes.geojson`` (Mexicali-like, NOT official).

Run ``python maps/mexicali/make_cuadrantes.py`` to rewrite the file; the output is
deterministic (fixed seed), so running it again gives the same bytes.

How the tiling works: a grid of vertices (13 columns × 5 rows) covers about
14 km × 9 km around the centre of Mexicali. Interior vertices are nudged at
random so the outlines look less like a chessboard. Every cuadrante is a
horizontal run of grid cells within one row, so its outline is simply the top
vertices left→right then the bottom vertices right→left. Neighbours therefore
share exactly the same vertices: the polygons tile the area with no gaps, no
overlaps and no T-junctions.

Only the standard library is used so a C4 can run it anywhere.
"""

from __future__ import annotations

import json
import math
import random
import re
from pathlib import Path

CENTRE_LAT, CENTRE_LON = 32.6245, -115.4523
WIDTH_M, HEIGHT_M = 14_000.0, 9_000.0
COLS, ROWS = 12, 4  # grid cells; vertices are (COLS + 1) × (ROWS + 1)
SEED = 686  # Mexicali's area code: any fixed number keeps the output stable
JITTER_X, JITTER_Y = 0.18, 0.14  # fraction of a cell; < 0.5 so cells never fold over

# Sectors are blocks of 4 cells × 2 rows: 3 across, 2 down (north row first).
SECTOR_COLS, SECTOR_ROWS = 4, 2

# For each sector: its name and, per row (north first), how the 4 cells are cut
# into cuadrantes (widths in cells) with the colonia of each, west to east.
SECTORS: list[tuple[str, str, list[list[tuple[int, str]]]]] = [
    ("S1", "Centro Histórico", [[(2, "Pueblo Nuevo"), (2, "Centro")],
                                [(2, "Segunda Sección"), (2, "Primera Sección")]]),
    ("S2", "Río Nuevo", [[(4, "Río Nuevo")],
                         [(2, "Nueva"), (2, "Cuauhtémoc")]]),
    ("S3", "Oriente", [[(1, "Independencia"), (3, "Aeropuerto")],
                       [(2, "Libertad"), (2, "Progreso")]]),
    ("S4", "Industrial", [[(2, "Industrial"), (2, "Hidalgo")],
                          [(2, "Esperanza"), (2, "Bellavista")]]),
    ("S5", "Orizaba", [[(1, "Los Pinos"), (2, "Orizaba"), (1, "Conjunto Urbano Orizaba")],
                       [(2, "Jardines del Valle"), (2, "Baja California")]]),
    ("S6", "Valle de Puebla", [[(2, "Villafontana"), (2, "Valle de Puebla")],
                               [(2, "Santa Isabel"), (2, "Alamitos")]]),
]

OUT = Path(__file__).with_name("cuadrantes.geojson")

_M_PER_DEG_LAT = 110_900.0


def _m_per_deg_lon(lat: float) -> float:
    return _M_PER_DEG_LAT * math.cos(math.radians(lat))


def vertex_grid(rng: random.Random) -> list[list[tuple[float, float]]]:
    """(lon, lat) of every grid vertex, ``grid[row][col]``, row 0 at the north edge."""
    west = CENTRE_LON - WIDTH_M / 2 / _m_per_deg_lon(CENTRE_LAT)
    north = CENTRE_LAT + HEIGHT_M / 2 / _M_PER_DEG_LAT
    cell_lon = WIDTH_M / COLS / _m_per_deg_lon(CENTRE_LAT)
    cell_lat = HEIGHT_M / ROWS / _M_PER_DEG_LAT
    grid = []
    for r in range(ROWS + 1):
        row = []
        for c in range(COLS + 1):
            dx = rng.uniform(-JITTER_X, JITTER_X)
            dy = rng.uniform(-JITTER_Y, JITTER_Y)
            # Outer-edge vertices only slide along their edge so the outline stays tidy.
            if c in (0, COLS):
                dx = 0.0
            if r in (0, ROWS):
                dy = 0.0
            lon = round(west + (c + dx) * cell_lon, 6)
            lat = round(north - (r + dy) * cell_lat, 6)
            row.append((lon, lat))
        grid.append(row)
    return grid


def run_ring(grid: list[list[tuple[float, float]]], row: int, first: int, last: int) -> list[list[float]]:
    """Closed outline (counter-clockwise, GeoJSON order) of cells first..last-1 of ``row``."""
    top = [grid[row][c] for c in range(first, last + 1)]
    bottom = [grid[row + 1][c] for c in range(last, first - 1, -1)]
    # Going west→east along the top then back along the bottom is clockwise on a
    # map; reverse it for the right-hand rule GeoJSON (RFC 7946) asks of outer rings.
    ring = list(reversed(top + bottom))
    ring.append(ring[0])
    return [list(p) for p in ring]


def features() -> list[dict]:
    """One GeoJSON Feature per cuadrante."""
    grid = vertex_grid(random.Random(SEED))
    out = []
    for index, (code, name, rows) in enumerate(SECTORS):
        base_col = (index % (COLS // SECTOR_COLS)) * SECTOR_COLS
        base_row = (index // (COLS // SECTOR_COLS)) * SECTOR_ROWS
        number = 0
        for r, cuts in enumerate(rows):
            if sum(width for width, _ in cuts) != SECTOR_COLS:
                raise ValueError(f"sector {code} row {r}: widths must add up to {SECTOR_COLS}")
            col = base_col
            for width, colonia in cuts:
                number += 1
                out.append({
                    "type": "Feature",
                    "properties": {"sector": code, "sector_name": name,
                                   "cuadrante": f"{code}-C{number}", "colonia": colonia},
                    "geometry": {"type": "Polygon",
                                 "coordinates": [run_ring(grid, base_row + r, col, col + width)]},
                })
                col += width
    return out


def render(feats: list[dict]) -> str:
    """The FeatureCollection as text: readable, one coordinate pair per line."""
    collection = {
        "type": "FeatureCollection",
        "name": "mexicali-demo-cuadrantes",
        "description": "Demo jurisdiction for c4console, Mexicali-like. NOT official police sectors.",
        "features": feats,
    }
    text = json.dumps(collection, ensure_ascii=False, indent=2)
    # json puts each number on its own line; keep [lon, lat] pairs together.
    return re.sub(r"\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]", r"[\1, \2]", text) + "\n"


def main() -> None:
    """Write ``cuadrantes.geojson`` beside this script."""
    feats = features()
    OUT.write_text(render(feats), encoding="utf-8")
    print(f"{OUT}: {len(feats)} cuadrantes in {len(SECTORS)} sectors")


if __name__ == "__main__":
    main()
