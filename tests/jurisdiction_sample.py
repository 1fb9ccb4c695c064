"""A tiny jurisdiction unlike the shipped Mexicali one: two sectors of one cuadrante each,
with names no other data file uses, for tests of what the central serves and consoles draw."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SECTORS = ["ZN-PRUEBA", "ZS-PRUEBA"]
CUADRANTES = ["ZN-PRUEBA-C1", "ZS-PRUEBA-C1"]
COLONIAS = ["Colonia Alfa de Prueba", "Colonia Beta de Prueba"]
INSIDE = [(19.4350, -99.1350), (19.4150, -99.1350)]  # (lat, lon) inside each cuadrante


def _feature(n: int, south: float) -> dict[str, Any]:
    west, size = -99.15, 0.02
    ring = [[west, south], [west + size, south], [west + size, south + size],
            [west, south + size], [west, south]]
    return {"type": "Feature",
            "properties": {"sector": SECTORS[n], "sector_name": f"Zona {n} de prueba",
                           "cuadrante": CUADRANTES[n], "colonia": COLONIAS[n]},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


SAMPLE: dict[str, Any] = {"type": "FeatureCollection", "name": "jurisdiccion-de-prueba",
                          "features": [_feature(0, 19.425), _feature(1, 19.405)]}


def write_sample(path: Path, document: dict[str, Any] = SAMPLE) -> Path:
    """Write the sample jurisdiction (pretty-printed, as a GIS export would be) to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return path
