"""Generate the demo jurisdiction's places: ``streets.csv``, ``colonias.csv`` and
``landmarks.csv`` (Mexicali-like, NOT official), for the call-taker's location search.

Run ``python maps/mexicali/make_streets.py`` after ``make_cuadrantes.py``; the output is
deterministic (fixed seed), so running it again gives the same bytes.

The streets are a grid laid over the demo cuadrantes: *calles* running north–south every
400 m, named after Mesoamerican cities (as in several Mexicali colonias), and
*avenidas* running east–west, named after heroes and rivers (Palenque among them, so
"Uxmal y Palenque" is a crossing). Each street is cut into one segment per block, whose
ends are the crossings, numbered 100 per block from its west or south end (odd and
even sides are not told apart). A segment belongs to the colonia of the cuadrante its
middle falls in; segments outside every cuadrante are left out. Colonias are the
cuadrantes' colonias at the middle of their first cuadrante; landmarks are placed at
random inside the jurisdiction. The columns follow INEGI's Marco Geoestadístico (ejes de
vialidad: CVEVIAL, CVESEG, TIPOVIAL, NOMVIAL) and the Catálogo de asentamientos
(CVE_ASEN, TIPO_ASEN, NOM_ASEN, CP), lower-cased; see maps/README.md.

Only the standard library is used so a C4 can run it anywhere.
"""

from __future__ import annotations

import csv
import json
import math
import random
from pathlib import Path

HERE = Path(__file__).parent
CUADRANTES = HERE / "cuadrantes.geojson"
SEED = 686
BLOCK_M = 400.0
NUMBERS_PER_BLOCK = 100
_M_PER_DEG_LAT = 110_900.0

CALLES = ["Uxmal", "Chichén Itzá", "Tulum", "Cobá", "Mayapán", "Kabah", "Sayil", "Labná",
          "Edzná", "Calakmul", "Bonampak", "Yaxchilán", "Tikal", "Copán", "Comalcalco",
          "Becán", "Xpujil", "Dzibilchaltún", "Ek Balam", "Izamal", "Tenochtitlan",
          "Teotihuacan", "Tula", "Mitla", "Monte Albán", "Cholula", "Xochicalco", "El Tajín",
          "Tzintzuntzan", "Paquimé", "Cacaxtla", "Malinalco", "Tamuín", "Cantona", "Toniná",
          "Xcaret", "Xel-Há"]
AVENIDAS = [("Avenida", "Palenque"), ("Calzada", "Independencia"), ("Avenida", "Reforma"),
            ("Avenida", "Benito Juárez"), ("Avenida", "Francisco I. Madero"),
            ("Boulevard", "Lázaro Cárdenas"), ("Avenida", "Álvaro Obregón"),
            ("Avenida", "Justo Sierra"), ("Avenida", "Zaragoza"), ("Avenida", "Hidalgo"),
            ("Avenida", "Morelos"), ("Avenida", "Allende"), ("Avenida", "Aldama"),
            ("Avenida", "Vicente Guerrero"), ("Avenida", "Río Nuevo"),
            ("Avenida", "Río Colorado"), ("Avenida", "Cristóbal Colón"),
            ("Avenida", "Venustiano Carranza"), ("Avenida", "Emiliano Zapata"),
            ("Avenida", "Pino Suárez"), ("Avenida", "Josefa Ortiz de Domínguez"),
            ("Avenida", "Leona Vicario"), ("Avenida", "Belisario Domínguez")]
FRACCIONAMIENTOS = {"Villafontana", "Jardines del Valle", "Conjunto Urbano Orizaba",
                    "Valle de Puebla", "Santa Isabel", "Los Pinos"}
LANDMARKS = [("Hospital General de Mexicali", "Hospital"), ("Centro Cívico", "Gobierno"),
             ("Plaza Cachanilla", "Centro comercial"), ("Parque Vicente Guerrero", "Parque"),
             ("Bosque de la Ciudad", "Parque"), ("Catedral de Nuestra Señora de Guadalupe",
                                                 "Templo"),
             ("Central de Autobuses", "Transporte"), ("Garita Centro", "Cruce fronterizo"),
             ("Universidad Autónoma de Baja California", "Universidad"),
             ("Instituto Tecnológico de Mexicali", "Universidad"),
             ("Hospital Materno Infantil", "Hospital"), ("Clínica 30 IMSS", "Hospital"),
             ("Centro de Justicia para las Mujeres", "Gobierno"), ("DIF Municipal", "Gobierno"),
             ("Plaza de Toros Calafia", "Recreación"), ("Mercado Municipal", "Mercado"),
             ("Teatro del Estado", "Cultura"), ("Parque Constitución", "Parque"),
             ("Secundaria Técnica 4", "Escuela"), ("Primaria Benito Juárez", "Escuela"),
             ("Escuela Normal Urbana", "Escuela"), ("Centro Comunitario Río Nuevo", "Social"),
             ("Cruz Roja Mexicali", "Emergencias"), ("Estación Central de Bomberos",
                                                     "Emergencias"),
             ("Comandancia Sur", "Policía"), ("Ciudad Deportiva", "Deporte"),
             ("Panteón Municipal", "Panteón"), ("Parque Industrial El Vigía", "Industria"),
             ("Aeropuerto Internacional de Mexicali", "Transporte"),
             ("Iglesia de San Judas Tadeo", "Templo")]


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _colonia_at(features: list[dict], lat: float, lon: float) -> str | None:
    for feature in features:
        if _inside(lon, lat, feature["geometry"]["coordinates"][0]):
            return feature["properties"].get("colonia") or ""
    return None


