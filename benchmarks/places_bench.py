"""Location search per keystroke (issue 11): 50,000 street segments (5,000 streets) and
2,000 colonias and landmarks, generated; every prefix of scripted queries (a street, a
street and number, a crossing, a colonia, a landmark) is one keystroke.

Target (issue 11): p99 ≤ 30 ms per keystroke. Beside it, in the same run, the plain
approach: a scan of every row's folded name with ``startswith`` (no ranking, no numbers,
no crossings). Pure: no Qt, no I/O.
"""

from __future__ import annotations

import random
import time
from typing import Any

from benchmarks.stats import summary_ms
from c4console.core.places.data import Colonia, Landmark, Places, StreetSegment
from c4console.core.places.fold import fold
from c4console.core.places.search import PlaceIndex

FIRST = ["Uxmal", "Tulum", "Cobá", "Palenque", "Reforma", "Juárez", "Hidalgo", "Morelos",
         "Zaragoza", "Allende", "Aldama", "Guerrero", "Madero", "Carranza", "Zapata", "Villa",
         "Obregón", "Cárdenas", "Colón", "Sierra", "Río", "Lago", "Volcán", "Sierra Madre",
         "Santa", "San", "Nuestra", "Fray", "General", "Ingeniero", "Doctor", "Licenciado",
         "Profesor", "Niños", "Héroes", "Mártires", "Constituyentes", "Insurgentes",
         "Independencia", "Revolución", "Libertad", "Progreso", "Esperanza", "Paz", "Unión",
         "Jardín", "Bosque", "Valle", "Loma", "Cerro"]
SECOND = ["Norte", "Sur", "Oriente", "Poniente", "Grande", "Chico", "de Oro", "Azul", "Verde",
          "Blanco", "de Jesús", "María", "José", "Pedro", "Isabel", "Teresa", "Rosa", "Elena",
          "de la Luz", "del Carmen", "Bravo", "Nazas", "Lerma", "Balsas", "Yaqui", "Mayo",
          "Fuerte", "Sinaloa", "Sonora", "Chihuahua", "Durango", "Nayarit", "Colima", "Jalisco",
          "Tabasco", "Campeche", "Yucatán", "Quintana Roo", "Chiapas", "Oaxaca", "Guerrero",
          "Puebla", "Tlaxcala", "Hidalgo", "Querétaro", "Zacatecas", "Aguascalientes",
          "Tamaulipas", "Coahuila", "Baja California", "Mexicali", "Tecate", "Ensenada",
          "Rosarito", "Tijuana", "San Felipe", "Vicente", "Guadalupe", "Victoria", "Primero"]
KINDS = ["Calle", "Avenida", "Calzada", "Boulevard", "Privada", "Andador"]
TILE_STREETS, BLOCKS = 10, 10  # per tile: 10 north–south and 10 east–west streets, 10 blocks each
STEP = 0.0009  # ~100 m


def generate(n_segments: int = 50_000, n_named: int = 2_000, seed: int = 11) -> Places:
    """Tiles of street grids (every street crosses the others of its tile), colonias and
    landmarks with believable, repeating names."""
    rng = random.Random(seed)
    names = sorted({f"{a} {b}" for a in FIRST for b in SECOND})
    rng.shuffle(names)
    segments: list[StreetSegment] = []
    tile = 0
    street = 0
    while len(segments) < n_segments:
        lat0, lon0 = 32.0 + (tile // 50) * 0.012, -116.0 + (tile % 50) * 0.012
        for axis in ("ns", "ew"):
            for i in range(TILE_STREETS):
                kind, name = rng.choice(KINDS), names[street % len(names)]
                key = f"V{street}"
                street += 1
                for b in range(BLOCKS):
                    if axis == "ns":
                        a, z = (lat0 + b * STEP, lon0 + i * STEP), (lat0 + (b + 1) * STEP, lon0 + i * STEP)
                    else:
                        a, z = (lat0 + i * STEP, lon0 + b * STEP), (lat0 + i * STEP, lon0 + (b + 1) * STEP)
                    segments.append(StreetSegment(key, f"{key}-{b}", kind, name, f"Colonia {tile}",
                                                  max(1, b * 100), b * 100 + 99, *a, *z))
        tile += 1
    colonias = [Colonia(f"{n:04d}", rng.choice(["Colonia", "Fraccionamiento"]),
                        rng.choice(FIRST) + " " + rng.choice(SECOND) + f" {n}",
                        f"21{n % 1000:03d}", 32.5, -115.5) for n in range(n_named // 2)]
    landmarks = [Landmark(f"{rng.choice(['Escuela', 'Hospital', 'Parque', 'Plaza', 'Templo'])} "
                          f"{rng.choice(FIRST)} {n}", "sitio", "", 32.5, -115.5)
                 for n in range(n_named - n_named // 2)]
    return Places(tuple(segments[:n_segments]), tuple(colonias), tuple(landmarks))


def queries(places: Places, n: int = 400, seed: int = 12) -> list[str]:
    """What operators type: streets, street and number, crossings, colonias, landmarks."""
    rng = random.Random(seed)
    out = []
    per_tile = 2 * TILE_STREETS * BLOCKS  # north–south streets' segments first, then east–west
    for k in range(n):
        at = rng.randrange(len(places.streets))
        seg = places.streets[at]
        shape = k % 5
        if shape == 0:
            out.append(f"{seg.name}")
        elif shape == 1:
            out.append(f"{seg.name} {rng.randint(seg.num_from, seg.num_to)}")
        elif shape == 2:  # a crossing: a street of the other axis in the same tile
            base = at // per_tile * per_tile
            axis = (at - base) // (TILE_STREETS * BLOCKS)
            other = places.streets[base + (1 - axis) * TILE_STREETS * BLOCKS
                                   + rng.randrange(TILE_STREETS) * BLOCKS]
            out.append(f"{seg.name} y {other.name}")
        elif shape == 3:
            out.append(rng.choice(places.colonias).name)
        else:
            out.append(rng.choice(places.landmarks).name.lower())
    return out


def measure(n_segments: int = 50_000, n_named: int = 2_000) -> dict[str, Any]:
    """p99 per keystroke of the index and of a plain prefix scan, and the build time."""
    places = generate(n_segments, n_named)
    t0 = time.perf_counter()
    index = PlaceIndex(places)
    built = time.perf_counter() - t0
    rows = ([fold(f"{s.street_type} {s.name}") for s in places.streets]
            + [fold(c.name) for c in places.colonias] + [fold(m.name) for m in places.landmarks])
    typed = queries(places)
    ours, scan = [], []
    found = 0
    for text in typed:
        for end in range(1, len(text) + 1):
            prefix = text[:end]
            t = time.perf_counter()
            hits = index.search(prefix)
            ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            wanted = fold(prefix)
            [r for r in rows if r.startswith(wanted)][:10]
            scan.append(time.perf_counter() - t)
        found += bool(hits)
    return {"segments": len(places.streets), "streets": len(index) - len(places.colonias)
            - len(places.landmarks), "colonias_and_landmarks": len(places.colonias) + len(places.landmarks),
            "queries": len(typed), "keystrokes": len(ours), "found_at_last_keystroke": found,
            "build_s": round(built, 2), "search_per_keystroke_ms": summary_ms(ours),
            "plain_prefix_scan_ms": summary_ms(scan), "target_p99_ms": 30.0,
            "meets_target": summary_ms(ours)["p99"] <= 30.0}


def run(qapp: object = None) -> dict[str, Any]:
    """The section for ``benchmarks.run`` (no Qt needed)."""
    return measure()