def _bounds(features: list[dict]) -> tuple[float, float, float, float]:
    points = [p for f in features for p in f["geometry"]["coordinates"][0]]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lats), min(lons), max(lats), max(lons)


def streets(features: list[dict]) -> list[dict[str, str]]:
    """One row per block of every street of the grid, inside the cuadrantes."""
    south, west, north, east = _bounds(features)
    step_lat = BLOCK_M / _M_PER_DEG_LAT
    step_lon = BLOCK_M / (_M_PER_DEG_LAT * math.cos(math.radians((south + north) / 2)))
    lats = [round(south + step_lat * (i + 0.5), 6) for i in range(int((north - south) / step_lat))]
    lons = [round(west + step_lon * (i + 0.5), 6) for i in range(int((east - west) / step_lon))]
    rows = []

    def add(key: str, kind: str, name: str, n: int, a: tuple[float, float],
            b: tuple[float, float]) -> None:
        colonia = _colonia_at(features, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        if colonia is None:
            return
        rows.append({"cvevial": key, "cveseg": f"{key}-{n:03d}", "tipovial": kind,
                     "nomvial": name, "colonia": colonia,
                     "num_ini": str(max(1, n * NUMBERS_PER_BLOCK)),
                     "num_fin": str(n * NUMBERS_PER_BLOCK + NUMBERS_PER_BLOCK - 1),
                     "lat_ini": f"{a[0]:.6f}", "lon_ini": f"{a[1]:.6f}",
                     "lat_fin": f"{b[0]:.6f}", "lon_fin": f"{b[1]:.6f}"})

    for i, lon in enumerate(lons):  # calles, north–south, numbered from the south
        name = CALLES[i % len(CALLES)] + ("" if i < len(CALLES) else " Poniente")
        for n in range(len(lats) - 1):
            add(f"V{1000 + i}", "Calle", name, n, (lats[n], lon), (lats[n + 1], lon))
    for j, lat in enumerate(lats):  # avenidas, east–west, numbered from the west
        kind, name = AVENIDAS[j % len(AVENIDAS)]
        name += "" if j < len(AVENIDAS) else " Sur"
        for n in range(len(lons) - 1):
            add(f"V{2000 + j}", kind, name, n, (lat, lons[n]), (lat, lons[n + 1]))
    return rows


def colonias(features: list[dict]) -> list[dict[str, str]]:
    """Each colonia once, at the middle of its first cuadrante."""
    rows, seen = [], set()
    for feature in features:
        name = feature["properties"].get("colonia") or ""
        if not name or name in seen:
            continue
        seen.add(name)
        ring = feature["geometry"]["coordinates"][0][:-1]
        lon = sum(p[0] for p in ring) / len(ring)
        lat = sum(p[1] for p in ring) / len(ring)
        rows.append({"cve_asen": f"{len(rows) + 1:04d}",
                     "tipo_asen": "Fraccionamiento" if name in FRACCIONAMIENTOS else "Colonia",
                     "nom_asen": name, "cp": f"21{(len(rows) * 7) % 1000:03d}",
                     "lat": f"{lat:.6f}", "lon": f"{lon:.6f}"})
    return rows


def landmarks(features: list[dict], rng: random.Random) -> list[dict[str, str]]:
    """The landmarks at random points inside the jurisdiction."""
    south, west, north, east = _bounds(features)
    rows = []
    for name, kind in LANDMARKS:
        while True:
            lat, lon = rng.uniform(south, north), rng.uniform(west, east)
            colonia = _colonia_at(features, lat, lon)
            if colonia is not None:
                break
        rows.append({"nombre": name, "tipo": kind, "colonia": colonia,
                     "lat": f"{lat:.6f}", "lon": f"{lon:.6f}"})
    return rows


def write(path: Path, rows: list[dict[str, str]]) -> None:
    """A UTF-8 CSV with a header, LF line ends."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    """Write the three files beside this script."""
    features = json.loads(CUADRANTES.read_text(encoding="utf-8"))["features"]
    made = {"streets.csv": streets(features), "colonias.csv": colonias(features),
            "landmarks.csv": landmarks(features, random.Random(SEED))}
    for name, rows in made.items():
        write(HERE / name, rows)
        print(f"{HERE / name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
